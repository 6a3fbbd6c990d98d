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
from dataclasses import dataclass
from typing import Sequence

__all__ = ["Recovery", "carry_labels"]


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
