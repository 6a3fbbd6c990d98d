"""The ``sidebarspam`` command: a thin layer over :class:`sidebarspam.Classifier`."""

from __future__ import annotations

import argparse
import json
import os
import sys
from typing import Any, Callable, Sequence

from . import Classifier, SidebarspamError, __version__


def _read_input(path: str) -> bytes:
    if path == "-":
        return sys.stdin.buffer.read()
    with open(path, "rb") as f:
        return f.read()


def _classifier(args: argparse.Namespace) -> Classifier:
    return Classifier(
        args.model_dir,
        line_model=args.model,
        rules=args.rules,
        clickbait_model=args.clickbait_model,
        body_margin=args.body_margin,
        switch_penalty=args.switch_penalty,
    )


def _cmd_clean(args: argparse.Namespace) -> int:
    clf = _classifier(args)
    out = sys.stdout.buffer
    for path in args.inputs:
        cleaned = clf.clean(_read_input(path))
        assert isinstance(cleaned, bytes)
        out.write(cleaned)
    out.flush()
    return 0


def _cmd_score(args: argparse.Namespace) -> int:
    clf = _classifier(args)
    for path in args.inputs:
        doc = clf.score(_read_input(path))
        record = {"input": path, **doc.to_dict()}
        if args.brief:
            record["lines"] = [
                {"index": l.index, "label": l.label, "text": l.text[:80]} for l in doc.lines
            ]
        sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
    return 0


def _cmd_train(args: argparse.Namespace) -> int:
    from .training import train

    paths = train(args.config, args.data_root, args.output, split=args.split,
                  log=lambda m: print(m, file=sys.stderr), rule_features=not args.no_rule_features)
    for name, path in paths.items():
        print(f"{name}\t{path}\t{os.path.getsize(path)} bytes", file=sys.stderr)
    return 0


def _line_predictor(name: str, clf: Classifier, threads: int) -> Callable[[list[str]], list[list[str]]]:
    """How each system of `sidebarspam eval` labels the lines of a batch of texts."""
    from .baselines import c4_line_labels, fineweb_line_labels, rule_hints, rules_only_labels

    if name == "c4":
        return lambda texts: [c4_line_labels(t.split("\n")) for t in texts]
    if name == "fineweb":
        return lambda texts: [fineweb_line_labels(t.split("\n")) for t in texts]
    if name == "rules":
        hints = rule_hints(clf.rules)
        return lambda texts: [
            rules_only_labels([l.reasons for l in d.lines], hints) for d in clf.score_batch(texts, threads)
        ]
    return lambda texts: [d.labels for d in clf.score_batch(texts, threads)]


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


def _cmd_eval(args: argparse.Namespace) -> int:
    from .data import LabelledDocument, is_dev, is_dev_headline, read_documents, read_headlines, sniff_kind
    from .evaluate import evaluate, evaluate_headlines

    clf = _classifier(args)
    docs: list[LabelledDocument] = []
    headlines: list[tuple[str, str]] = []
    for path in args.inputs:
        if sniff_kind(path) == "headlines":
            headlines.extend(
                (t, l) for t, l, _ in read_headlines(path)
                if args.split == "all" or (args.split == "dev") == is_dev_headline(t)
            )
        else:
            docs.extend(
                d for d in read_documents(path)
                if args.split == "all" or (args.split == "dev") == is_dev(d.group)
            )
    systems = ["sidebarspam"] + [b for b in (args.baseline or []) if b != "sidebarspam"]
    if "all" in systems:
        systems = ["sidebarspam", "c4", "fineweb", "rules"]
    ablation = None
    if args.ablation_model_dir:
        ablation = Classifier(args.ablation_model_dir, clickbait_model="")
        systems.append("no-rule-features")

    out: dict[str, Any] = {}
    if docs:
        reports = {}
        for name in systems:
            system_clf = ablation if name == "no-rule-features" and ablation is not None else clf
            predict = _line_predictor(name, system_clf, args.threads)
            report = evaluate(predict, docs)
            articles = [d for d in docs if d.page_type == "article"]
            if articles and len(articles) < len(docs):
                report["articles"] = evaluate(predict, articles)
            reports[name] = report
        out.update(reports["sidebarspam"])
        if len(systems) > 1:
            out["baselines"] = {k: v for k, v in reports.items() if k != "sidebarspam"}
    if headlines:
        if not clf.has_clickbait_model:
            raise ValueError("headline files need a clickbait model")
        out["headlines"] = evaluate_headlines(
            lambda texts: [clf.clickbait(t) or 0.0 for t in texts], headlines, args.threshold
        )
    if args.json:
        print(json.dumps(out))
        return 0
    if docs:
        for name in systems:
            report = out if name == "sidebarspam" else out["baselines"][name]
            _print_line_report(name, report)
            if "articles" in report:
                _print_line_report(name + " (page_type=article)", report["articles"])
    if headlines:
        h = out["headlines"]
        print(f"\nclickbait: headlines {h['headlines']} (positives {h['positives']})  threshold {h['threshold']}")
        print(f"  accuracy {h['accuracy']:.4f}  precision {h['precision']:.4f}  recall {h['recall']:.4f}"
              f"  f1 {h['f1']:.4f}  auc {h['auc']:.4f}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sidebarspam",
        description="Label the lines of crawled articles as body, boilerplate or sidebar spam.",
    )
    parser.add_argument("--version", action="version", version=f"sidebarspam {__version__}")
    model = argparse.ArgumentParser(add_help=False)
    model.add_argument("--model-dir", help="directory with lines.ftz, rules.tsv, clickbait.ftz (default: bundled)")
    model.add_argument("--model", help="line model file (overrides --model-dir)")
    model.add_argument("--rules", help="rules file (overrides --model-dir)")
    model.add_argument("--clickbait-model", help="clickbait model file; '' disables clickbait scores")
    model.add_argument("--body-margin", type=float, default=0.0,
                       help="log-odds bonus for body: higher removes less (default: 0)")
    model.add_argument("--switch-penalty", type=float, default=1.0,
                       help="cost of a label change between neighbouring lines: higher smooths more (default: 1)")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("clean", parents=[model], help="print each input without its junk lines")
    p.add_argument("inputs", nargs="+", help="text files, one article each; '-' for stdin")
    p.set_defaults(func=_cmd_clean)

    p = sub.add_parser("score", parents=[model], help="print one JSON object of line labels per input")
    p.add_argument("inputs", nargs="+", help="text files, one article each; '-' for stdin")
    p.add_argument("--brief", action="store_true", help="only index, label and the start of each line")
    p.set_defaults(func=_cmd_score)

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
    p.add_argument("--threshold", type=float, default=0.5,
                   help="clickbait probability at or above which a headline counts as clickbait (default: 0.5)")
    p.set_defaults(func=_cmd_eval)

    p = sub.add_parser("train", help="train lines.ftz and clickbait.ftz from a config file")
    p.add_argument("--config", default="models/train.json", help="training config (default: models/train.json)")
    p.add_argument("--data-root", default="../shared/data", help="root of the labelled data (default: ../shared/data)")
    p.add_argument("--output", default="models", help="output directory (default: models)")
    p.add_argument("--split", choices=["all", "train"], default="all",
                   help="'all' = shipped model; 'train' leaves the site-level dev split out")
    p.add_argument("--no-rule-features", action="store_true",
                   help="train the ablation without rule pseudo-tokens (for eval --ablation-model-dir)")
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
