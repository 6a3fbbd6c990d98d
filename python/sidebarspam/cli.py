"""The ``sidebarspam`` command: a thin layer over :class:`sidebarspam.Classifier`."""

from __future__ import annotations

import argparse
import json
import os
import sys
from typing import Sequence

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
                  log=lambda m: print(m, file=sys.stderr))
    for name, path in paths.items():
        print(f"{name}\t{path}\t{os.path.getsize(path)} bytes", file=sys.stderr)
    return 0


def _cmd_eval(args: argparse.Namespace) -> int:
    from .baselines import c4_line_labels, fineweb_line_labels, rule_hints, rules_only_labels
    from .data import is_dev, read_documents
    from .evaluate import evaluate

    clf = _classifier(args)
    docs = [
        d
        for path in args.inputs
        for d in read_documents(path)
        if args.split == "all" or (args.split == "dev") == is_dev(d.group)
    ]
    if args.baseline == "c4":
        predict = lambda texts: [c4_line_labels(t.split("\n")) for t in texts]  # noqa: E731
    elif args.baseline == "fineweb":
        predict = lambda texts: [fineweb_line_labels(t.split("\n")) for t in texts]  # noqa: E731
    elif args.baseline == "rules":
        hints = rule_hints(clf.rules)
        predict = lambda texts: [  # noqa: E731
            rules_only_labels([l.reasons for l in d.lines], hints) for d in clf.score_batch(texts, args.threads)
        ]
    else:
        predict = lambda texts: [d.labels for d in clf.score_batch(texts, args.threads)]  # noqa: E731
    report = evaluate(predict, docs)
    report["system"] = args.baseline or "sidebarspam"
    if args.json:
        print(json.dumps(report))
        return 0
    print(f"system {report['system']}  documents {report['documents']}  lines {report['lines']}  "
          f"seconds {report['seconds']:.2f}")
    print(f"{'label':<12} {'precision':>9} {'recall':>7} {'f1':>7} {'support':>8}")
    for label, m in report["per_label"].items():
        print(f"{label:<12} {m['precision']:9.4f} {m['recall']:7.4f} {m['f1']:7.4f} {m['support']:8d}")
    for key in ("junk", "tail_junk"):
        m = report[key]
        print(f"{'[' + key + ']':<12} {m['precision']:9.4f} {m['recall']:7.4f} {m['f1']:7.4f}")
    print(f"body_false_removal_rate {report['body_false_removal_rate']:.4f}")
    print(f"tail_span_exact_match   {report['tail_span_exact_match']:.4f}")
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
    p.add_argument("inputs", nargs="+", help="gzip or plain JSONL files in the ../shared/data format")
    p.add_argument("--split", choices=["all", "dev", "train"], default="all",
                   help="evaluate all documents, or only the site-level dev/train split (default: all)")
    p.add_argument("--threads", type=int, default=0, help="scoring threads (default: all cores)")
    p.add_argument("--json", action="store_true", help="print one JSON object instead of a table")
    p.add_argument("--baseline", choices=["c4", "fineweb", "rules"],
                   help="evaluate a baseline instead: C4's or FineWeb's line rules, or our rules file alone")
    p.set_defaults(func=_cmd_eval)

    p = sub.add_parser("train", help="train lines.ftz and clickbait.ftz from a config file")
    p.add_argument("--config", default="models/train.json", help="training config (default: models/train.json)")
    p.add_argument("--data-root", default="../shared/data", help="root of the labelled data (default: ../shared/data)")
    p.add_argument("--output", default="models", help="output directory (default: models)")
    p.add_argument("--split", choices=["all", "train"], default="all",
                   help="'all' = shipped model; 'train' leaves the site-level dev split out")
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
