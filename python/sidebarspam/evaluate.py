"""Line-level metrics of a classifier on labelled documents (``sidebarspam eval``)."""

from __future__ import annotations

import time
from collections import Counter
from typing import Any, Iterable, Sequence

from .data import LabelledDocument

__all__ = ["evaluate", "prf"]

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


def evaluate(predict: Any, documents: Iterable[LabelledDocument], batch_size: int = 64) -> dict[str, Any]:
    """Score documents with ``predict(list_of_texts) -> list_of_label_lists`` and compare.

    Gold ``unk`` lines are skipped. Where gold uses ``junk`` (English data), predicted
    boilerplate and sidebar both count as junk for the per-label table.
    """
    start = time.perf_counter()
    counts: dict[str, Counter[str]] = {}
    junk = Counter[str]()
    tail = Counter[str]()
    body_total = body_removed = 0
    docs = lines = exact = 0

    def add(label: str, key: str) -> None:
        counts.setdefault(label, Counter())[key] += 1

    batch: list[LabelledDocument] = []

    def flush() -> None:
        nonlocal docs, lines, exact, body_total, body_removed
        texts = ["\n".join(t.replace("\n", " ") for t, _ in d.lines) for d in batch]
        predicted = predict(texts)
        for doc, pred in zip(batch, predicted):
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
        "seconds": time.perf_counter() - start,
    }
