"""Line-level metrics of a classifier on labelled documents (``sidebarspam eval``)."""

from __future__ import annotations

import os
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable, Iterable, Sequence

from .data import (LabelledDocument, is_dev, is_dev_headline, list_has_clickbait, read_documents, read_headlines,
                   sensational_list, sniff_kind)

if TYPE_CHECKING:
    from . import Classifier

__all__ = ["EvalInputs", "EvalSettings", "calibration_table", "document_text", "evaluate", "evaluate_headlines",
           "evaluate_spam_scores", "DEFAULT_SPAM_THRESHOLD", "print_eval", "prf", "read_eval_inputs", "roc_auc", "run_eval"]

JUNK = "junk"
# The page spam score at which a page counts as carrying a sensational list: the moderator's
# choice (README, "the page score"), not a model's; sidebarspam eval's --spam-threshold default.
DEFAULT_SPAM_THRESHOLD = 0.5


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


def _binary_report(probs: Sequence[float], gold: Sequence[bool], threshold: float | Sequence[float]) -> dict[str, Any]:
    """threshold: one for all items, or each item's own (the model's per-language ones); the
    report's "threshold" is then the distinct ones used (one number when there is one)."""
    cuts = [threshold] * len(probs) if isinstance(threshold, (int, float)) else list(threshold)
    c = Counter[str]()
    for p, g, cut in zip(probs, gold, cuts):
        pred = p >= cut
        c["tp" if pred and g else "fp" if pred else "fn" if g else "tn"] += 1
    used = sorted(set(cuts))
    reported: float | list[float] = threshold if isinstance(threshold, (int, float)) else (
        used[0] if len(used) == 1 else used)
    n = len(gold)
    table = calibration_table(probs, gold)
    return {
        "positives": sum(gold),
        "accuracy": (c["tp"] + c["tn"]) / n if n else 0.0,
        **prf(c["tp"], c["fp"], c["fn"]),
        "auc": roc_auc(probs, gold),
        "threshold": reported,
        "calibration": table,
        "ece": _expected_calibration_error(table),
    }


def evaluate_spam_scores(scores: Sequence[float], sensational: Sequence[bool],
                         threshold: float = DEFAULT_SPAM_THRESHOLD) -> dict[str, Any]:
    """Page-level spam score against "the page has a sensational link list" (see
    ``data.sensational_list``): AUC, precision/recall at threshold, calibration table."""
    return {"pages": len(scores), **_binary_report(scores, sensational, threshold)}


def evaluate_headlines(
    score: Any, rows: Iterable[tuple[str, str]], threshold: float | Callable[[str], float] = 0.5
) -> dict[str, Any]:
    """Clickbait metrics for (text, label) rows; labels other than clickbait/normal are skipped.

    ``score(list_of_texts) -> list_of_probabilities``; ``threshold`` is one number for every
    headline or ``threshold(text) -> number``, each headline's own (the model's, per language).
    """
    start = time.perf_counter()
    kept = [(t, l == "clickbait") for t, l in rows if l in ("clickbait", "normal")]
    probs = list(score([t for t, _ in kept])) if kept else []
    cuts = [threshold(t) for t, _ in kept] if callable(threshold) else threshold
    return {
        "headlines": len(kept),
        **_binary_report(probs, [g for _, g in kept], cuts),
        "seconds": time.perf_counter() - start,
    }


# ---------------------------------------------------------------------------------------
# `sidebarspam eval`: which documents and headlines, which systems, which reports.

# A site's first pages are reported apart from its later ones (the cold start of a site memory).
COLD_START_PAGES = 3

Predict = Callable[[list[str]], list[Any]]


@dataclass
class EvalInputs:
    docs: list[LabelledDocument] = field(default_factory=list)
    doc_file: dict[str, str] = field(default_factory=dict)  # document id -> input file (per-file reports)
    headlines: list[tuple[str, str, str]] = field(default_factory=list)  # (text, label, lang) in the split
    label_of: dict[str, str] = field(default_factory=dict)  # every headline's label, any split (page truth)


@dataclass
class EvalSettings:
    threads: int = 0
    baselines: Sequence[str] = ()        # names from baselines.BASELINES, or "all"
    ablation: Classifier | None = None   # also evaluated, as "no-rule-features"
    site_memory: bool = False            # score documents as pages of their sites, in file order
    batch_size: int = 64
    held_out: Predict | None = None      # leave-one-site-out predictor (crossval.py) for sidebarspam
    threshold: float | None = None       # clickbait score that counts as clickbait (None: the model's)
    spam_threshold: float = DEFAULT_SPAM_THRESHOLD  # page spam score that counts as a sensational list

    def systems(self) -> list[str]:
        from .baselines import BASELINES

        names = ["sidebarspam"] + (list(BASELINES) if "all" in self.baselines else
                                   [b for b in self.baselines if b != "sidebarspam"])
        return names + (["no-rule-features"] if self.ablation is not None else [])


def read_eval_inputs(paths: Sequence[str], split: str) -> EvalInputs:
    """Documents and headlines of the files, in the split ('all', 'dev' or 'train')."""
    out = EvalInputs()
    for path in paths:
        if sniff_kind(path) == "headlines":
            for t, l, lang in read_headlines(path):
                out.label_of[t.strip()] = l
                if split == "all" or (split == "dev") == is_dev_headline(t):
                    out.headlines.append((t, l, lang))
        else:
            for d in read_documents(path):
                if split == "all" or (split == "dev") == is_dev(d.group):
                    out.docs.append(d)
                    out.doc_file[d.id] = os.path.basename(path)
    return out


def _line_predictor(name: str, clf: Classifier, settings: EvalSettings, docs: list[LabelledDocument]) -> Predict:
    """How a system labels the lines of a batch of texts (label lists, or Documents whose own
    trailing block is judged)."""
    from . import SiteMemory
    from .baselines import LINE_BASELINES, rules_only_labels

    threads = settings.threads
    if name == "sidebarspam" and settings.held_out is not None:
        return settings.held_out
    if name == "sidebarspam" and settings.site_memory:
        site_of: dict[str, str] = {}
        for d in docs:
            site_of.setdefault(document_text(d), d.group)
        memory = SiteMemory()
        return lambda texts: list(clf.score_batch(texts, threads, sites=[site_of[t] for t in texts], memory=memory))
    if name in LINE_BASELINES:
        labels = LINE_BASELINES[name]
        return lambda texts: [labels(t.split("\n")) for t in texts]
    if name == "rules":
        hints = clf.rule_hints
        return lambda texts: [
            rules_only_labels([l.reasons for l in d.lines], hints) for d in clf.score_batch(texts, threads)
        ]
    return lambda texts: list(clf.score_batch(texts, threads))


def _remembering(predict: Predict) -> Predict:
    """predict, computed once per text: the sub-reports score the same documents again."""
    seen: dict[str, Any] = {}

    def remembered(texts: list[str]) -> list[Any]:
        todo = [t for t in texts if t not in seen]
        seen.update(zip(todo, predict(todo) if todo else []))
        return [seen[t] for t in texts]

    return remembered


def _system_report(predict: Predict, inputs: EvalInputs, batch_size: int) -> dict[str, Any]:
    docs = inputs.docs
    report = evaluate(predict, docs, batch_size=batch_size)
    articles = [d for d in docs if d.page_type == "article"]
    if articles and len(articles) < len(docs):
        report["articles"] = evaluate(predict, articles)
    # A site's first pages (in file order) against its later ones: what memory changes.
    rank: dict[str, int] = {}
    cold: list[LabelledDocument] = []
    warm: list[LabelledDocument] = []
    for d in docs:
        rank[d.group] = rank.get(d.group, 0) + 1
        (cold if rank[d.group] <= COLD_START_PAGES else warm).append(d)
    if cold and warm:
        report["cold_start"] = evaluate(predict, cold)
        report["warm"] = evaluate(predict, warm)
    groups: dict[str, dict[str, list[LabelledDocument]]] = {"files": {}, "families": {}}
    for d in docs:
        groups["files"].setdefault(inputs.doc_file.get(d.id, ""), []).append(d)
        if d.family:
            groups["families"].setdefault(d.family, []).append(d)
    for key, minimum in (("files", 2), ("families", 1)):
        if len(groups[key]) >= minimum:
            report[key] = {name: evaluate(predict, subset) for name, subset in sorted(groups[key].items())}
    return report


def _spam_reports(clf: Classifier, inputs: EvalInputs, settings: EvalSettings) -> dict[str, Any]:
    """The page spam score against 'the composite's list is sensational', and against 'a list
    headline is labelled clickbait' (needs the headline files among the inputs)."""
    labelled = [(d, s) for d in inputs.docs for s in [sensational_list(d)] if s is not None]
    if not labelled or not clf.has_clickbait_model:
        return {}
    scored = clf.score_batch([document_text(d) for d, _ in labelled], settings.threads)
    out = {"spam_score": evaluate_spam_scores(
        [r.spam_score for r in scored], [bool(s) for _, s in labelled], settings.spam_threshold)}
    truth = [(r.spam_score, list_has_clickbait(d, inputs.label_of)) for r, (d, _) in zip(scored, labelled)]
    known = [(s, t) for s, t in truth if t is not None]
    if inputs.label_of and known:
        out["spam_score_vs_labels"] = evaluate_spam_scores(
            [s for s, _ in known], [bool(t) for _, t in known], settings.spam_threshold)
    return out


def run_eval(clf: Classifier, inputs: EvalInputs, settings: EvalSettings) -> dict[str, Any]:
    """The report `sidebarspam eval --json` prints."""
    out: dict[str, Any] = {}
    if inputs.docs:
        reports = {}
        for name in settings.systems():
            system = settings.ablation if name == "no-rule-features" and settings.ablation is not None else clf
            predict = _remembering(_line_predictor(name, system, settings, inputs.docs))
            reports[name] = _system_report(predict, inputs, settings.batch_size)
        out.update(reports.pop("sidebarspam"))
        if reports:
            out["baselines"] = reports
        out.update(_spam_reports(clf, inputs, settings))
    if inputs.headlines:
        if not clf.has_clickbait_model:
            raise ValueError("headline files need a clickbait model")

        def score(texts: list[str]) -> list[float]:
            return [clf.clickbait(t) or 0.0 for t in texts]

        def cut(text: str) -> float:
            t = clf.clickbait_threshold(text)
            assert t is not None  # a clickbait model is loaded
            return t

        rows = inputs.headlines
        threshold: float | Callable[[str], float] = cut if settings.threshold is None else settings.threshold
        out["headlines"] = evaluate_headlines(score, [(t, l) for t, l, _ in rows], threshold)
        out["headlines_by_lang"] = {
            lang: evaluate_headlines(score, [(t, l) for t, l, g in rows if g == lang], threshold)
            for lang in sorted({g for _, _, g in rows})
        }
    return out


def _format_threshold(threshold: float | list[float]) -> str:
    if isinstance(threshold, list):
        return "per model: " + ", ".join(f"{t:.3g}" for t in threshold)
    return f"{threshold:.3g}"


def _print_line_report(name: str, report: dict[str, Any]) -> None:
    print(f"\n{name}: documents {report['documents']}  lines {report['lines']}  seconds {report['seconds']:.2f}")
    print(f"  {'label':<12} {'precision':>9} {'recall':>7} {'f1':>7} {'support':>8}")
    for label, m in report["per_label"].items():
        print(f"  {label:<12} {m['precision']:9.4f} {m['recall']:7.4f} {m['f1']:7.4f} {m['support']:8d}")
    for key in ("junk", "tail_junk"):
        m = report[key]
        print(f"  {'[' + key + ']':<12} {m['precision']:9.4f} {m['recall']:7.4f} {m['f1']:7.4f}")
    print(f"  body_false_removal_rate {report['body_false_removal_rate']:.4f}"
          f"  tail_span_exact_match {report['tail_span_exact_match']:.4f}")
    if report.get("sidebar_removed") is not None:
        t = report["trailing_list"]
        rate = "-" if t["rate"] is None else f"{t['rate']:.4f} ({t['found']}/{t['pages']} pages)"
        print(f"  sidebar_removed {report['sidebar_removed']:.4f}  trailing_list {rate}")
    for key, title in (("files", "per file"), ("families", "per layout family")):
        if key in report:
            _print_summary_table(title, report[key])


def _print_summary_table(title: str, reports: dict[str, dict[str, Any]]) -> None:
    """One line per sub-report: junk F1, body removed, sidebar removed, trailing lists found."""
    print(f"  {title}:")
    print(f"    {'':<28} {'docs':>5} {'junk F1':>7} {'body rm':>7} {'side rm':>7} {'trailing':>9}")
    for name, r in reports.items():
        side = "-" if r["sidebar_removed"] is None else f"{r['sidebar_removed']:.3f}"
        t = r["trailing_list"]
        trailing = "-" if t["rate"] is None else f"{t['found']}/{t['pages']}"
        print(f"    {name:<28} {r['documents']:5d} {r['junk']['f1']:7.4f} {r['body_false_removal_rate']:7.4f}"
              f" {side:>7} {trailing:>9}")


def _print_calibration(table: list[dict[str, Any]]) -> None:
    print("  predicted  count  mean predicted  observed")
    for row in table:
        print(f"  {row['bin']:9}  {row['count']:5}  {row['mean_predicted']:14.3f}  {row['observed']:8.3f}")


def print_eval(out: dict[str, Any], settings: EvalSettings) -> None:
    """The report of run_eval as tables on stdout (what `sidebarspam eval` prints without --json)."""
    if "documents" in out:
        for name in settings.systems():
            report = out if name == "sidebarspam" else out["baselines"][name]
            _print_line_report(name, report)
            for key, title in (("articles", "page_type=article"),
                               ("cold_start", f"first {COLD_START_PAGES} pages of each site"),
                               ("warm", "later pages")):
                if key in report:
                    _print_line_report(f"{name} ({title})", report[key])
    for spam_key, meaning in (("spam_score", "'sensational link list'"),
                            ("spam_score_vs_labels", "'a list headline is labelled clickbait'")):
        if spam_key not in out:
            continue
        spam = out[spam_key]
        print(f"\nspam score vs {meaning} on composites: pages {spam['pages']} (positives "
              f"{spam['positives']})  auc {spam['auc']:.4f}  threshold {spam['threshold']}: precision "
              f"{spam['precision']:.4f} recall {spam['recall']:.4f}  ece {spam['ece']:.3f}")
        _print_calibration(spam["calibration"])
    if "headlines" in out:
        for name, h in [("all", out["headlines"])] + sorted(out["headlines_by_lang"].items()):
            print(f"\nclickbait ({name}): headlines {h['headlines']} (positives {h['positives']})  "
                  f"threshold {_format_threshold(h['threshold'])}")
            print(f"  accuracy {h['accuracy']:.4f}  precision {h['precision']:.4f}  recall {h['recall']:.4f}"
                  f"  f1 {h['f1']:.4f}  auc {h['auc']:.4f}  ece {h['ece']:.3f}")
            if name != "all":
                _print_calibration(h["calibration"])
