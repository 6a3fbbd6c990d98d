"""Line-level metrics of a classifier on labelled documents (``sidebarspam eval``)."""

from __future__ import annotations

import time
from collections import Counter
from typing import Any, Iterable, Sequence

from .data import LabelledDocument

__all__ = ["calibration_table", "document_text", "evaluate", "evaluate_headlines", "evaluate_spam_scores", "prf", "roc_auc"]

JUNK = "junk"


def prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    """Precision, recall and F1; 0.0 where the denominator is empty."""
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": p, "recall": r, "f1": f}


def _tail(labels: Sequence[str | None]) -> list[bool]:
    """Lines that are junk and come after the last body line (None = unlabelled, skipped)."""
    last_body = max((i for i, l in enumerate(labels) if l == "body"), default=-1)
    return [i > last_body and l is not None and l != "body" for i, l in enumerate(labels)]


# A trailing list is a run of at least this many gold sidebar lines after the last body line.
TRAILING_LIST_MIN_LINES = 2
# It counts as found when the predicted trailing block covers this share of it, with no gold
# body line inside the block.
TRAILING_LIST_COVERAGE = 0.8


def _longest_sidebar_run_after_body(gold: Sequence[str | None]) -> tuple[int, int] | None:
    """(first, last) of the longest run of consecutive gold sidebar lines after the last body line."""
    last_body = max((i for i, l in enumerate(gold) if l == "body"), default=-1)
    best: tuple[int, int] | None = None
    i = last_body + 1
    while i < len(gold):
        if gold[i] != "sidebar":
            i += 1
            continue
        j = i
        while j + 1 < len(gold) and gold[j + 1] == "sidebar":
            j += 1
        if best is None or j - i > best[1] - best[0]:
            best = (i, j)
        i = j + 1
    if best is None or best[1] - best[0] + 1 < TRAILING_LIST_MIN_LINES:
        return None
    return best


def _predicted_trailing_block(labels: Sequence[str]) -> tuple[int, int] | None:
    """For systems that give labels only: first to last sidebar line after the last body line."""
    last_body = max((i for i, l in enumerate(labels) if l == "body"), default=-1)
    sidebar = [i for i in range(last_body + 1, len(labels)) if labels[i] == "sidebar"]
    return (sidebar[0], sidebar[-1]) if sidebar else None


def _trailing_list_found(gold: Sequence[str | None], run: tuple[int, int], block: tuple[int, int] | None) -> bool:
    if block is None:
        return False
    covered = max(0, min(run[1], block[1]) - max(run[0], block[0]) + 1)
    body_inside = any(gold[i] == "body" for i in range(block[0], block[1] + 1))
    return covered >= TRAILING_LIST_COVERAGE * (run[1] - run[0] + 1) and not body_inside


def _labels_and_block(pred: Any) -> tuple[list[str], tuple[int, int] | None]:
    """A prediction is a label list, or a Document (labels and its own trailing block)."""
    if isinstance(pred, list):
        return pred, _predicted_trailing_block(pred)
    block = pred.trailing_block
    return pred.labels, None if block is None else (block.first_line, block.last_line)


def document_text(doc: LabelledDocument) -> str:
    """The text a labelled document is scored as: its lines, one per line."""
    return "\n".join(t.replace("\n", " ") for t, _ in doc.lines)


def evaluate(predict: Any, documents: Iterable[LabelledDocument], batch_size: int = 64) -> dict[str, Any]:
    """Score documents with ``predict(list_of_texts)`` and compare with the gold labels.

    ``predict`` returns, per text, its label list or a :class:`sidebarspam.Document` (whose
    own trailing block is then judged). Gold ``unk`` lines are skipped. Where gold uses
    ``junk`` (English data), predicted boilerplate and sidebar both count as junk for the
    per-label table. On three-label data (Korean) the report also has ``sidebar_removed``
    (share of gold sidebar lines not kept as body) and ``trailing_list`` (pages whose longest
    run of >= 2 gold sidebar lines after the article is covered >= 80 % by the predicted
    trailing block with no gold body line inside, over the pages that have such a run).
    """
    start = time.perf_counter()
    counts: dict[str, Counter[str]] = {}
    junk = Counter[str]()
    tail = Counter[str]()
    body_total = body_removed = 0
    sidebar_total = sidebar_removed = 0
    trailing_pages = trailing_found = 0
    docs = lines = exact = 0

    def add(label: str, key: str) -> None:
        counts.setdefault(label, Counter())[key] += 1

    batch: list[LabelledDocument] = []

    def flush() -> None:
        nonlocal docs, lines, exact, body_total, body_removed, sidebar_total, sidebar_removed
        nonlocal trailing_pages, trailing_found
        texts = [document_text(d) for d in batch]
        predicted = predict(texts)
        for doc, prediction in zip(batch, predicted):
            pred, block = _labels_and_block(prediction)
            gold = [None if l == "unk" else l for _, l in doc.lines]
            if len(pred) != len(gold):
                raise RuntimeError(f"{doc.id}: {len(pred)} predicted lines for {len(gold)} gold lines")
            uses_junk = doc.binary
            docs += 1
            for g, p in zip(gold, pred):
                if g is None:
                    continue
                lines += 1
                p_cmp = (JUNK if p != "body" else "body") if uses_junk else p
                if g == p_cmp:
                    add(g, "tp")
                else:
                    add(g, "fn")
                    add(p_cmp, "fp")
                add(g, "support")
                gj, pj = g != "body", p != "body"
                junk["tp" if gj and pj else "fn" if gj else "fp" if pj else "tn"] += 1
                if g == "body":
                    body_total += 1
                    body_removed += p != "body"
                elif g == "sidebar":
                    sidebar_total += 1
                    sidebar_removed += p != "body"
            run = None if uses_junk else _longest_sidebar_run_after_body(gold)
            if run is not None:
                trailing_pages += 1
                trailing_found += _trailing_list_found(gold, run, block)
            gold_tail = _tail(gold)
            pred_tail = _tail([p if g is not None else None for g, p in zip(gold, pred)])
            for gt, pt in zip(gold_tail, pred_tail):
                tail["tp" if gt and pt else "fn" if gt else "fp" if pt else "tn"] += 1
            exact += gold_tail == pred_tail
        batch.clear()

    for doc in documents:
        batch.append(doc)
        if len(batch) >= batch_size:
            flush()
    if batch:
        flush()

    per_label = {
        label: {**prf(c["tp"], c["fp"], c["fn"]), "support": c["support"]}
        for label, c in sorted(counts.items())
        if c["support"] or c["fp"]
    }
    return {
        "documents": docs,
        "lines": lines,
        "per_label": per_label,
        "junk": prf(junk["tp"], junk["fp"], junk["fn"]),
        "tail_junk": prf(tail["tp"], tail["fp"], tail["fn"]),
        "body_false_removal_rate": body_removed / body_total if body_total else 0.0,
        "tail_span_exact_match": exact / docs if docs else 0.0,
        "sidebar_removed": sidebar_removed / sidebar_total if sidebar_total else None,
        "trailing_list": {
            "pages": trailing_pages,
            "found": trailing_found,
            "rate": trailing_found / trailing_pages if trailing_pages else None,
        },
        "seconds": time.perf_counter() - start,
    }


def roc_auc(scores: Sequence[float], positives: Sequence[bool]) -> float:
    """Area under the ROC curve (Mann-Whitney U; ties count half). 0.5 when a class is empty."""
    pairs = sorted(zip(scores, positives))
    n_pos = sum(positives)
    n_neg = len(pairs) - n_pos
    if n_pos == 0 or n_neg == 0:
        return 0.5
    rank_sum = 0.0
    i = 0
    while i < len(pairs):
        j = i
        while j < len(pairs) and pairs[j][0] == pairs[i][0]:
            j += 1
        average_rank = (i + 1 + j) / 2  # 1-based ranks i+1..j
        rank_sum += average_rank * sum(1 for k in range(i, j) if pairs[k][1])
        i = j
    return (rank_sum - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg)


def calibration_table(scores: Sequence[float], positives: Sequence[bool], bins: int = 10) -> list[dict[str, Any]]:
    """Reliability table: for each non-empty probability bin [i/bins, (i+1)/bins) (the last one
    closed), the count, the mean predicted probability and the observed positive rate."""
    rows: list[dict[str, Any]] = []
    for i in range(bins):
        lo, hi = i / bins, (i + 1) / bins
        members = [(s, y) for s, y in zip(scores, positives) if lo <= s < hi or (i == bins - 1 and s == hi)]
        if members:
            rows.append({
                "bin": f"{lo:.1f}-{hi:.1f}",
                "count": len(members),
                "mean_predicted": sum(s for s, _ in members) / len(members),
                "observed": sum(1 for _, y in members if y) / len(members),
            })
    return rows


def _expected_calibration_error(table: list[dict[str, Any]]) -> float:
    n = sum(r["count"] for r in table)
    return sum(r["count"] * abs(r["mean_predicted"] - r["observed"]) for r in table) / n if n else 0.0


def _binary_report(probs: Sequence[float], gold: Sequence[bool], threshold: float) -> dict[str, Any]:
    c = Counter[str]()
    for p, g in zip(probs, gold):
        pred = p >= threshold
        c["tp" if pred and g else "fp" if pred else "fn" if g else "tn"] += 1
    n = len(gold)
    table = calibration_table(probs, gold)
    return {
        "positives": sum(gold),
        "accuracy": (c["tp"] + c["tn"]) / n if n else 0.0,
        **prf(c["tp"], c["fp"], c["fn"]),
        "auc": roc_auc(probs, gold),
        "threshold": threshold,
        "calibration": table,
        "ece": _expected_calibration_error(table),
    }


def evaluate_spam_scores(scores: Sequence[float], sensational: Sequence[bool], threshold: float = 0.5) -> dict[str, Any]:
    """Page-level spam score against "the page has a sensational link list" (see
    ``data.sensational_list``): AUC, precision/recall at threshold, calibration table."""
    return {"pages": len(scores), **_binary_report(scores, sensational, threshold)}


def evaluate_headlines(
    score: Any, rows: Iterable[tuple[str, str]], threshold: float = 0.5
) -> dict[str, Any]:
    """Clickbait metrics for (text, label) rows; labels other than clickbait/normal are skipped.

    ``score(list_of_texts) -> list_of_probabilities``.
    """
    start = time.perf_counter()
    kept = [(t, l == "clickbait") for t, l in rows if l in ("clickbait", "normal")]
    probs = list(score([t for t, _ in kept])) if kept else []
    return {
        "headlines": len(kept),
        **_binary_report(probs, [g for _, g in kept], threshold),
        "seconds": time.perf_counter() - start,
    }
