"""Carry line labels from a labelled page onto the lines the HTML front end makes of its HTML.

The labelled pages of ``../shared/data/html`` were turned into lines by recipes close to, but
not always the same as, ours (the Korean one is a streaming parser with other block tags). Lines
are matched by text, in order (a diff of the two line sequences), after the same whitespace
collapse; a line of ours that matches no labelled line exactly takes the label of the labelled
line whose text contains it or is contained in it, within the aligned stretch, else stays
unlabelled ("unk").
"""

from __future__ import annotations

import difflib
import json
import os
from dataclasses import dataclass
from typing import Any, Callable, Collection, Sequence

from .data import LabelledDocument

__all__ = ["Recovery", "carry_labels", "html_training_payload"]


def _norm(text: str) -> str:
    return " ".join(text.split())


@dataclass
class Recovery:
    labelled: int = 0  # labelled lines of the source page (unk excluded)
    exact: int = 0  # of them, found as a line of ours with the same text
    covered: int = 0  # of them, found exactly or as part of / containing a line of ours

    def add(self, other: Recovery) -> None:
        self.labelled += other.labelled
        self.exact += other.exact
        self.covered += other.covered


def carry_labels(ours: Sequence[str], labelled: Sequence[tuple[str, str]]) -> tuple[list[str], Recovery]:
    """Labels for each of ``ours`` (from ``labelled``: (text, label) pairs) and how many labelled
    lines were recovered."""
    a = [_norm(t) for t in ours]
    b = [_norm(t) for t, _ in labelled]
    out = ["unk"] * len(a)
    found = [False] * len(b)
    partial = [False] * len(b)
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            for k in range(i2 - i1):
                out[i1 + k] = labelled[j1 + k][1]
                found[j1 + k] = True
            continue
        # An unequal stretch: a line of ours inside one of theirs (or the other way round).
        for i in range(i1, i2):
            for j in range(j1, j2):
                if a[i] and b[j] and (a[i] in b[j] or b[j] in a[i]):
                    out[i] = labelled[j][1]
                    partial[j] = True
                    break
    rec = Recovery()
    for j, (_, label) in enumerate(labelled):
        if label == "unk":
            continue
        rec.labelled += 1
        rec.exact += found[j]
        rec.covered += found[j] or partial[j]
    return out, rec


def html_training_payload(
    config: dict[str, Any],
    data_root: str,
    split: str,
    exclude_groups: Collection[str] = (),
    log: Callable[[str], None] = print,
) -> list[tuple[list[tuple[str, str, str]], int, str]]:
    """Training documents for the line model from the config's ``html_line_data`` (files of
    labelled pages with their ``html``, relative to data_root): the front end's lines with the
    labels carried onto them, each with its DOM tokens. Same site-level split and exclusions as
    the text corpora; lines no labelled line matches are context only."""
    from . import _core
    from .data import group_key, is_dev
    from .stream import open_input
    from .training import _training_labels

    repeat = config.get("repeat_by_lang", {})
    payload: list[tuple[list[tuple[str, str, str]], int, str]] = []
    total = Recovery()
    for rel in config.get("html_line_data", []):
        with open_input(os.path.join(data_root, rel)) as f:
            for raw in f:
                if not raw.strip():
                    continue
                row = json.loads(raw)
                group = group_key(row)
                if group in exclude_groups:
                    continue
                if split != "all" and (split == "dev") != is_dev(group, config.get("dev_percent", 20)):
                    continue
                page = _core.html_to_lines(row["html"])
                texts = [page.text[l.start : l.end].decode("utf-8", "replace") for l in page.lines]
                values = [(l["text"], f"{l['label']}\t{int(bool(l.get('tail', False)))}") for l in row["lines"]]
                carried, rec = carry_labels(texts, values)
                total.add(rec)
                labels = [v.split("\t")[0] if v != "unk" else "unk" for v in carried]
                tails = [v.endswith("\t1") for v in carried]
                binary = any("tail" in l or l.get("label") in ("junk", "unk") for l in row["lines"])
                doc = LabelledDocument(id=str(row.get("id", "")), group=group, lang=str(row.get("lang", "und")),
                                       page_type=row.get("page_type"), lines=list(zip(texts, labels)), tail=tails,
                                       binary=binary)
                mapped = _training_labels(doc)
                lines = [(text, label, _core.dom_model_tokens(l.dom))
                         for (text, label), l in zip(mapped, page.lines)]
                payload.append((lines, int(repeat.get(doc.lang, repeat.get("default", 1))), group))
    if payload:
        log(f"html line data: {len(payload)} pages, {sum(len(p[0]) for p in payload)} lines; "
            f"{total.exact}/{total.labelled} labelled lines recovered exactly, {total.covered} in all")
    return payload
