"""Score and clean a page given as HTML (README "HTML in")."""

import sidebarspam

clf = sidebarspam.Classifier()
page = """<html><head><meta charset="euc-kr"><title>Riverside Gazette</title></head><body>
<nav><a href="/">홈</a> <a href="/news">뉴스</a> <a href="/sports">스포츠</a></nav>
<article><h1>리버사이드 도서관, 2년 만에 다시 문 열어</h1>
<p>리버사이드 시립도서관이 2년간의 공사를 마치고 토요일 다시 문을 열었다고 시가 밝혔다.</p>
<p>새 건물에는 어린이 열람실과 옥상 정원이 생겼으며 평일에는 밤 10시까지 운영한다.</p></article>
<footer>Copyright (c) 리버사이드 가제트. 무단전재 및 재배포 금지.</footer></body></html>""".encode("euc-kr")
doc = clf.score_html(page)  # bytes as crawled: decoded by BOM, UTF-8, <meta charset> or windows-1252
print("encoding:", doc.encoding, doc.encoding_source)
for line in doc.html_lines:  # each Line plus its dom_path and dom features
    print(f"{line.label:<12} {line.dom_path:<28} {line.text[:30]}")
article = clf.clean_html(page)  # the body lines, one per line
assert "무단전재" not in article
