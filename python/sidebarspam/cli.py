"""The ``sidebarspam`` command: a thin layer over :class:`sidebarspam.Classifier`."""

from __future__ import annotations

import argparse
import json
import os
import sys
from typing import Any, Callable, Iterator, Sequence

from . import Classifier, SidebarspamError, SiteMemory
from .stream import Record, expand_inputs, read_records
from .versions import VersionAction


def _classifier(args: argparse.Namespace) -> Classifier:
    return Classifier(
        args.model_dir,
        line_model=args.model,
        rules=args.rules,
        clickbait_model=args.clickbait_model,
        body_margin=args.body_margin,
        switch_penalty=args.switch_penalty,
        structure_weight=args.structure_weight,
    )


def _chunks(records: Iterator[Record], size: int) -> Iterator[list[Record]]:
    chunk: list[Record] = []
    for record in records:
        chunk.append(record)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _progress(args: argparse.Namespace) -> Any:
    """A tqdm bar on stderr when it is a terminal (documents/s, MB/s); None otherwise."""
    if args.quiet or not sys.stderr.isatty():
        return None
    from tqdm import tqdm

    return tqdm(unit="doc", unit_scale=True, file=sys.stderr, dynamic_ncols=True)


def _site_key(value: Any) -> str | None:
    """The site of a record from its --site-field: a URL counts by its host name."""
    if not isinstance(value, str) or not value.strip():
        return None
    text: str = value.strip()
    if text.startswith(("http://", "https://")):
        from urllib.parse import urlsplit

        host = urlsplit(text).hostname
        return host.lower() if host else None
    return text


def _open_memory(args: argparse.Namespace) -> SiteMemory | None:
    if args.memory and not args.site_field:
        raise ValueError("--memory needs --site-field (the JSONL field that names each record's site)")
    if not args.site_field:
        return None
    if args.memory and os.path.exists(args.memory):
        return SiteMemory.load(args.memory)
    return SiteMemory()


def _save_memory(memory: SiteMemory, path: str) -> None:
    """Write, then rename: an interrupted run never leaves a half-written memory behind."""
    tmp = f"{path}.tmp-{os.getpid()}"
    memory.save(tmp)
    os.replace(tmp, path)


def _label_batch(
    clf: Classifier, mode: str, records: list[Record], args: argparse.Namespace, memory: SiteMemory | None
) -> list[Any]:
    """Documents (score) or cleaned texts (clean) for records, in order. Records with a site
    are read as pages of it when there is a memory; the others without one."""
    if any(r.html for r in records):  # HTML pages through the front end, the rest as text
        out_html: list[Any] = [None] * len(records)
        html_at = [i for i, r in enumerate(records) if r.html]
        text_at = [i for i, r in enumerate(records) if not r.html]
        pages = [records[i].text or "" for i in html_at]
        docs = clf.score_html_batch(pages, args.threads)
        for i, doc in zip(html_at, docs):
            out_html[i] = doc if mode == "score" else doc.clean_text()
        for i, r in zip(text_at, _label_batch(clf, mode, [records[i] for i in text_at], args, memory)):
            out_html[i] = r
        return out_html
    texts = [r.text for r in records if r.text is not None]
    sites = [_site_key(r.fields.get(args.site_field)) for r in records] if memory is not None else []
    with_site = [i for i, site in enumerate(sites) if site is not None]
    run = clf.score_batch if mode == "score" else clf.clean_batch
    if not with_site:
        return list(run(texts, args.threads))
    without = [i for i in range(len(texts)) if sites[i] is None]
    out: list[Any] = [None] * len(texts)
    site_results = run([texts[i] for i in with_site], args.threads,
                       sites=[sites[i] or "" for i in with_site], memory=memory)
    for i, r in zip(with_site, site_results):
        out[i] = r
    for i, r in zip(without, run([texts[i] for i in without], args.threads) if without else []):
        out[i] = r
    return out


def _stops_the_run(record: Record, args: argparse.Namespace) -> bool:
    """Reports a bad record on stderr; True when --on-error fail ends the run."""
    print(f"sidebarspam: {record.error}", file=sys.stderr)
    return bool(args.on_error == "fail")


def _run_records(args: argparse.Namespace, mode: str) -> int:
    """score / clean over every record of every input, one output record each, in order."""
    clf = _classifier(args)
    memory = _open_memory(args)
    paths = expand_inputs(args.inputs)
    out = open(args.output, "wb") if args.output else sys.stdout.buffer
    bar = _progress(args)
    failed = 0
    megabytes = 0.0
    try:
        html_mode = "always" if args.html else "auto"
        for chunk in _chunks(read_records(paths, args.text_field, args.format, html_mode, args.html_field),
                             args.batch_size):
            good = [r for r in chunk if r.error is None and r.text is not None]
            labelled = _label_batch(clf, mode, good, args, memory)
            docs = iter(labelled) if mode == "score" else None
            cleaned = iter(labelled) if mode == "clean" else None
            for record in chunk:
                if record.error is not None:
                    failed += 1
                    if _stops_the_run(record, args):
                        return 1
                    if args.on_error == "report":
                        error = {"message": record.error, "source": record.source, "line": record.line}
                        out.write(_json_line({**record.fields, "sidebarspam_error": error}))
                    continue
                megabytes += len(record.text or "") / 1e6
                if mode == "clean":
                    assert cleaned is not None
                    result = next(cleaned)
                    if record.line is None:  # a text file: print the cleaned text itself
                        out.write(result if isinstance(result, bytes) else result.encode("utf-8", "surrogatepass"))
                    else:
                        out.write(_json_line({**record.fields, args.output_field: result}))
                    continue
                assert docs is not None
                doc = next(docs)
                fields: dict[str, Any] = dict(record.fields) if record.line is not None else {"input": record.source}
                fields["labels"] = doc.labels
                fields["blocks"] = [b.to_dict() for b in doc.blocks]
                fields["trailing_block"] = None if doc.trailing_block is None else doc.trailing_block.to_dict()
                fields["spam_score"] = doc.spam_score
                if record.html:
                    fields["encoding"] = doc.encoding
                    fields["encoding_source"] = doc.encoding_source
                    fields["dom_paths"] = doc.dom_paths
                if args.lines:
                    fields["lines"] = [line.to_dict() for line in doc.lines]
                out.write(_json_line(fields))
            out.flush()
            if bar is not None:
                bar.update(len(chunk))
                bar.set_postfix_str(f"{megabytes / max(bar.format_dict['elapsed'], 1e-9):.1f} MB/s")
    finally:
        if bar is not None:
            bar.close()
        if args.output:
            out.close()
        if memory is not None and args.memory:
            _save_memory(memory, args.memory)
    if failed:
        print(f"sidebarspam: {failed} record(s) failed", file=sys.stderr)
    return 1 if failed else 0


def _json_line(obj: dict[str, Any]) -> bytes:
    return (json.dumps(obj, ensure_ascii=False) + "\n").encode("utf-8", "surrogatepass")


def _cmd_clean(args: argparse.Namespace) -> int:
    return _run_records(args, "clean")


def _cmd_score(args: argparse.Namespace) -> int:
    return _run_records(args, "score")


def _page_id(record: Record) -> str:
    """A review page's id: the file name for a text file; a JSONL record's `id`, else source:line."""
    if record.line is None:
        return record.source
    value = record.fields.get("id")
    return str(value) if value is not None and str(value) != "" else f"{record.source}:{record.line}"


def _cmd_review(args: argparse.Namespace) -> int:
    """The records' pages as one self-contained HTML review page (sidebarspam.review)."""
    from .review import page_data, render_pages

    clf = _classifier(args)
    memory = _open_memory(args)
    table: dict[str, int] = {}
    pages: list[dict[str, Any]] = []
    failed = 0
    try:
        for chunk in _chunks(read_records(expand_inputs(args.inputs), args.text_field, args.format), args.batch_size):
            for record in chunk:
                if record.error is not None:
                    failed += 1
                    if _stops_the_run(record, args):
                        return 1
            good = [r for r in chunk if r.error is None and r.text is not None]
            for record, doc in zip(good, _label_batch(clf, "score", good, args, memory)):
                url = record.fields.get("url")
                site = _site_key(record.fields.get(args.site_field)) if args.site_field else None
                pages.append(page_data(doc, _page_id(record), site=site,
                                       url=url if isinstance(url, str) else None, reason_table=table))
    finally:
        if memory is not None and args.memory:
            _save_memory(memory, args.memory)
    report = render_pages(pages, sorted(table, key=table.__getitem__), title=args.title).encode("utf-8")
    if args.output:
        with open(args.output, "wb") as f:
            f.write(report)
        if not args.quiet:
            print(f"sidebarspam: {len(pages)} page(s), {len(report)} bytes -> {args.output}", file=sys.stderr)
    else:
        sys.stdout.buffer.write(report)
    if failed:
        print(f"sidebarspam: {failed} record(s) failed", file=sys.stderr)
    return 1 if failed else 0


def _cmd_train(args: argparse.Namespace) -> int:
    from .training import train

    paths = train(args.config, args.data_root, args.output, split=args.split,
                  log=lambda m: print(m, file=sys.stderr), rule_features=not args.no_rule_features,
                  extra_line_data=args.extra_line_data or (), only=args.only)
    for name, path in paths.items():
        print(f"{name}\t{path}\t{os.path.getsize(path)} bytes", file=sys.stderr)
    return 0


def _cmd_composites(args: argparse.Namespace) -> int:
    import gzip

    from .composites import from_config
    from .training import load_config, training_documents

    config = load_config(args.config)
    if not config.get("composites"):
        raise ValueError(f"{args.config} has no 'composites' section")
    docs = from_config(config, training_documents(config, args.data_root, args.split), args.data_root)
    opener = gzip.open if args.output.endswith(".gz") else open
    with opener(args.output, "wt", encoding="utf-8") as f:
        for d in docs:
            record = {"id": d.id, "layout": d.family, "synthetic": True, "lang": d.lang,
                      "lines": [{"text": t, "label": l} for t, l in d.lines]}
            f.write(json.dumps(record, ensure_ascii=False) + "\n")
    print(f"{len(docs)} composite pages -> {args.output}", file=sys.stderr)
    return 0


# `eval` reports a site's first pages apart from its later ones (the cold start of a site memory).
COLD_START_PAGES = 3


def _line_predictor(
    name: str, clf: Classifier, threads: int, site_of: dict[str, str] | None = None
) -> Callable[[list[str]], list[Any]]:
    """How each system of `sidebarspam eval` labels the lines of a batch of texts (label lists,
    or Documents whose own trailing block is judged). With
    site_of (text -> site key), sidebarspam reads the texts as pages of their sites, in
    order, with one SiteMemory for the whole run."""
    from .baselines import c4_line_labels, fineweb_line_labels, rules_only_labels

    if site_of is not None and name == "sidebarspam":
        memory = SiteMemory()
        return lambda texts: list(clf.score_batch(texts, threads, sites=[site_of[t] for t in texts], memory=memory))
    if name == "c4":
        return lambda texts: [c4_line_labels(t.split("\n")) for t in texts]
    if name == "fineweb":
        return lambda texts: [fineweb_line_labels(t.split("\n")) for t in texts]
    if name == "rules":
        hints = clf.rule_hints
        return lambda texts: [
            rules_only_labels([l.reasons for l in d.lines], hints) for d in clf.score_batch(texts, threads)
        ]
    # Documents, not labels: the evaluation judges the classifier's own trailing block.
    return lambda texts: list(clf.score_batch(texts, threads))


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


def _add_sub_reports(report: dict[str, Any], docs: list[Any], doc_file: dict[str, str],
                     predict: Callable[[list[str]], list[Any]]) -> None:
    """Per input file (when there are several) and per composite layout family."""
    from .evaluate import evaluate

    files: dict[str, list[Any]] = {}
    families: dict[str, list[Any]] = {}
    for d in docs:
        files.setdefault(doc_file.get(d.id, ""), []).append(d)
        if d.family:
            families.setdefault(d.family, []).append(d)
    if len(files) > 1:
        report["files"] = {name: evaluate(predict, subset) for name, subset in sorted(files.items())}
    if families:
        report["families"] = {name: evaluate(predict, subset) for name, subset in sorted(families.items())}


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


def _leave_one_site_out(args: argparse.Namespace, docs: list[Any]) -> Callable[[list[str]], list[Any]]:
    import tempfile

    from .crossval import leave_one_site_out_predictor

    if args.site_memory:
        raise ValueError("--leave-one-site-out and --site-memory cannot be combined")
    work_dir = args.work_dir or tempfile.mkdtemp(prefix="sidebarspam-loso-")
    return leave_one_site_out_predictor(
        docs, args.config, args.data_root, work_dir, args.threads,
        log=lambda m: print(m, file=sys.stderr), reuse=args.reuse_folds,
        body_margin=args.body_margin, switch_penalty=args.switch_penalty, structure_weight=args.structure_weight,
    )


def _cmd_eval(args: argparse.Namespace) -> int:
    from .data import (LabelledDocument, is_dev, is_dev_headline, list_has_clickbait, read_documents,
                       read_headlines, sensational_list, sniff_kind)
    from .evaluate import document_text, evaluate, evaluate_headlines, evaluate_spam_scores

    clf = _classifier(args)
    docs: list[LabelledDocument] = []
    doc_file: dict[str, str] = {}  # document id -> input file, for the per-file reports
    headlines: list[tuple[str, str, str]] = []
    label_of: dict[str, str] = {}  # every headline label given, any split: page-level ground truth
    for path in args.inputs:
        if sniff_kind(path) == "headlines":
            for t, l, lang in read_headlines(path):
                label_of[t.strip()] = l
                if args.split == "all" or (args.split == "dev") == is_dev_headline(t):
                    headlines.append((t, l, lang))
        else:
            for d in read_documents(path):
                if args.split == "all" or (args.split == "dev") == is_dev(d.group):
                    docs.append(d)
                    doc_file[d.id] = os.path.basename(path)
    systems = ["sidebarspam"] + [b for b in (args.baseline or []) if b != "sidebarspam"]
    if "all" in systems:
        systems = ["sidebarspam", "c4", "fineweb", "rules"]
    ablation = None
    if args.ablation_model_dir:
        ablation = Classifier(args.ablation_model_dir, clickbait_model="")
        systems.append("no-rule-features")

    out: dict[str, Any] = {}
    if docs:
        site_of: dict[str, str] | None = None
        if args.site_memory:
            site_of = {}
            for d in docs:
                site_of.setdefault(document_text(d), d.group)
        # A site's first pages (in file order) against its later ones: what memory changes.
        rank: dict[str, int] = {}
        cold: list[LabelledDocument] = []
        warm: list[LabelledDocument] = []
        for d in docs:
            rank[d.group] = rank.get(d.group, 0) + 1
            (cold if rank[d.group] <= COLD_START_PAGES else warm).append(d)
        held_out = None
        if args.leave_one_site_out:
            held_out = _leave_one_site_out(args, docs)
        reports = {}
        for name in systems:
            system_clf = ablation if name == "no-rule-features" and ablation is not None else clf
            predict = _line_predictor(name, system_clf, args.threads, site_of)
            if name == "sidebarspam" and held_out is not None:
                predict = held_out
            labels_of: dict[str, Any] = {}  # the sub-reports reuse these

            def remembered(texts: list[str], predict: Callable[[list[str]], list[Any]] = predict,
                           labels_of: dict[str, Any] = labels_of) -> list[Any]:
                todo = [t for t in texts if t not in labels_of]
                labels_of.update(zip(todo, predict(todo) if todo else []))
                return [labels_of[t] for t in texts]

            report = evaluate(remembered, docs, batch_size=args.batch_size)
            articles = [d for d in docs if d.page_type == "article"]
            if articles and len(articles) < len(docs):
                report["articles"] = evaluate(remembered, articles)
            if cold and warm:
                report["cold_start"] = evaluate(remembered, cold)
                report["warm"] = evaluate(remembered, warm)
            _add_sub_reports(report, docs, doc_file, remembered)
            reports[name] = report
        out.update(reports["sidebarspam"])
        if len(systems) > 1:
            out["baselines"] = {k: v for k, v in reports.items() if k != "sidebarspam"}
        composites = [(d, sensational_list(d)) for d in docs]
        labelled = [(d, s) for d, s in composites if s is not None]
        if labelled and clf.has_clickbait_model:
            scored = clf.score_batch([document_text(d) for d, _ in labelled], args.threads)
            out["spam_score"] = evaluate_spam_scores(
                [r.spam_score for r in scored], [bool(s) for _, s in labelled], args.spam_threshold
            )
            # What the score claims to be: the lists carry a headline labelled clickbait (needs
            # the headline files among the inputs; pages with unlabelled list lines are left out).
            truth = [(r.spam_score, list_has_clickbait(d, label_of)) for r, (d, _) in zip(scored, labelled)]
            known = [(s, t) for s, t in truth if t is not None]
            if label_of and known:
                out["spam_score_vs_labels"] = evaluate_spam_scores(
                    [s for s, _ in known], [bool(t) for _, t in known], args.spam_threshold
                )
    if headlines:
        if not clf.has_clickbait_model:
            raise ValueError("headline files need a clickbait model")

        def score(texts: list[str]) -> list[float]:
            return [clf.clickbait(t) or 0.0 for t in texts]

        out["headlines"] = evaluate_headlines(score, [(t, l) for t, l, _ in headlines], args.threshold)
        out["headlines_by_lang"] = {
            lang: evaluate_headlines(score, [(t, l) for t, l, g in headlines if g == lang], args.threshold)
            for lang in sorted({g for _, _, g in headlines})
        }
    if args.json:
        print(json.dumps(out))
        return 0
    if docs:
        for name in systems:
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
    if headlines:
        for name, h in [("all", out["headlines"])] + sorted(out["headlines_by_lang"].items()):
            print(f"\nclickbait ({name}): headlines {h['headlines']} (positives {h['positives']})  "
                  f"threshold {h['threshold']}")
            print(f"  accuracy {h['accuracy']:.4f}  precision {h['precision']:.4f}  recall {h['recall']:.4f}"
                  f"  f1 {h['f1']:.4f}  auc {h['auc']:.4f}  ece {h['ece']:.3f}")
            if name != "all":
                _print_calibration(h["calibration"])
    return 0


def _print_calibration(table: list[dict[str, Any]]) -> None:
    print("  predicted  count  mean predicted  observed")
    for row in table:
        print(f"  {row['bin']:9}  {row['count']:5}  {row['mean_predicted']:14.3f}  {row['observed']:8.3f}")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sidebarspam",
        description="Label the lines of crawled articles as body, boilerplate or sidebar spam.",
    )
    parser.add_argument("--version", action=VersionAction)
    model = argparse.ArgumentParser(add_help=False)
    model.add_argument("--model-dir", help="directory with lines.ftz, lines.structure.tsv, rules.tsv, clickbait.ftz, "
                       "clickbait-ko.ftz, clickbait-calibration.tsv (default: bundled)")
    model.add_argument("--model", help="line model file (overrides --model-dir)")
    model.add_argument("--rules", help="rules file (overrides --model-dir)")
    model.add_argument("--clickbait-model", help="clickbait model file; '' disables clickbait scores")
    model.add_argument("--body-margin", type=float, default=1.0,
                       help="log-odds bonus for body: higher removes less article text and more junk "
                            "(default: 1, tuned on the site-held-out dev split)")
    model.add_argument("--switch-penalty", type=float, default=0.5,
                       help="extra cost of a label change between neighbouring lines: higher smooths more (default: 0.5)")
    model.add_argument("--structure-weight", type=float, default=0.5,
                       help="weight of the learned page structure (article region, how long chrome and lists "
                            "run); 0 = line model and smoothing alone (default: 0.5)")
    sub = parser.add_subparsers(dest="command", required=True)

    records = argparse.ArgumentParser(add_help=False)
    records.add_argument("inputs", nargs="+",
                         help="files, directories, globs or '-' (stdin): plain text (one article per file) "
                              "or JSONL (.jsonl/.ndjson, or first byte '{'); gzip is detected")
    records.add_argument("-o", "--output", help="write here instead of stdout")
    records.add_argument("--format", choices=["auto", "text", "jsonl"], default="auto",
                         help="input format (default: auto)")
    records.add_argument("--text-field", default="text", help="JSONL field holding the article (default: text)")
    records.add_argument("--html", action="store_true",
                         help="inputs are HTML pages: text files are markup, JSONL records give --html-field "
                              "(default: auto, .html/.htm files and JSONL records with an html field but no text field)")
    records.add_argument("--html-field", default="html", help="JSONL field holding a page's HTML (default: html)")
    records.add_argument("--threads", type=int, default=0, help="scoring threads (default: 0 = all cores)")
    records.add_argument("--batch-size", type=int, default=256,
                         help="records scored together; bounds memory (default: 256)")
    records.add_argument("--on-error", choices=["report", "skip", "fail"], default="report",
                         help="bad record (invalid JSON or UTF-8, missing or non-string text): 'report' writes "
                              "an error record and goes on, 'skip' writes none, 'fail' stops; all print to "
                              "stderr and exit 1 (default: report)")
    records.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    records.add_argument("--site-field",
                         help="JSONL field naming each record's site (a URL counts by its host): lines the "
                              "site repeats across its pages become evidence of junk (site memory)")
    records.add_argument("--memory",
                         help="site memory file: loaded if it exists, saved at the end of the run "
                              "(needs --site-field)")

    p = sub.add_parser("clean", parents=[model, records],
                       help="remove junk lines: text files print the cleaned text, JSONL gets a cleaned field")
    p.add_argument("--output-field", default="clean_text",
                   help="JSONL field for the cleaned text (default: clean_text; the input field is kept)")
    p.set_defaults(func=_cmd_clean)

    p = sub.add_parser("score", parents=[model, records],
                       help="one JSON record per input record: labels, blocks, trailing_block, spam_score")
    p.add_argument("--lines", action="store_true",
                   help="add every line's offsets, text, probabilities, clickbait score and reasons")
    p.set_defaults(func=_cmd_score)

    p = sub.add_parser("review", parents=[model, records],
                       help="one self-contained HTML page to review, correct and export every line's label")
    p.add_argument("--title", default="sidebarspam review", help="title of the report page")
    p.set_defaults(func=_cmd_review)

    p = sub.add_parser("eval", parents=[model], help="line-level metrics on labelled JSONL files")
    p.add_argument("inputs", nargs="+",
                   help="gzip or plain JSONL files: documents with labelled 'lines' (../shared/data/{ko,en}) "
                        "or headlines with 'text' and 'label' (clickbait/normal)")
    p.add_argument("--split", choices=["all", "dev", "train"], default="all",
                   help="evaluate everything, or only the dev/train split: documents by site, "
                        "headlines by text hash (default: all)")
    p.add_argument("--threads", type=int, default=0, help="scoring threads (default: all cores)")
    p.add_argument("--json", action="store_true", help="print one JSON object instead of a table")
    p.add_argument("--baseline", action="append", choices=["c4", "fineweb", "rules", "all"],
                   help="also evaluate a baseline on the same documents (repeatable; 'all' = every one): "
                        "C4's or FineWeb's published line rules, or our rules file alone")
    p.add_argument("--ablation-model-dir",
                   help="also evaluate the model in DIR (e.g. trained with 'train --no-rule-features')")
    p.add_argument("--site-memory", action="store_true",
                   help="score documents as pages of their sites (group key: press id, site, host or domain), "
                        "in file order, with one site memory for the run")
    p.add_argument("--batch-size", type=int, default=64,
                   help="documents scored together; with --site-memory a batch sees the pages before it (default: 64)")
    p.add_argument("--leave-one-site-out", action="store_true",
                   help="score each site's documents with a line model trained (with --config) on "
                        "everything but that site: one fold per site of the evaluated documents")
    p.add_argument("--config", default="models/train.json",
                   help="training config for --leave-one-site-out (default: models/train.json)")
    p.add_argument("--data-root", default="../shared/data",
                   help="root of the config's data for --leave-one-site-out (default: ../shared/data)")
    p.add_argument("--work-dir", help="where --leave-one-site-out writes its fold models (default: a new temp dir)")
    p.add_argument("--reuse-folds", action="store_true",
                   help="with --work-dir: do not retrain folds whose model is already there")
    p.add_argument("--threshold", type=float, default=0.5,
                   help="clickbait probability at or above which a headline counts as clickbait (default: 0.5)")
    p.add_argument("--spam-threshold", type=float, default=0.5,
                   help="page spam score at or above which a page counts as carrying a sensational link list "
                        "(default: 0.5, the threshold the README recommends)")
    p.set_defaults(func=_cmd_eval)

    p = sub.add_parser("composites", help="write the config's composite pages (layout families) as labelled JSONL")
    p.add_argument("--config", default="models/train.json", help="training config (default: models/train.json)")
    p.add_argument("--data-root", default="../shared/data", help="root of the labelled data (default: ../shared/data)")
    p.add_argument("--split", choices=["all", "train", "dev"], default="dev",
                   help="build the pages from the documents of this site-level split (default: dev, for "
                        "evaluating a model trained with --split train)")
    p.add_argument("-o", "--output", required=True, help="output JSONL (.gz compresses); keep it out of the "
                   "repository: it holds news text")
    p.set_defaults(func=_cmd_composites)

    p = sub.add_parser("train", help="train lines.ftz, the clickbait models and their calibration from a config file")
    p.add_argument("--config", default="models/train.json", help="training config (default: models/train.json)")
    p.add_argument("--data-root", default="../shared/data", help="root of the labelled data (default: ../shared/data)")
    p.add_argument("--output", default="models", help="output directory (default: models)")
    p.add_argument("--split", choices=["all", "train"], default="all",
                   help="'all' = shipped model; 'train' leaves the site-level dev split out")
    p.add_argument("--no-rule-features", action="store_true",
                   help="train the ablation without rule pseudo-tokens (for eval --ablation-model-dir)")
    p.add_argument("--extra-line-data", action="append", metavar="FILE",
                   help="also train on this file of labelled documents, e.g. corrections exported by "
                        "'sidebarspam review' (repeatable; or list them in the config's extra_line_data)")
    p.add_argument("--only", choices=["lines", "clickbait"],
                   help="train one part: the line model, or the clickbait models and their calibration "
                        "(which read OUTPUT/lines.ftz)")
    p.set_defaults(func=_cmd_train)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args))
    except (SidebarspamError, OSError, ValueError) as e:
        print(f"sidebarspam: error: {e}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
