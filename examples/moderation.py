"""Flag pages that end in a sensational link list, and keep only their article text."""
import json
import sys

import sidebarspam

clf = sidebarspam.Classifier()
records = [json.loads(line) for line in open("examples/crawl.jsonl", encoding="utf-8")]
pages = [r for r in records if isinstance(r.get("text"), str)]
for record, doc in zip(pages, clf.score_batch([r["text"] for r in pages])):
    sidebar = [line.text for line in doc.lines if line.label == "sidebar"]
    verdict = {"id": record["id"], "sidebar_lines": len(sidebar), "spam_score": round(doc.spam_score, 3)}
    json.dump(verdict, sys.stdout)
    print()
