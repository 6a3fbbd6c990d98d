"""Line filters people use today, re-implemented from their published rules, for
``sidebarspam eval --baseline NAME``. Each takes the lines of one document and returns a
label per line ("body" = kept, "boilerplate" = removed); none of them knows about sidebars.

- ``c4``: the C4 line rules (Raffel et al. 2020, tensorflow/datasets ``c4_utils``, datatrove
  ``C4QualityFilter`` defaults): drop a line with fewer than 3 words, without terminal
  punctuation (. ! ? "), containing "javascript", or containing a cookie/policy phrase.
- ``fineweb``: FineWeb's line-level step, datatrove ``C4QualityFilter(filter_no_terminal_punct=False)``:
  the C4 rules without the terminal-punctuation rule. (FineWeb's other filters judge whole
  documents, not lines.)
- ``rules``: our rules file alone: a line is junk when a boilerplate, anchor or sidebar rule
  matches and no body rule does (the ablation of the model).
"""

from __future__ import annotations

from typing import Callable, Sequence

__all__ = ["BASELINES", "c4_line_labels", "fineweb_line_labels", "rules_only_labels"]

_END_MARKS = (".", "?", "!", '"', "'", "”", "’", "…", "。")
_POLICY = (
    "terms of use",
    "privacy policy",
    "cookie policy",
    "uses cookies",
    "use of cookies",
    "use cookies",
)
_MIN_WORDS = 3


def _c4_keeps(line: str, terminal_punct: bool) -> bool:
    text = line.strip()
    if len(text.split()) < _MIN_WORDS:
        return False
    if terminal_punct and not text.endswith(_END_MARKS):
        return False
    lower = text.lower()
    if "javascript" in lower:
        return False
    return not any(p in lower for p in _POLICY)


def c4_line_labels(lines: Sequence[str]) -> list[str]:
    return ["body" if _c4_keeps(l, True) else "boilerplate" for l in lines]


def fineweb_line_labels(lines: Sequence[str]) -> list[str]:
    return ["body" if _c4_keeps(l, False) else "boilerplate" for l in lines]


def rules_only_labels(reasons: Sequence[Sequence[str]], hints: dict[str, str]) -> list[str]:
    """Labels from rule matches alone (the classifier's RE2 pass reports them as reasons;
    ``hints`` is ``Classifier.rule_hints``)."""
    out = []
    for line_reasons in reasons:
        matched = {hints[r[5:]] for r in line_reasons if r.startswith("rule:") and r[5:] in hints}
        matched.discard("clickbait")  # clickbait cues say nothing about a line's label
        if "body" in matched or not matched:
            out.append("body")
        elif matched == {"sidebar"}:
            out.append("sidebar")
        else:
            out.append("boilerplate")
    return out


# Baselines that label lines from their text alone, by name.
LINE_BASELINES: dict[str, Callable[[Sequence[str]], list[str]]] = {"c4": c4_line_labels, "fineweb": fineweb_line_labels}
# Every baseline `sidebarspam eval --baseline` knows ("rules": our rules file alone).
BASELINES: tuple[str, ...] = (*LINE_BASELINES, "rules")
