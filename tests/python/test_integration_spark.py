"""sidebarspam.integrations.spark on a real local SparkSession (PyPI pyspark, the machine's Java).

A few hundred documents from ../shared/data go through Spark; every row must equal what the
plain Python API gives for the same text.
"""

from __future__ import annotations

import gzip
import itertools
import json
import os
import pathlib
import shutil
import sys
from typing import Any, Iterator

import pytest

import sidebarspam
from conftest import SHARED

pytest.importorskip("pyspark", reason="pyspark is not installed: pip install 'sidebarspam[spark]'")
pytest.importorskip("pandas", reason="pandas is not installed: pip install 'sidebarspam[spark]'")
pytest.importorskip("pyarrow", reason="pyarrow is not installed: pip install 'sidebarspam[spark]'")

import pandas as pd  # noqa: E402
from pyspark.sql import DataFrame, SparkSession  # noqa: E402
from pyspark.sql import functions as F  # noqa: E402

from sidebarspam.integrations import load_classifier  # noqa: E402
from sidebarspam.integrations.spark import clean_column, clean_udf, ship_model  # noqa: E402

CORPORA = ("data/ko/ko_docs.jsonl.gz", "data/en/train-trafilatura.jsonl.gz")
PER_CORPUS = 150


def _java_available() -> bool:
    java_home = os.environ.get("JAVA_HOME")
    if java_home and os.access(os.path.join(java_home, "bin", "java"), os.X_OK):
        return True
    return shutil.which("java") is not None


@pytest.fixture(scope="module")
def spark() -> Iterator[SparkSession]:
    """One local session for the module: starting the JVM is most of the cost of these tests."""
    if not _java_available():
        pytest.skip("no Java runtime (java on PATH or JAVA_HOME) for a local SparkSession")
    # The Python workers must run this interpreter (the project's venv, where sidebarspam is
    # installed): local mode reads the environment for them, not only the session config.
    os.environ["PYSPARK_PYTHON"] = sys.executable
    os.environ["PYSPARK_DRIVER_PYTHON"] = sys.executable
    session = (
        SparkSession.builder.master("local[2]")
        .appName("sidebarspam-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        # Small Arrow batches: each Spark task hands Python several batches, so the model
        # cache is exercised across batches, as on a real cluster.
        .config("spark.sql.execution.arrow.maxRecordsPerBatch", "32")
        .config("spark.python.worker.reuse", "true")
        # The workers must run this interpreter, where sidebarspam is installed.
        .config("spark.pyspark.python", sys.executable)
        .config("spark.pyspark.driver.python", sys.executable)
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


@pytest.fixture(scope="module")
def documents() -> list[dict[str, Any]]:
    """{"id", "text"} documents, Korean and English; the text is the lines joined by newlines."""
    docs: list[dict[str, Any]] = []
    for relative in CORPORA:
        path = SHARED / relative
        if not path.exists():
            pytest.skip(f"{path} is missing: these tests read ../shared/data beside the checkout")
        with gzip.open(path, "rt", encoding="utf-8") as f:
            for line in itertools.islice(f, PER_CORPUS):
                row = json.loads(line)
                docs.append({"id": row["id"], "text": "\n".join(l["text"] for l in row["lines"])})
    return docs


@pytest.fixture(scope="module")
def frame(spark: SparkSession, documents: list[dict[str, Any]]) -> DataFrame:
    """The documents plus one null text, spread over 4 partitions (2 tasks at a time)."""
    rows = [(d["id"], d["text"], i) for i, d in enumerate(documents)] + [("null-text", None, -1)]
    return spark.createDataFrame(rows, "id string, text string, n long").repartition(4)


def test_clean_column_matches_the_python_api(
    frame: DataFrame, documents: list[dict[str, Any]], clf: sidebarspam.Classifier
) -> None:
    out = clean_column(frame, "text", "clean_text", spam_col="spam", labels_col="labels")
    assert out.columns == ["id", "text", "n", "clean_text", "spam", "labels"]
    rows = {r["id"]: r for r in out.collect()}
    assert len(rows) == len(documents) + 1

    texts = [d["text"] for d in documents]
    for doc, scores in zip(documents, clf.score_batch(texts)):
        row = rows[doc["id"]]
        assert row["text"] == doc["text"], "input columns pass through unchanged"
        assert row["clean_text"] == clf.clean(doc["text"]), doc["id"]
        assert row["spam"] == scores.spam_score
        assert row["labels"] == scores.labels
    null_row = rows["null-text"]
    assert (null_row["clean_text"], null_row["spam"], null_row["labels"]) == (None, None, None)
    assert sum(1 for r in rows.values() if r["clean_text"] != r["text"]) > len(documents) // 2


def test_clean_in_place_and_udf(frame: DataFrame, documents: list[dict[str, Any]], clf: sidebarspam.Classifier) -> None:
    expected: dict[str, str | bytes | None] = {d["id"]: clf.clean(d["text"]) for d in documents}
    expected["null-text"] = None

    in_place = clean_column(frame, "text", "text")
    assert in_place.columns == ["id", "text", "n"]
    assert {r["id"]: r["text"] for r in in_place.collect()} == expected

    via_udf = frame.select("id", clean_udf()(F.col("text")).alias("body"))
    assert {r["id"]: r["body"] for r in via_udf.collect()} == expected


def test_model_loaded_once_per_worker_process(spark: SparkSession, frame: DataFrame) -> None:
    """After a cleaning job, each reused Python worker has loaded the model once and reused it."""
    clean_column(frame, "text", "clean_text", spam_col="spam").count()

    def cache_report(frames: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
        info = load_classifier.cache_info()
        for _ in frames:
            pass
        yield pd.DataFrame({"pid": [os.getpid()], "misses": [info.misses], "hits": [info.hits]})

    # Several small tasks so that every idle worker of the pool is likely to report.
    probe = spark.range(0, 8, numPartitions=8).mapInPandas(cache_report, "pid long, misses long, hits long")
    reports = probe.distinct().collect()
    assert all(r["misses"] <= 1 for r in reports), reports
    assert any(r["misses"] == 1 and r["hits"] >= 1 for r in reports), reports


def test_shipped_model_is_found_by_the_workers(
    spark: SparkSession, frame: DataFrame, documents: list[dict[str, Any]], tmp_path: pathlib.Path
) -> None:
    """A model directory sent with ship_model() works on workers that do not have the path."""
    model_dir = tmp_path / "shipped-model"
    shutil.copytree(sidebarspam.default_model_dir(), model_dir)
    # A non-default option too: it must reach the workers along with the model.
    options = sidebarspam.Options(body_margin=3.0)
    reference = sidebarspam.Classifier(model_dir, options=options)
    expected = {d["id"]: reference.clean(d["text"]) for d in documents}

    passed = ship_model(spark, model_dir)
    shutil.rmtree(model_dir)  # from now on only the shipped copy exists
    spec = sidebarspam.ClassifierSpec(model_dir=passed, options=options)
    out = clean_column(frame.where(F.col("text").isNotNull()), spec=spec)
    assert {r["id"]: r["clean_text"] for r in out.collect()} == expected


def test_clean_column_rejects_bad_columns(frame: DataFrame) -> None:
    with pytest.raises(ValueError, match="no column"):
        clean_column(frame, "body")
    with pytest.raises(ValueError, match="different names"):
        clean_column(frame, "text", "out", spam_col="out")


def test_import_without_pyspark_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in [m for m in sys.modules if m == "pyspark" or m.startswith("pyspark.")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "pyspark", None)  # makes `import pyspark` fail
    monkeypatch.delitem(sys.modules, "sidebarspam.integrations.spark")
    with pytest.raises(ImportError, match=r"pip install 'sidebarspam\[spark\]'"):
        import sidebarspam.integrations.spark  # noqa: F401


def test_clean_column_reads_html(spark: SparkSession, clf: sidebarspam.Classifier) -> None:
    path = SHARED / "data/html/en-trafilatura-html.jsonl.gz"
    if not path.exists():
        pytest.skip(f"{path} is missing: these tests read ../shared/data beside the checkout")
    with gzip.open(path, "rt", encoding="utf-8") as f:
        pages = [json.loads(line) for line in itertools.islice(f, 12)]
    rows = [(p["id"], p["html"]) for p in pages] + [("null-html", None)]
    df = spark.createDataFrame(rows, "id string, html string").repartition(2)
    out = {r["id"]: r for r in clean_column(df, "html", "clean_text", labels_col="labels", html=True).collect()}
    expected = clf.score_html_batch([p["html"] for p in pages])
    for page, doc in zip(pages, expected):
        assert out[page["id"]]["clean_text"] == doc.clean_text()
        assert list(out[page["id"]]["labels"]) == doc.labels
    assert out["null-html"]["clean_text"] is None
    udf_out = {r["id"]: r["body"] for r in df.withColumn("body", clean_udf(html=True)(F.col("html"))).collect()}
    assert udf_out[pages[0]["id"]] == expected[0].clean_text()
