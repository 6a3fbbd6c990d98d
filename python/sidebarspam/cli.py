"""The ``sidebarspam`` command: a thin layer over :class:`sidebarspam.Classifier`."""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import sys
from typing import Any, Callable, Iterator, Sequence

from . import Classifier, ClassifierSpec, Options, SidebarspamError, SiteMemory
from .baselines import BASELINES
from .data import site_key
from .evaluate import DEFAULT_SPAM_THRESHOLD
from .stream import Record, batched, expand_inputs, read_records
from .versions import VersionAction


_SPEC_PATHS = [f for f in dataclasses.fields(ClassifierSpec) if f.name != "options"]


def _add_model_arguments(parser: argparse.ArgumentParser) -> None:
    """One flag per ClassifierSpec path and per Options field (names, defaults and help from
    there: the C++ option table for the options)."""
    for f in _SPEC_PATHS:
        flags = [f"--{f.name.replace('_', '-')}"] + (["--model"] if f.name == "line_model" else [])
        parser.add_argument(*flags, dest=f.name, metavar="PATH", help=f.metadata["help"])
    for name, kind, default, text in Options.fields():
        parser.add_argument(f"--{name.replace('_', '-')}", dest=name, type=float if kind == "float" else int,
                            metavar=kind.upper(), help=f"{text} (default: {default:g})")


def _options(args: argparse.Namespace) -> Options:
    return Options(**{name: getattr(args, name) for name, *_ in Options.fields() if getattr(args, name) is not None})


def _spec(args: argparse.Namespace) -> ClassifierSpec:
    return ClassifierSpec(**{f.name: getattr(args, f.name) for f in _SPEC_PATHS}, options=_options(args))


def _classifier(args: argparse.Namespace) -> Classifier:
    return _spec(args).load()


def _progress(args: argparse.Namespace) -> Any:
    """A tqdm bar on stderr when it is a terminal (documents/s, MB/s); None otherwise."""
    if args.quiet or not sys.stderr.isatty():
        return None
    from tqdm import tqdm

    return tqdm(unit="doc", unit_scale=True, file=sys.stderr, dynamic_ncols=True)


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
        docs = clf.score_html_batch([records[i].text or "" for i in html_at], args.threads)
        for i, doc in zip(html_at, docs):
            out_html[i] = doc if mode == "score" else doc.clean_text()
        for i, r in zip(text_at, _label_batch(clf, mode, [records[i] for i in text_at], args, memory)):
            out_html[i] = r
        return out_html
    texts = [r.text for r in records if r.text is not None]
    sites = [site_key(r.fields.get(args.site_field)) for r in records] if memory is not None else []
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
        for chunk in batched(read_records(paths, args.text_field, args.format, html_mode, args.html_field),
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
        for chunk in batched(read_records(expand_inputs(args.inputs), args.text_field, args.format), args.batch_size):
            for record in chunk:
                if record.error is not None:
                    failed += 1
                    if _stops_the_run(record, args):
                        return 1
            good = [r for r in chunk if r.error is None and r.text is not None]
            for record, doc in zip(good, _label_batch(clf, "score", good, args, memory)):
                url = record.fields.get("url")
                site = site_key(record.fields.get(args.site_field)) if args.site_field else None
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


def _cmd_manifest(args: argparse.Namespace) -> int:
    from .training import write_manifest

    path = write_manifest(args.config, args.data_root, args.model_dir, args.split)
    Classifier(args.model_dir, clickbait_model="")  # the manifest must load
    print(path)
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


def _cmd_eval(args: argparse.Namespace) -> int:
    from .evaluate import EvalSettings, print_eval, read_eval_inputs, run_eval

    clf = _classifier(args)
    inputs = read_eval_inputs(args.inputs, args.split)
    held_out = None
    if args.leave_one_site_out:
        import tempfile

        from .crossval import leave_one_site_out_predictor

        if args.site_memory:
            raise ValueError("--leave-one-site-out and --site-memory cannot be combined")
        held_out = leave_one_site_out_predictor(
            inputs.docs, args.config, args.data_root, args.work_dir or tempfile.mkdtemp(prefix="sidebarspam-loso-"),
            args.threads, log=lambda m: print(m, file=sys.stderr), reuse=args.reuse_folds, options=_options(args),
        )
    ablation = None
    if args.ablation_model_dir:
        ablation = Classifier(args.ablation_model_dir, clickbait_model="", options=_options(args))
    settings = EvalSettings(
        threads=args.threads, baselines=args.baseline or [], ablation=ablation, site_memory=args.site_memory,
        batch_size=args.batch_size, held_out=held_out, threshold=args.threshold, spam_threshold=args.spam_threshold,
    )
    out = run_eval(clf, inputs, settings)
    if args.json:
        print(json.dumps(out))
    else:
        print_eval(out, settings)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sidebarspam",
        description="Label the lines of crawled articles as body, boilerplate or sidebar spam.",
    )
    parser.add_argument("--version", action=VersionAction)
    model = argparse.ArgumentParser(add_help=False)
    _add_model_arguments(model)
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
    p.add_argument("--baseline", action="append", choices=[*BASELINES, "all"],
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
    p.add_argument("--threshold", type=float, default=None,
                   help="clickbait score at or above which a headline counts as clickbait (default: the model's "
                        "decision threshold for the headline's language, from its calibration file)")
    p.add_argument("--spam-threshold", type=float, default=DEFAULT_SPAM_THRESHOLD,
                   help="page spam score at or above which a page counts as carrying a sensational link list "
                        f"(default: {DEFAULT_SPAM_THRESHOLD}, the threshold the README recommends)")
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

    p = sub.add_parser("manifest", help="write model.json for a model directory trained before manifests existed")
    p.add_argument("model_dir", help="directory with lines.ftz, lines.structure.tsv and rules.tsv")
    p.add_argument("--config", default="models/train.json",
                   help="the training config the model was trained with (default: models/train.json)")
    p.add_argument("--data-root", default="../shared/data", help="root of the labelled data (default: ../shared/data)")
    p.add_argument("--split", choices=["all", "train"], default="all", help="the split it was trained on")
    p.set_defaults(func=_cmd_manifest)
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
