"""Scale-out integrations: run :class:`sidebarspam.Classifier` inside data-processing engines.

* :mod:`sidebarspam.integrations.datatrove` — a datatrove pipeline step
  (``pip install 'sidebarspam[datatrove]'``).
* :mod:`sidebarspam.integrations.spark` — clean a text column of a Spark DataFrame
  (``pip install 'sidebarspam[spark]'``).

Both are thin layers over the Python API: they batch documents, call
:meth:`~sidebarspam.Classifier.score_batch` / :meth:`~sidebarspam.Classifier.clean_batch`, and put
the results where the engine expects them. Neither engine is imported by this module, so
``import sidebarspam`` (and this package) works without them.

What both engines ship to their workers is a :class:`sidebarspam.ClassifierSpec` (a few paths
and the :class:`sidebarspam.Options`, cheap to pickle), never a loaded model: a C++ model cannot be pickled, and loading it once per
worker process through :func:`load_classifier` is far cheaper than once per row or per task.
"""

from __future__ import annotations

import functools
from typing import Sequence

from .. import Classifier, ClassifierSpec, Document

__all__ = ["ClassifierSpec", "load_classifier", "missing_extra", "score_or_clean"]


@functools.lru_cache(maxsize=8)
def load_classifier(spec: ClassifierSpec) -> Classifier:
    """The classifier for ``spec``, loaded at most once per process.

    Engines call their per-batch functions many times in one long-lived worker process (Spark
    reuses Python workers, datatrove runs a whole task in one process); caching here is what
    makes the model load once per worker instead of once per batch. A Classifier is immutable
    and thread-safe, so sharing one instance is safe.
    """
    return spec.load()


def score_or_clean(
    clf: Classifier, texts: Sequence[str], threads: int, scores: bool, html: bool = False
) -> tuple[list[str], list[Document] | None]:
    """The cleaned texts of a batch, and with ``scores`` their scored documents too.

    One pass either way: with ``scores`` the cleaned text comes from the same results
    (:meth:`Document.clean`), without it from the cheaper :meth:`Classifier.clean_batch`.
    With ``html`` the texts are HTML pages: :meth:`Classifier.score_html_batch` scores them and
    the cleaned text is each page's article as text.
    """
    if html:
        pages = clf.score_html_batch(texts, threads)
        return [p.clean_text() for p in pages], (list(pages) if scores else None)
    if scores:
        docs = clf.score_batch(texts, threads)
        return [_as_str(d.clean()) for d in docs], docs
    return [_as_str(t) for t in clf.clean_batch(texts, threads)], None


def _as_str(text: str | bytes) -> str:
    # clean() returns its input's type; the engines hand over str, so this is a no-op there.
    return text if isinstance(text, str) else text.decode("utf-8", "surrogatepass")


def missing_extra(extra: str, error: ImportError) -> ImportError:
    """The ImportError an integration raises when its engine is not installed.

    The plain ``ModuleNotFoundError`` names e.g. ``pyspark`` but not that sidebarspam has an extra
    for it; this message carries the pip command a user can paste.
    """
    return ImportError(
        f"sidebarspam.integrations.{extra} needs {error.name or 'a missing package'}: "
        f"pip install 'sidebarspam[{extra}]' ({error})"
    )
