"""Site memory: lines a site repeats on its other pages are evidence of junk."""

import json
import os
import tempfile

import sidebarspam

clf = sidebarspam.Classifier()
memory = sidebarspam.SiteMemory()  # bounded: 10,000 sites, 4,096 lines each, 1,000-page window
with open("examples/crawl.jsonl", encoding="utf-8") as f:
    pages = [p for p in map(json.loads, f) if "text" in p]
for day in ("monday", "tuesday"):  # the same site crawled twice
    texts = [p["text"] for p in pages]
    docs = clf.score_batch(texts, sites=["news.example"] * len(pages), memory=memory)
    for page, doc in zip(pages, docs):
        seen = sum(any(r.startswith("site_seen:") for r in line.reasons) for line in doc.lines)
        print(day, page["id"], f"{seen}/{len(doc.lines)} lines seen on the site's other pages")

path = os.path.join(tempfile.mkdtemp(), "memory.bin")
memory.save(path)
worker = sidebarspam.SiteMemory.load(path)  # e.g. another machine's copy
worker.merge(memory)  # counts add up
widget = "이 글자크기로 변경됩니다."
print("pages with the widget line:", memory.count("news.example", widget), worker.count("news.example", widget))
