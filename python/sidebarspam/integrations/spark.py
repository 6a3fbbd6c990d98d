"""Clean a text column of a Spark DataFrame with sidebarspam, batch by batch.

>>> from sidebarspam.integrations.spark import clean_column
>>> cleaned = clean_column(df, "text", "clean_text", spam_col="spam_score")

Rows travel to Python as Arrow batches (``mapInPandas`` / a pandas UDF); each batch is one
:meth:`~sidebarspam.Classifier.clean_batch` call (plus one
:meth:`~sidebarspam.Classifier.score_batch` call when scores or labels are asked for). The model
is loaded once per Python worker process and kept for every later batch and task (Spark reuses
its Python workers by default, ``spark.python.worker.reuse=true``), never once per row.

The model files must be readable on the executors: the bundled model comes with the wheel; for
another model either pass a path on a shared filesystem, or call :func:`ship_model` on the
driver and pass the same ``model_dir`` (see the README for ``spark-submit``).

Requires ``pip install 'sidebarspam[spark]'``.
"""

from __future__ import annotations

import dataclasses
import os
import shutil
import tempfile
from typing import TYPE_CHECKING, Any, Iterator

from . import ClassifierSpec, load_classifier, missing_extra, score_or_clean

try:
    import pandas as pd
    from pyspark import SparkFiles
    from pyspark.sql import DataFrame, SparkSession
    from pyspark.sql.pandas.functions import pandas_udf
    from pyspark.sql.types import ArrayType, DoubleType, StringType, StructField, StructType
except ImportError as _error:  # pragma: no cover - exercised only without the spark extra
    raise missing_extra("spark", _error) from _error

if TYPE_CHECKING:
    from pyspark.sql._typing import UserDefinedFunctionLike

__all__ = ["clean_column", "clean_udf", "ship_model"]


def ship_model(spark: SparkSession, model_dir: str | os.PathLike[str]) -> str:
    """Send a model directory to every executor; returns the ``model_dir`` to pass on.

    The directory is zipped and added with ``SparkContext.addArchive(zip#name)``, ``name``
    being its last path component; Spark unpacks it next to each executor's files. Workers on
    which ``model_dir`` does not exist then load the copy named ``name`` (what
    ``spark-submit --archives model.zip#name`` gives as well), so two shipped models need
    different directory names. (``addFile`` cannot do this: outside local mode it refuses local
    directories.) The zip stays in a temporary directory for the life of the driver, since
    Spark serves it to executors on demand.
    """
    path = os.path.abspath(os.fspath(model_dir))
    if not os.path.isdir(path):
        raise FileNotFoundError(f"{path}: not a model directory")
    name = os.path.basename(path)
    staging = tempfile.mkdtemp(prefix="sidebarspam-model-")
    archive = shutil.make_archive(os.path.join(staging, name), "zip", root_dir=path)
    spark.sparkContext.addArchive(f"{archive}#{name}")
    return path


def _on_this_worker(spec: ClassifierSpec) -> ClassifierSpec:
    """``spec`` pointing at the shipped copy of its model directory when its path is not here."""
    if spec.model_dir is None or os.path.isdir(spec.model_dir):
        return spec
    shipped = SparkFiles.get(os.path.basename(os.path.normpath(spec.model_dir)))
    if os.path.isdir(shipped):
        return dataclasses.replace(spec, model_dir=shipped)
    return spec  # Classifier() then fails naming the missing file, which is the useful error


def _clean_texts(
    texts: pd.Series, spec: ClassifierSpec, threads: int, scores: bool, html: bool = False
) -> tuple[list[str | None], list[float | None], list[list[str] | None]]:
    """Cleaned text, spam score and line labels for each text of a batch; None for null texts.

    The spam scores and labels are empty lists unless ``scores`` is set (scoring costs as much
    as cleaning, so it is only done when a column asks for it).
    """
    clf = load_classifier(_on_this_worker(spec))
    present = [i for i, text in enumerate(texts) if isinstance(text, str)]
    cleaned: list[str | None] = [None] * len(texts)
    spam: list[float | None] = [None] * len(texts) if scores else []
    labels: list[list[str] | None] = [None] * len(texts) if scores else []
    results, docs = score_or_clean(clf, [texts.iat[i] for i in present], threads, scores, html)
    for j, i in enumerate(present):
        cleaned[i] = results[j]
        if docs is not None:
            spam[i] = docs[j].spam_score
            labels[i] = docs[j].labels
    return cleaned, spam, labels


def clean_column(
    df: DataFrame,
    text_col: str = "text",
    output_col: str = "clean_text",
    *,
    spam_col: str | None = None,
    labels_col: str | None = None,
    spec: ClassifierSpec | None = None,
    threads: int = 1,
    html: bool = False,
) -> DataFrame:
    """``df`` with ``output_col`` = ``Classifier.clean(text_col)`` and optional score columns.

    With ``html=True`` the column holds HTML pages: the output is ``Classifier.clean_html`` (the
    article's lines as text) and the labels are those of the page's lines.

    Every input column is kept (an output column with an existing name replaces it in place,
    so ``output_col=text_col`` cleans in place). ``spam_col`` adds the document spam score
    (double), ``labels_col`` the label of every line (array<string>). A null text gives null
    outputs. It is lazy like any transformation: nothing runs until an action.

    ``threads`` is the number of C++ threads per Spark task; 1 by default because Spark already
    runs one task per executor core. ``spec`` says which model and options (a
    :class:`sidebarspam.ClassifierSpec`; None = the bundled model, default options); a
    ``model_dir`` shipped with :func:`ship_model` is found on the executors.
    """
    spec = spec if spec is not None else ClassifierSpec()
    if text_col not in df.columns:
        raise ValueError(f"no column {text_col!r} in {df.columns}")
    added = {output_col: StructField(output_col, StringType(), True)}
    if spam_col is not None:
        added[spam_col] = StructField(spam_col, DoubleType(), True)
    if labels_col is not None:
        added[labels_col] = StructField(labels_col, ArrayType(StringType(), False), True)
    if len(added) < 1 + (spam_col is not None) + (labels_col is not None):
        raise ValueError("output_col, spam_col and labels_col must be different names")
    fields = [added.pop(f.name, f) for f in df.schema.fields]
    schema = StructType(fields + list(added.values()))
    scores = spam_col is not None or labels_col is not None

    def clean_partition(frames: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
        for frame in frames:
            cleaned, spam, labels = _clean_texts(frame[text_col], spec, threads, scores, html)
            frame[output_col] = pd.Series(cleaned, index=frame.index, dtype=object)
            if spam_col is not None:
                frame[spam_col] = pd.Series(spam, index=frame.index, dtype=object)
            if labels_col is not None:
                frame[labels_col] = pd.Series(labels, index=frame.index, dtype=object)
            yield frame[schema.names]

    return df.mapInPandas(clean_partition, schema)


def clean_udf(spec: ClassifierSpec | None = None, *, threads: int = 1, html: bool = False) -> UserDefinedFunctionLike:
    """A pandas UDF ``string -> string`` computing ``Classifier.clean``, for ``select``/``withColumn``.

    Use it where a column expression fits better than :func:`clean_column`, e.g.
    ``df.withColumn("body", clean_udf()(F.col("html_text")))``. Same model loading and
    arguments as :func:`clean_column` (``html=True``: the column holds HTML pages).
    """
    spec = spec if spec is not None else ClassifierSpec()

    def sidebarspam_clean(texts: pd.Series) -> pd.Series:
        cleaned, _, _ = _clean_texts(texts, spec, threads, scores=False, html=html)
        return pd.Series(cleaned, index=texts.index, dtype=object)

    # pyspark's stubs only describe the older functionType= form, which now warns; the form
    # with type hints on the function is the supported one.
    udf: UserDefinedFunctionLike = pandas_udf(sidebarspam_clean, StringType())  # type: ignore[call-overload, unused-ignore]
    return udf

