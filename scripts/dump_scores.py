"""Every line's verdict on the given .jsonl.gz files, one text line each, for diffing two builds
(speed work that must not change a result: issue 16).

    python scripts/dump_scores.py ../shared/data/ko/ko_docs.jsonl.gz ... > scores.txt

Per line: document, line index, label, every probability (repr: all the bits), clickbait,
is_clickbait, reasons; then per document its spam score and blocks. Scored with score_batch,
and again with a site memory (pages in order, by their "site") so the site-memory tokens
are exercised when the model uses them.
"""
import gzip
import json
import sys

import sidebarspam


def documents(path):
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            doc = json.loads(line)
            yield doc.get("site", ""), "\n".join(l["text"].replace("\n", " ") for l in doc["lines"])


def dump(name, docs, out):
    for d, doc in enumerate(docs):
        for line in doc.lines:
            probs = " ".join(f"{k}={v!r}" for k, v in sorted(line.probabilities.items()))
            out.write(f"{name}\t{d}\t{line.index}\t{line.label}\t{probs}\t{line.clickbait!r}\t{line.is_clickbait}\t"
                      f"{'|'.join(line.reasons)}\n")
        out.write(f"{name}\t{d}\tpage\t{doc.spam_score!r}\t{[b.to_dict() for b in doc.blocks]}\t"
                  f"{doc.trailing_block.to_dict() if doc.trailing_block else None}\n")


def main():
    c = sidebarspam.Classifier()
    out = sys.stdout
    for path in sys.argv[1:]:
        sites, texts = zip(*documents(path))
        dump(path, c.score_batch(list(texts), 2), out)
        memory = sidebarspam.SiteMemory()
        dump(path + "+memory", c.score_batch(list(texts), 2, sites=list(sites), memory=memory), out)


if __name__ == "__main__":
    main()
