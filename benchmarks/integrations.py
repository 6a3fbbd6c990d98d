"""Documents/s of the scale-out integrations on this machine, next to the plain Python API.

    python benchmarks/integrations.py                      # both engines, 1 and all cores
    python benchmarks/integrations.py --engines spark --cores 2 --repeat 3

Reads the labelled corpora of ../shared/data at run time (a document's text is its lines joined
by newlines; nothing is copied into the repository) and times, on the same documents:

* ``api``: ``Classifier.clean_batch``, and ``score_batch`` with ``Document.clean()`` (one pass), in one process;
* ``datatrove``: a ``LocalPipelineExecutor`` of JsonlReader -> SidebarspamFilter -> JsonlWriter,
  one task per core: full metadata (labels, score, removed lines' text), labels and score
  only, and no metadata (clean only);
* ``spark``: ``clean_column`` on a ``local[N]`` session over a cached DataFrame, written to
  Spark's ``noop`` sink, with and without a spam column; one warm-up run first, since the first
  job pays for starting the Python workers and loading the model.

Times are wall-clock, so they include each engine's own overhead (JSON parsing and writing,
Arrow transfer); "per core" is the documents/s divided by the cores used.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import pathlib
import shutil
import sys
import tempfile
import time
from typing import Any, Callable

import sidebarspam

ROOT = pathlib.Path(__file__).resolve().parents[1]
CORPORA = ("ko/ko_docs.jsonl.gz", "en/train-trafilatura.jsonl.gz")


def read_texts(data_root: pathlib.Path, repeat: int) -> list[dict[str, str]]:
    docs: list[dict[str, str]] = []
    for relative in CORPORA:
        path = data_root / relative
        if not path.exists():
            sys.exit(f"{path} is missing: pass --data-root (default ../shared/data)")
        with gzip.open(path, "rt", encoding="utf-8") as f:
            for line in f:
                row = json.loads(line)
                docs.append({"id": row["id"], "text": "\n".join(l["text"] for l in row["lines"])})
    return [{"id": f"{d['id']}#{r}", "text": d["text"]} for r in range(repeat) for d in docs]


def timed(run: Callable[[], Any]) -> float:
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def report(results: list[dict[str, Any]], engine: str, mode: str, cores: int, docs: int, seconds: float) -> None:
    rate = docs / seconds
    results.append({"engine": engine, "mode": mode, "cores": cores, "documents": docs,
                    "seconds": round(seconds, 3), "docs_per_s": round(rate, 1),
                    "docs_per_s_per_core": round(rate / cores, 1)})
    print(f"{engine:<10} {mode:<16} cores={cores}  {docs} docs in {seconds:7.2f} s  "
          f"{rate:8.1f} docs/s  {rate / cores:8.1f} docs/s/core", flush=True)


def bench_api(docs: list[dict[str, str]], cores: list[int], results: list[dict[str, Any]]) -> None:
    clf = sidebarspam.Classifier()
    texts = [d["text"] for d in docs]
    for n in cores:
        report(results, "api", "clean", n, len(texts), timed(lambda: clf.clean_batch(texts, n)))
        report(results, "api", "score+clean", n, len(texts),
               timed(lambda: [doc.clean() for doc in clf.score_batch(texts, n)]))


def bench_datatrove(docs: list[dict[str, str]], cores: list[int], results: list[dict[str, Any]]) -> None:
    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter
    from loguru import logger

    from sidebarspam.integrations.datatrove import SidebarspamFilter

    logger.remove()  # datatrove logs every task's stats; the table below is what matters here
    work = pathlib.Path(tempfile.mkdtemp(prefix="sidebarspam-bench-"))
    try:
        for n in cores:
            inputs = work / f"in-{n}"
            inputs.mkdir()
            for shard in range(n):  # one input file per task
                with open(inputs / f"part-{shard}.jsonl", "w", encoding="utf-8") as f:
                    f.writelines(json.dumps(d, ensure_ascii=False) + "\n" for d in docs[shard::n])
            modes = {
                "clean+metadata": SidebarspamFilter(),
                "clean+labels": SidebarspamFilter(record_removed_lines=False),
                "clean": SidebarspamFilter(metadata_prefix=None),
            }
            for mode, step in modes.items():
                out = work / f"out-{n}-{mode}"
                executor = LocalPipelineExecutor(
                    [JsonlReader(str(inputs)), step, JsonlWriter(str(out), compression=None)],
                    tasks=n, workers=n, logging_dir=str(work / f"logs-{n}-{mode}"),
                )
                report(results, "datatrove", mode, n, len(docs), timed(executor.run))
    finally:
        shutil.rmtree(work, ignore_errors=True)


def bench_spark(docs: list[dict[str, str]], cores: list[int], results: list[dict[str, Any]]) -> None:
    from pyspark.sql import SparkSession

    from sidebarspam.integrations.spark import clean_column

    for n in cores:
        spark = (
            SparkSession.builder.master(f"local[{n}]")
            .config("spark.ui.enabled", "false")
            .config("spark.sql.shuffle.partitions", str(n))
            .config("spark.pyspark.python", sys.executable)
            .config("spark.driver.memory", "4g")
            .getOrCreate()
        )
        spark.sparkContext.setLogLevel("ERROR")
        try:
            frame = spark.createDataFrame([(d["id"], d["text"]) for d in docs], "id string, text string")
            frame = frame.repartition(4 * n).cache()
            frame.count()
            jobs = {
                "clean": lambda: clean_column(frame).write.format("noop").mode("overwrite").save(),
                "clean+spam": lambda: clean_column(frame, spam_col="spam").write.format("noop").mode("overwrite").save(),
            }
            jobs["clean"]()  # warm-up: Python workers start and load the model
            for mode, job in jobs.items():
                report(results, "spark", mode, n, len(docs), timed(job))
        finally:
            spark.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data-root", type=pathlib.Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--engines", default="api,datatrove,spark", help="comma-separated: api, datatrove, spark")
    parser.add_argument("--cores", default=f"1,{os.cpu_count() or 1}", help="comma-separated core counts")
    parser.add_argument("--repeat", type=int, default=2, help="times the corpora are repeated (default: 2)")
    parser.add_argument("--json", type=pathlib.Path, help="also write the results here")
    args = parser.parse_args()

    docs = read_texts(args.data_root, args.repeat)
    cores = sorted({int(c) for c in args.cores.split(",")})
    print(f"{len(docs)} documents, {sum(len(d['text'].encode()) for d in docs) / 1e6:.1f} MB; "
          f"{os.cpu_count()} cores on this machine", flush=True)
    results: list[dict[str, Any]] = []
    benches = {"api": bench_api, "datatrove": bench_datatrove, "spark": bench_spark}
    for engine in args.engines.split(","):
        benches[engine](docs, cores, results)
    if args.json:
        args.json.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
