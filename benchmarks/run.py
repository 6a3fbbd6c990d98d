#!/usr/bin/env python3
"""Speed and quality of sidebarspam against the line filters people use, in one run.

    python benchmarks/run.py                      # >= 100 MB corpus, results in benchmarks/results/
    python benchmarks/run.py --corpus-mb 2 --max-seconds 2 --out /tmp/bench   # a quick look
    python benchmarks/run.py --instructions       # callgrind: instructions a byte per stage

What it does:
1. Builds a corpus from ../shared/data: Korean news (ko_docs + ko_real_pages) and English pages
   (WCXB + trafilatura benchmark pages), each repeated until it holds half of --corpus-mb.
2. Builds ``bench_score`` (CMake, Release) and times, on one core and on all cores:
   sidebarspam through the C++ API and through Python ``score_batch``; fastText's own predict
   with the same model over every line (C++); datatrove's C4 and FineWeb quality filters
   (the real PyPI package), alone and chained; a plain Python regex line filter.
   Every system runs in its own process, so peak RSS is that system's own.
3. Scores the labelled dev documents (site-held-out split) with every system and reports
   junk F1, tail-junk F1 and body false removal next to the speed, so speed is never bought
   with quality.
4. Writes results.json and results.md (a Markdown table, also printed).

``--instructions`` measures instead of timing: callgrind (valgrind) counts the instructions
``bench_score`` executes on --instructions-mb of Korean and of English text, once for the
scorer (split into stages by the functions they run in) and once for fastText's own predict
over every line's model input. Counts are repeatable on a loaded machine, unlike wall clock.
The measured text is the first --instructions-mb of each language. Warm: it is scored after
--instructions-warmup-mb of other text has filled the scorer's caches (RE2's DFA states,
the model's token cache), as in a long-running scorer (callgrind runs on the warm-up alone
and on warm-up plus measured text; the difference is the figure). Cold: the same text from
a fresh process. fastText's predict keeps no caches and runs once, on the measured text.
Writes instructions.{md,json} into --out.

Throughput counts only the scoring calls (documents are read in chunks, untimed). A system
slower than --max-seconds for a corpus part is timed on the documents it got through in that
time (its "MB timed" column says how many). All-core rows of Python baselines run one process
per core on interleaved shards and add up their rates.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, Callable, Iterator, Sequence

ROOT = Path(__file__).resolve().parent.parent
KO_FILES = ["ko/ko_docs.jsonl.gz", "ko/ko_real_pages.jsonl.gz"]
EN_FILES = ["en/train-wcxb-dev.jsonl.gz", "en/train-trafilatura.jsonl.gz"]
CHUNK_DOCS = 2000

# ---------------------------------------------------------------------------------------
# Corpus: records "<byte length>\n<document>", the format bench_score reads.


def _documents(data_root: Path, files: Sequence[str]) -> list[str]:
    docs = []
    for name in files:
        with gzip.open(data_root / name, "rt", encoding="utf-8") as f:
            for line in f:
                doc = json.loads(line)
                docs.append("\n".join(l["text"].replace("\n", " ") for l in doc["lines"]))
    return docs


def build_corpus(data_root: Path, files: Sequence[str], target_bytes: int, path: Path) -> dict[str, Any]:
    docs = [d.encode("utf-8") for d in _documents(data_root, files)]
    if not docs:
        raise SystemExit(f"no documents in {files} under {data_root}")
    written = count = 0
    with open(path, "wb") as out:
        while written < target_bytes:
            for doc in docs:
                out.write(b"%d\n" % len(doc))
                out.write(doc)
                written += len(doc)
                count += 1
                if written >= target_bytes:
                    break
    return {"path": str(path), "bytes": written, "docs": count, "distinct_docs": len(docs)}


def read_corpus(path: str) -> Iterator[list[str]]:
    """Chunks of documents, as bench_score reads them."""
    with open(path, "rb") as f:
        chunk: list[str] = []
        while True:
            header = f.readline()
            if not header:
                break
            chunk.append(f.read(int(header)).decode("utf-8"))
            if len(chunk) == CHUNK_DOCS:
                yield chunk
                chunk = []
        if chunk:
            yield chunk


# ---------------------------------------------------------------------------------------
# Python systems. Each maps a list of document texts to a list of per-line label lists
# ("body" = kept); the speed worker times the same call.

_REGEX_JUNK = re.compile(
    r"(?i)(copyright|©|ⓒ|all rights reserved|무단\s*전재|재배포\s*금지|privacy policy|terms of use|cookies?"
    r"|^(share|print|tweet|email|comments?|related|more|read more|advertisement|광고|공유|댓글|인쇄)\b"
    r"|기자\s*[a-z0-9._-]+@|@[a-z0-9-]+\.[a-z]{2,})"
)
_TERMINAL = (".", "!", "?", '"', "'", "”", "’", "다", "요")


def regex_line_labels(text: str) -> list[str]:
    """The filter a data-cleaning script writes in ten minutes: junk phrases, or a short line
    (< 4 words) that does not end a sentence."""
    labels = []
    for line in text.split("\n"):
        s = line.strip()
        junk = bool(_REGEX_JUNK.search(s)) or (len(s.split()) < 4 and not s.endswith(_TERMINAL))
        labels.append("boilerplate" if junk else "body")
    return labels


def _datatrove_filters(names: Sequence[str]) -> list[Any]:
    from datatrove.pipeline.filters import C4QualityFilter, FineWebQualityFilter

    made = {"c4": C4QualityFilter, "fineweb": FineWebQualityFilter}
    return [made[n]() for n in names]


def datatrove_line_labels(filters: Sequence[Any], text: str) -> list[str]:
    """Runs datatrove filters as a pipeline would and maps the result back to lines: a
    dropped document loses every line; C4's line step keeps the lines left in doc.text."""
    from datatrove.data import Document

    lines = text.split("\n")
    doc = Document(text=text, id="0")
    for f in filters:
        kept = f.filter(doc)
        if kept is False or (isinstance(kept, tuple) and not kept[0]):
            return ["boilerplate"] * len(lines)
    remaining = [l.strip() for l in doc.text.split("\n")]
    labels, j = [], 0
    for line in lines:  # C4 keeps lines in order, stripped
        if j < len(remaining) and line.strip() == remaining[j] and remaining[j]:
            labels.append("body")
            j += 1
        else:
            labels.append("boilerplate")
    return labels


def python_system(name: str, threads: int, model_dir: Path) -> Callable[[list[str]], list[list[str]]]:
    if name in ("sidebarspam-python", "fasttext-argmax"):
        import sidebarspam

        clf = sidebarspam.Classifier(str(model_dir))
        if name == "sidebarspam-python":
            return lambda texts: [d.labels for d in clf.score_batch(texts, threads=threads)]
        return lambda texts: [
            [max(l.probabilities, key=l.probabilities.__getitem__) for l in d.lines]
            for d in clf.score_batch(texts, threads=threads)
        ]
    if name == "regex":
        return lambda texts: [regex_line_labels(t) for t in texts]
    if name.startswith("datatrove-"):
        filters = _datatrove_filters(name[len("datatrove-"):].split("+"))
        return lambda texts: [datatrove_line_labels(filters, t) for t in texts]
    raise SystemExit(f"unknown system {name}")


def peak_rss_mb() -> float:
    """VmHWM of this process (ru_maxrss would include the parent's peak: Linux keeps it across exec)."""
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def worker(args: argparse.Namespace) -> None:
    """One timed process: prints the same JSON fields as bench_score."""
    predict = python_system(args.worker, args.threads, args.model_dir)
    docs = nbytes = lines = body = 0
    seconds = 0.0
    latency: list[float] = []
    for chunk in read_corpus(args.corpus):
        chunk = chunk[args.shard :: args.shards]
        if args.worker == "sidebarspam-python":
            start = time.perf_counter()
            labels = predict(chunk)  # the batch call: all threads at work
            seconds += time.perf_counter() - start
            if len(latency) < 2000:  # latency of one document through the same call
                for text in chunk[:200]:
                    t0 = time.perf_counter()
                    predict([text])
                    latency.append((time.perf_counter() - t0) * 1000)
        else:
            labels = []
            for text in chunk:
                t0 = time.perf_counter()
                labels.extend(predict([text]))
                latency.append((time.perf_counter() - t0) * 1000)
            seconds += sum(latency[-len(chunk):]) / 1000
        docs += len(chunk)
        nbytes += sum(len(t.encode("utf-8")) for t in chunk)
        lines += sum(len(l) for l in labels)
        body += sum(x == "body" for l in labels for x in l)
        if args.max_seconds and seconds >= args.max_seconds:
            break
    latency.sort()
    pick = lambda q: latency[min(len(latency) - 1, int(q * (len(latency) - 1) + 0.5))] if latency else 0.0
    print(json.dumps({
        "system": args.worker, "threads": args.threads, "docs": docs, "bytes": nbytes, "lines": lines,
        "body_lines": body, "seconds": seconds, "mb_per_s": nbytes / 1e6 / seconds if seconds else 0.0,
        "docs_per_s": docs / seconds if seconds else 0.0, "p50_ms": pick(0.5), "p99_ms": pick(0.99),
        "peak_rss_mb": peak_rss_mb(),
    }))


# ---------------------------------------------------------------------------------------
# Instruction counts (--instructions): callgrind's per-function costs folded into stages.


def callgrind_costs(path: Path) -> tuple[dict[str, int], dict[tuple[str, str], int]]:
    """Self cost per function and inclusive cost per call edge (caller, callee) of a callgrind
    output written with --compress-strings=no --compress-pos=no. Names are cut at their
    argument list, so overloads and clones of one function add up."""
    self_cost: dict[str, int] = {}
    edges: dict[tuple[str, str], int] = {}
    fn = cfn = ""
    call_pending = False
    with open(path, errors="replace") as f:
        for line in f:
            if line.startswith("fn="):
                fn = line[3:].split("(", 1)[0].strip()
            elif line.startswith("cfn="):
                cfn = line[4:].split("(", 1)[0].strip()
            elif line.startswith("calls="):
                call_pending = True
            elif line[:1].isdigit() or line[:1] in "+-*":
                parts = line.split()
                if len(parts) < 2:
                    continue
                cost = int(parts[1])
                if call_pending:
                    if cfn != fn:  # recursion is already in the callee's own cost
                        edges[(fn, cfn)] = edges.get((fn, cfn), 0) + cost
                    call_pending = False
                else:
                    self_cost[fn] = self_cost.get(fn, 0) + cost
    return self_cost, edges


def _inclusive(self_cost: dict[str, int], edges: dict[tuple[str, str], int]) -> dict[str, int]:
    total = dict(self_cost)
    for (caller, _), cost in edges.items():
        total[caller] = total.get(caller, 0) + cost
    return total


NS = "sidebarspam::"
# Stage -> how its cost is read from the call graph: inclusive costs of functions ("+name"),
# minus call edges ("-caller>callee"). The rest of Classifier::score_page is "everything else".
STAGES: list[tuple[str, list[str]]] = [
    ("RE2 rule sets", [f"+{NS}RuleSet::match", f"+{NS}RuleSet::match_cues"]),
    ("normalisation", [f"+{NS}Normalizer::normalize"]),
    ("line model predict", [f"+{NS}LabelModel::predict", f"-{NS}ClickbaitScorer::score>{NS}LabelModel::predict"]),
    ("clickbait model", [f"+{NS}ClickbaitScorer::score", f"+{NS}ClickbaitScorer::page_score"]),
    ("page context", [f"+{NS}page_context"]),
    ("line shapes, document context", [f"+{NS}analyse_lines", f"-{NS}analyse_lines>{NS}Normalizer::normalize",
                                       f"-{NS}analyse_lines>{NS}RuleSet::match", f"+{NS}document_context",
                                       f"-{NS}document_context>{NS}page_context"]),
    # encode_line; before the features split (main before 0fa0f49) all of extract_features
    # but its normalisation, rules and page context
    ("feature strings", [f"+{NS}encode_line", f"+{NS}extract_features", f"-{NS}extract_features>{NS}Normalizer::normalize",
                         f"-{NS}extract_features>{NS}RuleSet::match", f"-{NS}extract_features>{NS}page_context"]),
]
# Classifier::Impl::score_page since ea5868a moved it out of the public header (before:
# Classifier::score_page); whichever the binary has.
SCORER_ROOTS = [f"{NS}Classifier::Impl::score_page", f"{NS}Classifier::score_page"]
FASTTEXT_ROOT = f"{NS}LabelModel::predict_reference"


def stage_costs(path: Path, system: str) -> dict[str, int]:
    self_cost, edges = callgrind_costs(path)
    incl = _inclusive(self_cost, edges)
    if system == "fasttext":
        return {"total": incl.get(FASTTEXT_ROOT, 0)}
    out = {"total": sum(incl.get(root, 0) for root in SCORER_ROOTS)}
    for name, terms in STAGES:
        cost = 0
        for term in terms:
            if term[0] == "+":
                cost += incl.get(term[1:], 0)
            else:
                caller, callee = term[1:].split(">")
                cost -= edges.get((caller, callee), 0)
        out[name] = cost
    out["everything else"] = out["total"] - sum(out[name] for name, _ in STAGES)
    return out


def _write_records(docs: Sequence[bytes], path: Path) -> int:
    with open(path, "wb") as out:
        for doc in docs:
            out.write(b"%d\n" % len(doc))
            out.write(doc)
    return sum(len(d) for d in docs)


def _callgrind(valgrind: str, bench: Path, system: str, corpus: Path, args: argparse.Namespace) -> dict[str, int]:
    out_file = corpus.with_suffix(f".{system}.callgrind")
    subprocess.run([valgrind, "--tool=callgrind", "--compress-strings=no", "--compress-pos=no",
                    f"--callgrind-out-file={out_file}", str(bench), "--system", system,
                    "--models", str(args.model_dir), "--corpus", str(corpus), "--threads", "1"],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    costs = stage_costs(out_file, system)
    out_file.unlink()
    return costs


def instructions(args: argparse.Namespace) -> dict[str, Any]:
    """Callgrind instruction counts per byte and stage, warm and cold, for the scorer and
    fastText's predict, on Korean and English text."""
    valgrind = shutil.which("valgrind")
    if valgrind is None:
        raise SystemExit("--instructions needs valgrind (apt-get install valgrind)")
    bench = args.bench_binary or build_bench(args.build_dir)
    target = int(args.instructions_mb * 1e6)
    warmup = int(args.instructions_warmup_mb * 1e6)
    args.out.mkdir(parents=True, exist_ok=True)
    results: dict[str, Any] = {"instructions_mb": args.instructions_mb,
                               "warmup_mb": args.instructions_warmup_mb, "parts": {}}
    for part, files in (("ko", KO_FILES), ("en", EN_FILES)):
        # Distinct documents in corpus order: the measured text is the first target bytes, the
        # warm-up text the warmup bytes after it. Cold: the measured text from a fresh process;
        # warm: the same text scored after the warm-up text, by difference of two runs.
        docs = [d.encode("utf-8") for d in _documents(args.data_root, files)]
        measured, warm, size = [], [], 0
        for doc in docs:
            (measured if size < target else warm).append(doc)
            size += len(doc)
            if size >= warmup + target:
                break
        files_of = {name: args.out / f"instr-{part}-{name}.bin" for name in ("measured", "warm", "both")}
        sizes = {"measured": _write_records(measured, files_of["measured"]),
                 "warm": _write_records(warm, files_of["warm"]),
                 "both": _write_records(warm + measured, files_of["both"])}
        part_out: dict[str, Any] = {"measured_bytes": sizes["measured"], "warmup_bytes": sizes["warm"]}
        runs = [("sidebarspam", "measured"), ("sidebarspam", "warm"), ("sidebarspam", "both"),
                ("fasttext", "measured")]
        costs: dict[tuple[str, str], dict[str, int]] = {}
        for system, name in runs:
            print(f"{part}: callgrind {system} on the {name} text ({sizes[name] / 1e6:.1f} MB)", file=sys.stderr)
            costs[(system, name)] = _callgrind(valgrind, bench, system, files_of[name], args)
        both, warm_only = costs[("sidebarspam", "both")], costs[("sidebarspam", "warm")]
        part_out["sidebarspam"] = {
            "cold": {k: v / sizes["measured"] for k, v in costs[("sidebarspam", "measured")].items()},
            "warm": {k: (both[k] - warm_only.get(k, 0)) / sizes["measured"] for k in both},
        }
        fasttext = {k: v / sizes["measured"] for k, v in costs[("fasttext", "measured")].items()}
        part_out["fasttext"] = {"cold": fasttext, "warm": fasttext}  # fastText keeps no caches
        for path in files_of.values():
            path.unlink()
        results["parts"][part] = part_out
    return results


def instructions_markdown(results: dict[str, Any]) -> str:
    rows = ["| stage | ko warm | ko cold | en warm | en cold |", "|---|---:|---:|---:|---:|"]
    parts = results["parts"]
    names = list(parts["ko"]["sidebarspam"]["warm"].keys())
    names = [n for n in names if n != "total"] + ["total"]
    for name in names:
        cells = []
        for part in ("ko", "en"):
            for mode in ("warm", "cold"):
                cells.append(f"{parts[part]['sidebarspam'][mode].get(name, 0.0):.0f}")
        label = f"**{name}**" if name == "total" else name
        rows.append(f"| {label} | " + " | ".join(cells) + " |")
    cells = []
    for part in ("ko", "en"):
        for mode in ("warm", "cold"):
            cells.append(f"{parts[part]['fasttext'][mode]['total']:.0f}")
    rows.append("| fastText predict over the same lines (baseline) | " + " | ".join(cells) + " |")
    cells = []
    for part in ("ko", "en"):
        for mode in ("warm", "cold"):
            ours = parts[part]["sidebarspam"][mode]["total"]
            cells.append(f"{parts[part]['fasttext'][mode]['total'] / ours:.2f}" if ours else "-")
    rows.append("| fastText ÷ sidebarspam | " + " | ".join(cells) + " |")
    return (f"Instructions a byte (callgrind), one thread, {results['instructions_mb']:g} MB per language: "
            f"warm = after {results['warmup_mb']:g} MB of other text, cold = the same text from a fresh process\n\n"
            + "\n".join(rows) + "\n")


# ---------------------------------------------------------------------------------------
# The run.

# (row name, how it runs, system id) in table order; the first row is the reference.
SYSTEMS = [
    ("sidebarspam (C++ API)", "cpp", "sidebarspam"),
    ("sidebarspam (Python score_batch)", "py", "sidebarspam-python"),
    ("fastText predict, every line (C++)", "cpp", "fasttext"),
    ("datatrove C4QualityFilter", "py", "datatrove-c4"),
    ("datatrove FineWebQualityFilter", "py", "datatrove-fineweb"),
    ("datatrove C4 + FineWeb", "py", "datatrove-c4+fineweb"),
    ("Python regex line filter", "py", "regex"),
]
QUALITY_OF = {  # which labelling each speed row is judged by
    "sidebarspam": "sidebarspam-python", "sidebarspam-python": "sidebarspam-python",
    "fasttext": "fasttext-argmax",
}


def build_bench(build_dir: Path) -> Path:
    cmake = shutil.which("cmake") or "cmake"
    subprocess.run([cmake, "-S", str(ROOT), "-B", str(build_dir), "-DCMAKE_BUILD_TYPE=Release",
                    "-DSIDEBARSPAM_BUILD_BENCHMARKS=ON", "-DSIDEBARSPAM_BUILD_TESTS=OFF",
                    "-DSIDEBARSPAM_INSTALL=OFF"], check=True, stdout=subprocess.DEVNULL)
    subprocess.run([cmake, "--build", str(build_dir), "--target", "bench_score", "-j", str(os.cpu_count() or 1)],
                   check=True, stdout=subprocess.DEVNULL)
    return build_dir / "benchmarks" / "bench_score"


def run_system(kind: str, system: str, corpus: str, threads: int, args: argparse.Namespace,
               bench: Path) -> dict[str, Any]:
    if kind == "cpp":
        cmd = [str(bench), "--system", system, "--models", str(args.model_dir), "--corpus", corpus,
               "--threads", str(threads), "--max-seconds", str(args.max_seconds)]
        return json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout)
    # Python: score_batch uses threads; the single-threaded baselines use one process per core.
    processes = 1 if system == "sidebarspam-python" else threads
    py_threads = threads if system == "sidebarspam-python" else 1
    procs = [
        subprocess.Popen([sys.executable, __file__, "--worker", system, "--corpus", corpus,
                          "--threads", str(py_threads), "--max-seconds", str(args.max_seconds),
                          "--model-dir", str(args.model_dir),
                          "--shard", str(i), "--shards", str(processes)], stdout=subprocess.PIPE, text=True)
        for i in range(processes)
    ]
    parts = []
    for p in procs:
        out, _ = p.communicate()
        if p.returncode:
            raise SystemExit(f"worker {system} failed ({p.returncode})")
        parts.append(json.loads(out))
    merged = dict(parts[0])
    for key in ("docs", "bytes", "lines", "body_lines", "mb_per_s", "docs_per_s"):
        merged[key] = sum(p[key] for p in parts)
    for key in ("p50_ms", "p99_ms", "peak_rss_mb"):
        merged[key] = max(p[key] for p in parts)
    merged["seconds"] = max(p["seconds"] for p in parts)
    merged["threads"] = threads
    return merged


def quality(args: argparse.Namespace) -> dict[str, dict[str, Any]]:
    from sidebarspam.data import is_dev, read_documents
    from sidebarspam.evaluate import evaluate

    docs = [d for f in KO_FILES + EN_FILES for d in read_documents(str(args.data_root / f)) if is_dev(d.group)]
    if args.quality_docs:
        docs = docs[:: max(1, len(docs) // args.quality_docs)][: args.quality_docs]
    out = {}
    for system in ["sidebarspam-python", "fasttext-argmax", "datatrove-c4", "datatrove-fineweb",
                   "datatrove-c4+fineweb", "regex"]:
        predict = python_system(system, os.cpu_count() or 1, args.model_dir)
        by_lang = {}
        for lang, subset in (("ko", [d for d in docs if d.lang == "ko"]), ("en", [d for d in docs if d.lang != "ko"])):
            r = evaluate(predict, subset)
            by_lang[lang] = {"documents": r["documents"], "junk_f1": r["junk"]["f1"],
                             "tail_junk_f1": r["tail_junk"]["f1"],
                             "body_false_removal": r["body_false_removal_rate"]}
        out[system] = by_lang
    return out


def markdown(results: dict[str, Any]) -> str:
    rows = ["| corpus | system | threads | MB/s | × 1 thread | docs/s | p50 ms | p99 ms | peak RSS MB "
            "| sidebarspam is × faster | junk F1 | tail-junk F1 | body removed | MB timed |",
            "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for part in ("ko", "en"):
        for run in results["runs"][part]:
            ref = next(r for r in results["runs"][part] if r["system"] == "sidebarspam" and r["threads"] == run["threads"])
            q = results["quality"].get(QUALITY_OF.get(run["system"], run["system"]), {}).get(part, {})
            ratio = ref["mb_per_s"] / run["mb_per_s"] if run["mb_per_s"] else float("inf")
            # thread scaling: the same system on one thread, same run
            one = next(r for r in results["runs"][part] if r["system"] == run["system"] and r["threads"] == 1)
            scaling = run["mb_per_s"] / one["mb_per_s"] if one["mb_per_s"] else float("nan")
            rows.append(
                f"| {part} | {run['name']} | {run['threads']} | {run['mb_per_s']:.2f} | {scaling:.2f} | "
                f"{run['docs_per_s']:.0f} | "
                f"{run['p50_ms']:.3f} | {run['p99_ms']:.3f} | {run['peak_rss_mb']:.0f} | {ratio:.2f} | "
                f"{q.get('junk_f1', float('nan')):.3f} | {q.get('tail_junk_f1', float('nan')):.3f} | "
                f"{100 * q.get('body_false_removal', float('nan')):.2f} % | {run['bytes'] / 1e6:.1f} |")
    return "\n".join(rows) + "\n"


def main(argv: Sequence[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data-root", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--model-dir", type=Path, default=ROOT / "models",
                    help="model for every sidebarspam and fastText row (default: the shipped one)")
    ap.add_argument("--corpus-mb", type=float, default=100.0, help="corpus size, half Korean, half English")
    ap.add_argument("--max-seconds", type=float, default=20.0,
                    help="time budget per system and corpus part (0: always the whole corpus)")
    ap.add_argument("--quality-docs", type=int, default=0, help="evaluate on this many dev documents (0: all)")
    ap.add_argument("--threads", type=int, default=os.cpu_count() or 1, help="the all-cores setting")
    ap.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results")
    ap.add_argument("--build-dir", type=Path, default=ROOT / "build" / "bench")
    ap.add_argument("--instructions", action="store_true",
                    help="count instructions a byte per stage with callgrind instead of timing")
    ap.add_argument("--instructions-mb", type=float, default=1.0,
                    help="measured text per language in --instructions mode")
    ap.add_argument("--bench-binary", type=Path,
                    help="--instructions: measure this bench_score (e.g. another checkout's) instead of building one")
    ap.add_argument("--instructions-warmup-mb", type=float, default=4.0,
                    help="text scored before the warm figure is measured (RE2 builds its DFA states on it)")
    # internal: one timed Python process
    ap.add_argument("--worker", help=argparse.SUPPRESS)
    ap.add_argument("--corpus", help=argparse.SUPPRESS)
    ap.add_argument("--shard", type=int, default=0, help=argparse.SUPPRESS)
    ap.add_argument("--shards", type=int, default=1, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.worker:
        worker(args)
        return

    if args.instructions:
        results = instructions(args)
        table = instructions_markdown(results)
        (args.out / "instructions.json").write_text(json.dumps(results, indent=2) + "\n")
        (args.out / "instructions.md").write_text(table)
        print(table)
        return

    args.out.mkdir(parents=True, exist_ok=True)
    half = int(args.corpus_mb * 1e6 / 2)
    corpora = {
        "ko": build_corpus(args.data_root, KO_FILES, half, args.out / "corpus-ko.bin"),
        "en": build_corpus(args.data_root, EN_FILES, half, args.out / "corpus-en.bin"),
    }
    print(f"corpus: {sum(c['bytes'] for c in corpora.values()) / 1e6:.1f} MB "
          f"(ko {corpora['ko']['bytes'] / 1e6:.1f} MB, en {corpora['en']['bytes'] / 1e6:.1f} MB)", file=sys.stderr)
    bench = build_bench(args.build_dir)
    thread_settings = sorted({1, args.threads})
    runs: dict[str, list[dict[str, Any]]] = {}
    for part, corpus in corpora.items():
        runs[part] = []
        for name, kind, system in SYSTEMS:
            for threads in thread_settings:
                print(f"{part}: {name}, {threads} thread(s)", file=sys.stderr)
                r = run_system(kind, system, corpus["path"], threads, args, bench)
                r.update(name=name, system=system)
                runs[part].append(r)
    results = {
        "machine": {"cpus": os.cpu_count(), "platform": sys.platform, "python": sys.version.split()[0]},
        "corpus": corpora,
        "max_seconds": args.max_seconds,
        "model_dir": str(args.model_dir),
        "runs": runs,
        "quality": quality(args),
        "quality_note": "site-held-out dev documents; the shipped model was trained on all documents, so its "
                        "rows are in-sample here (held-out numbers: models/README.md)",
    }
    for path in (args.out / "corpus-ko.bin", args.out / "corpus-en.bin"):
        path.unlink()
    table = markdown(results)
    (args.out / "results.json").write_text(json.dumps(results, indent=2) + "\n")
    (args.out / "results.md").write_text(table)
    print(table)


if __name__ == "__main__":
    main()
