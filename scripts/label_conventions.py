#!/usr/bin/env python3
"""How each labelled corpus labels the line kinds whose label is a convention, not a fact.

Bylines, e-mail lines, photo and production credits, transcript speaker markers and short
photo captions sit between article and chrome; the corpora were labelled by different
recipes (ko/SOURCES.md), so a kind labelled body in one corpus and boilerplate in another
teaches the model two answers, and a dev split can test a convention the training split
never shows. This prints, per corpus and site-level split, how often each kind carries each
label, so a relabelling decision (issue 13, item 3) rests on counts.

    python scripts/label_conventions.py [--data-root ../shared/data] [--examples 2]

Reads the data at run time; prints counts and a few example lines to the terminal only.
"""
from __future__ import annotations

import argparse
import collections
import os
import re

from sidebarspam.data import in_dev_split, read_documents

# The kinds, as seen in the corpora (not product rules: models/rules.tsv holds those).
LINE_KINDS = {
    "byline only": re.compile(r"^[^.?!]{0,30}[가-힣]{2,4}\s*(기자|특파원|에디터|캐스터)(\s|$)[^.?!]{0,40}$"),
    "e-mail, short line": re.compile(r"^.{0,60}[\w.+-]+@[\w-]+(\.[\w-]+)+\s*$"),
    "e-mail ending a paragraph": re.compile(r"^.{61,}[\w.+-]+@[\w-]+(\.[\w-]+)+\s*$"),
    "photo credit (사진=…)": re.compile(r"^\s*[(\[]\s*(사진|자료|그래픽|출처|사진제공)\s*[=:]"),
    "production credit (영상편집 : …)": re.compile(r"^\s*\(\s*(영상|촬영|편집|취재|구성|디자인|화면)[^()]{0,8}:"),
    "speaker marker (<앵커>, [기자])": re.compile(r"^[<\[〈【]\s*(앵커|기자|리포트|인터뷰|녹취)\s*[>\]〉】]$"),
    "short caption (▲ …, < 40 chars)": re.compile(r"^▲.{1,38}$"),
}

CORPORA = ["ko/ko_docs.jsonl.gz", "ko/ko_real_pages.jsonl.gz"]


def count(path: str, examples: int) -> tuple[collections.Counter, dict]:
    counts: collections.Counter = collections.Counter()
    shown: dict = collections.defaultdict(list)
    for doc in read_documents(path):
        split = "dev" if in_dev_split(doc.group) else "train"
        for text, label in doc.lines:
            line = " ".join(text.split())
            for kind, pattern in LINE_KINDS.items():
                if pattern.search(line):
                    counts[(kind, split, label)] += 1
                    if len(shown[(kind, label)]) < examples:
                        shown[(kind, label)].append(line[:50])
    return counts, shown


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data-root", default=os.path.join(os.path.dirname(__file__), "..", "..", "shared", "data"))
    parser.add_argument("--examples", type=int, default=2, help="example lines shown per kind and label")
    args = parser.parse_args()
    for rel in CORPORA:
        counts, shown = count(os.path.join(args.data_root, rel), args.examples)
        print(f"\n{rel}")
        print(f"  {'kind':36} {'split':5}  body  boilerplate  sidebar")
        for kind in LINE_KINDS:
            for split in ("train", "dev"):
                row = [counts[(kind, split, label)] for label in ("body", "boilerplate", "sidebar")]
                if any(row):
                    print(f"  {kind:36} {split:5} {row[0]:5} {row[1]:12} {row[2]:8}")
            for label in ("body", "boilerplate", "sidebar"):
                if shown[(kind, label)]:
                    print(f"      {label}: " + " | ".join(shown[(kind, label)]))


if __name__ == "__main__":
    main()
