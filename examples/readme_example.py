import sidebarspam

clf = sidebarspam.Classifier()  # the bundled default model
text = open("examples/article-ko.txt", encoding="utf-8").read()
doc = clf.score(text)
for line in doc.lines:
    print(f"{line.label:<12} {line.text[:40]}")
print("trailing block:", doc.trailing_block, "spam score:", round(doc.spam_score, 2))
body_only = clf.clean(text)  # kept lines are byte-identical
assert "무단전재" not in body_only
