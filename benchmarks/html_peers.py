#!/usr/bin/env python3
"""sidebarspam's HTML front end against the HTML extractors people use, same pages, same run.

    python benchmarks/html_peers.py                      # dev split, results in benchmarks/results/
    python benchmarks/html_peers.py --max-pages 20 --out /tmp/html-bench   # a quick look

Pages: the raw HTML of the labelled English pages (``../shared/data/html``: WCXB dev articles
and the trafilatura benchmark pages), site-held-out dev split (``sidebarspam.data.is_dev`` on
the same group key as ``sidebarspam eval --split dev``), and the 25 real Korean pages.

Systems: trafilatura (``extract``, defaults), readability-lxml (``Document.summary`` turned into
text), Resiliparse (``extract_plain_text(main_content=True)``) and sidebarspam
(``Classifier.clean_html``: libxml2 DOM walk + the line model, all in C++; called from Python one
page at a time). All run in this process, one core, over the same pages, one after another.

Scoring, the same for every system: a labelled line counts as kept when its text (whitespace
collapsed) occurs anywhere in the system's output (whitespace collapsed). (Searching in order
instead was tried: one nav word found late in an output skips the rest, and every system then
"removes" 60-70 % of the body.) A short junk line that also occurs in the article ("Share")
counts as kept for every system alike, which lowers everyone's tail-junk recall. Lines labelled ``unk`` are
skipped. Reported: junk F1, tail-junk F1 (junk after the last body line, as ``sidebarspam eval``),
body removal (share of body lines not kept), for Korean the share of sidebar lines removed;
pages/s and MB/s (UTF-8 bytes of the HTML) of the extraction calls alone.

Also reports how many labelled lines the front end's own lines recover (text matching,
``sidebarspam.html_labels``), per data set.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from pathlib import Path
from typing import Any, Callable, Iterator

ROOT = Path(__file__).resolve().parent.parent

import sidebarspam
from sidebarspam import _core
from sidebarspam.data import group_key, is_dev
from sidebarspam.evaluate import _tail, prf
from sidebarspam.html_labels import Recovery, carry_labels

FILES = {
    "wcxb": "html/en-wcxb-dev-html.jsonl.gz",
    "trafilatura": "html/en-trafilatura-html.jsonl.gz",
    "ko-real": "html/ko-real-pages-html.jsonl.gz",
}


def read_pages(path: Path) -> Iterator[dict[str, Any]]:
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            yield json.loads(line)


def _norm(text: str) -> str:
    return " ".join(text.split())


# ------------------------------------------------------------------------------- systems


def system_functions(clf: sidebarspam.Classifier) -> dict[str, Callable[[str], str]]:
    systems: dict[str, Callable[[str], str]] = {"sidebarspam": clf.clean_html}
    try:
        import trafilatura

        systems["trafilatura"] = lambda html: trafilatura.extract(html) or ""
    except ImportError:
        print("trafilatura not installed: skipped", file=sys.stderr)
    try:
        import lxml.html
        from readability import Document

        def readability(html: str) -> str:
            summary = Document(html).summary(html_partial=True)
            return str(lxml.html.fromstring(summary).text_content()) if summary.strip() else ""

        systems["readability"] = readability
    except ImportError:
        print("readability-lxml not installed: skipped", file=sys.stderr)
    try:
        from resiliparse.extract.html2text import extract_plain_text

        systems["resiliparse"] = lambda html: extract_plain_text(html, main_content=True)
    except ImportError:
        print("resiliparse not installed: skipped", file=sys.stderr)
    return systems


# ------------------------------------------------------------------------------- scoring


def _count(counts: dict[str, int], gold: bool, predicted: bool) -> None:
    """One line into true-positive / false-negative / false-positive counts."""
    if gold and predicted:
        counts["tp"] += 1
    elif gold:
        counts["fn"] += 1
    elif predicted:
        counts["fp"] += 1


def score_outputs(pages: list[dict[str, Any]], outputs: list[str]) -> dict[str, Any]:
    junk = {"tp": 0, "fp": 0, "fn": 0}
    tail = {"tp": 0, "fp": 0, "fn": 0}
    body_total = body_removed = sidebar_total = sidebar_removed = 0
    for page, out in zip(pages, outputs):
        kept_text = _norm(out)
        gold: list[str | None] = []
        pred: list[str | None] = []
        for line in page["lines"]:
            label = line["label"]
            if label == "unk":
                gold.append(None)
                pred.append(None)
                continue
            kept = _norm(line["text"]) in kept_text
            gold.append(label)
            pred.append("body" if kept else "junk")
            _count(junk, label != "body", not kept)
            if label == "body":
                body_total += 1
                body_removed += not kept
            elif label == "sidebar":
                sidebar_total += 1
                sidebar_removed += not kept
        for gt, pt in zip(_tail(gold), _tail(pred)):
            _count(tail, gt, pt)
    return {
        "junk_f1": prf(**junk)["f1"],
        "tail_junk": prf(**tail),
        "body_removed": body_removed / body_total if body_total else 0.0,
        "sidebar_removed": sidebar_removed / sidebar_total if sidebar_total else None,
        "body_lines": body_total,
    }


def run_system(fn: Callable[[str], str], pages: list[dict[str, Any]]) -> tuple[list[str], float]:
    outputs = []
    seconds = 0.0
    for page in pages:
        t0 = time.perf_counter()
        try:
            out = fn(page["html"])
        except Exception as e:  # a peer that fails on a page keeps nothing of it
            print(f"  {page['id']}: {type(e).__name__}: {e}", file=sys.stderr)
            out = ""
        seconds += time.perf_counter() - t0
        outputs.append(out)
    return outputs, seconds


def label_recovery(pages: list[dict[str, Any]]) -> Recovery:
    total = Recovery()
    for page in pages:
        html_page = _core.html_to_lines(page["html"])
        ours = [html_page.text[l.start : l.end].decode("utf-8", "replace") for l in html_page.lines]
        _, rec = carry_labels(ours, [(l["text"], l["label"]) for l in page["lines"]])
        total.add(rec)
    return total


def leave_one_site_out(config_path: str, data_root: Path, work_dir: Path, reuse: bool,
                       only_sites: set[str] | None = None,
                       options: sidebarspam.Options = sidebarspam.Options()) -> dict[str, Any]:
    """The real Korean pages read from HTML, each site scored by a line model trained without
    that site (on the config's corpora, its html_line_data included): sidebar and body lines
    removed, from the model's own line labels carried back to the labelled lines."""
    from sidebarspam.training import train_line_model

    pages = list(read_pages(data_root / FILES["ko-real"]))
    by_site: dict[str, list[dict[str, Any]]] = {}
    for p in pages:
        by_site.setdefault(group_key(p), []).append(p)
    rows = []
    totals = {"sidebar": 0, "sidebar_removed": 0, "body": 0, "body_removed": 0}
    for site, site_pages in sorted(by_site.items()):
        if only_sites and site not in only_sites:
            continue
        fold = work_dir / site.replace(":", "_").replace("/", "_")
        if not (reuse and (fold / "lines.ftz").exists()):
            train_line_model(config_path, str(data_root), str(fold), split="all", exclude_groups={site},
                             log=lambda m: print(f"  [{site}] {m}", file=sys.stderr))
        # The fold model as the HTML model, so it is scored as the shipped one is (html_body_margin).
        clf = sidebarspam.Classifier(line_model=fold / "lines.ftz", rules=fold / "rules.tsv", clickbait_model="",
                                     html_model_dir=fold, options=options)
        counts = {"sidebar": 0, "sidebar_removed": 0, "body": 0, "body_removed": 0}
        for page, doc in zip(site_pages, clf.score_html_batch([p["html"] for p in site_pages], 1)):
            ours = [line.text for line in doc.lines]
            # From our lines back to the labelled ones: each labelled line takes the prediction of the line of ours
            # carrying its label text (exact match first, then containment), as carry_labels does.
            predicted, _ = carry_labels([l["text"] for l in page["lines"]], list(zip(ours, doc.labels)))
            for line, pred in zip(page["lines"], predicted):
                if line["label"] not in ("body", "sidebar") or pred == "unk":
                    continue
                counts[line["label"]] += 1
                counts[line["label"] + "_removed"] += pred != "body"
        for k in totals:
            totals[k] += counts[k]
        rows.append({"site": site, "pages": len(site_pages), **counts})
        print(f"LOSO {site}: sidebar removed {counts['sidebar_removed']}/{counts['sidebar']}, body removed "
              f"{counts['body_removed']}/{counts['body']}", file=sys.stderr)
    return {"sites": rows, **totals,
            "sidebar_removed_share": totals["sidebar_removed"] / max(totals["sidebar"], 1),
            "body_removed_share": totals["body_removed"] / max(totals["body"], 1)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data-root", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results")
    ap.add_argument("--max-pages", type=int, default=0, help="at most this many pages per data set (0 = all)")
    ap.add_argument("--model-dir", default=None)
    ap.add_argument("--body-margin", type=float, default=None,
                    help="sidebarspam's margin for HTML pages (html_body_margin, and body_margin for a model directory "
                         "without an HTML model; default: the options' defaults)")
    ap.add_argument("--all-pages", action="store_true", help="every page, not only the dev split")
    ap.add_argument("--leave-one-site-out", metavar="CONFIG",
                    help="instead: the Korean pages leave-one-site-out, fold models trained with CONFIG")
    ap.add_argument("--work-dir", type=Path, default=Path("/tmp/sidebarspam-html-loso"))
    ap.add_argument("--reuse-folds", action="store_true")
    ap.add_argument("--only-sites", help="comma-separated site keys (to train folds in parallel processes)")
    args = ap.parse_args(argv)
    options = sidebarspam.Options()
    if args.body_margin is not None:
        options = options.replace(body_margin=args.body_margin, html_body_margin=args.body_margin)
    if args.leave_one_site_out:
        only = set(args.only_sites.split(",")) if args.only_sites else None
        loso = leave_one_site_out(args.leave_one_site_out, args.data_root, args.work_dir, args.reuse_folds, only,
                                  options)
        args.out.mkdir(parents=True, exist_ok=True)
        (args.out / "html_loso.json").write_text(json.dumps(loso, indent=1))
        print(json.dumps(loso, indent=1))
        return 0

    clf = sidebarspam.Classifier(args.model_dir, options=options)
    systems = system_functions(clf)
    sets: dict[str, list[dict[str, Any]]] = {}
    recovery: dict[str, dict[str, Any]] = {}
    for name, rel in FILES.items():
        every = list(read_pages(args.data_root / rel))
        rec = label_recovery(every)
        recovery[name] = {"pages": len(every), "labelled_lines": rec.labelled, "exact": rec.exact,
                          "covered": rec.covered}
        chosen = every
        if name != "ko-real" and not args.all_pages:
            chosen = [p for p in every if is_dev(group_key(p))]
        if name == "wcxb":
            chosen = [p for p in chosen if p.get("page_type") == "article"]
        if args.max_pages:
            chosen = chosen[: args.max_pages]
        sets[name] = chosen
    sets["en"] = sets["wcxb"] + sets["trafilatura"]

    results: dict[str, Any] = {"recovery": recovery, "sets": {}, "systems": list(systems)}
    for set_name in ("en", "wcxb", "trafilatura", "ko-real"):
        pages = sets[set_name]
        mb = sum(len(p["html"].encode("utf-8")) for p in pages) / 1e6
        rows = []
        for system, fn in systems.items():
            if set_name in ("wcxb", "trafilatura"):  # scored from the "en" run's outputs
                outputs, seconds = results["_outputs"][system][set_name]
            else:
                outputs, seconds = run_system(fn, pages)
                if set_name == "en":
                    n = len(sets["wcxb"])
                    results.setdefault("_outputs", {})[system] = {
                        "wcxb": (outputs[:n], seconds * n / max(len(pages), 1)),
                        "trafilatura": (outputs[n:], seconds * (len(pages) - n) / max(len(pages), 1)),
                    }
            row = {"system": system, **score_outputs(pages, outputs), "seconds": seconds,
                   "pages_per_s": len(pages) / seconds if seconds else 0.0, "mb_per_s": mb / seconds if seconds else 0.0}
            rows.append(row)
            print(f"{set_name:12s} {system:12s} tail-junk F1 {row['tail_junk']['f1']:.3f}  body removed "
                  f"{row['body_removed']:.3f}  {row['pages_per_s']:7.1f} pages/s", file=sys.stderr)
        results["sets"][set_name] = {"pages": len(pages), "mb": mb, "rows": rows}
    results.pop("_outputs", None)

    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "html_peers.json").write_text(json.dumps(results, indent=1))
    md = [f"Pages: dev split (site-held-out){' (all pages)' if args.all_pages else ''}; one core; same run.", ""]
    for set_name, block in results["sets"].items():
        md.append(f"**{set_name}** ({block['pages']} pages, {block['mb']:.1f} MB)")
        md.append("")
        md.append("| system | tail-junk F1 | tail P | tail R | junk F1 | body removed | sidebar removed | pages/s | MB/s |")
        md.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
        for r in block["rows"]:
            side = "" if r["sidebar_removed"] is None else f"{r['sidebar_removed']:.3f}"
            md.append(f"| {r['system']} | {r['tail_junk']['f1']:.3f} | {r['tail_junk']['precision']:.3f} | "
                      f"{r['tail_junk']['recall']:.3f} | {r['junk_f1']:.3f} | {r['body_removed']:.3f} | {side} | "
                      f"{r['pages_per_s']:.1f} | {r['mb_per_s']:.2f} |")
        md.append("")
    md.append("Labelled lines recovered by the front end's lines (all pages of each file):")
    md.append("")
    md.append("| file | pages | labelled lines | same text | same or contained |")
    md.append("| --- | ---: | ---: | ---: | ---: |")
    for name, r in recovery.items():
        md.append(f"| {name} | {r['pages']} | {r['labelled_lines']} | {r['exact'] / max(r['labelled_lines'], 1):.1%} | "
                  f"{r['covered'] / max(r['labelled_lines'], 1):.1%} |")
    (args.out / "html_peers.md").write_text("\n".join(md) + "\n")
    print("\n".join(md))
    return 0


if __name__ == "__main__":
    sys.exit(main())
