"""Scale-out integrations: run :class:`sidebarspam.Classifier` inside data-processing engines.

* :mod:`sidebarspam.integrations.datatrove` — a datatrove pipeline step
  (``pip install 'sidebarspam[datatrove]'``).
* :mod:`sidebarspam.integrations.spark` — clean a text column of a Spark DataFrame
  (``pip install 'sidebarspam[spark]'``).

Both are thin layers over the Python API: they batch documents, call
:meth:`~sidebarspam.Classifier.score_batch` / :meth:`~sidebarspam.Classifier.clean_batch`, and put
the results where the engine expects them. Neither engine is imported by this module, so
``import sidebarspam`` (and this package) works without them.

What both engines ship to their workers is a :class:`ClassifierSpec` (a few strings and floats,
cheap to pickle), never a loaded model: a C++ model cannot be pickled, and loading it once per
worker process through :func:`load_classifier` is far cheaper than once per row or per task.
"""

from __future__ import annotations

import functools
import os
from dataclasses import asdict, dataclass

from .. import Classifier

__all__ = ["ClassifierSpec", "load_classifier", "missing_extra"]


@dataclass(frozen=True)
class ClassifierSpec:
    """The arguments of :class:`sidebarspam.Classifier`, as a hashable, picklable value.

    Paths are resolved on the worker, not the driver, so they must exist where the work runs
    (bundled model, shared filesystem, or a file the engine shipped; see the README).
    ``None`` means what it means for :class:`~sidebarspam.Classifier`: the bundled model files.
    """

    model_dir: str | None = None
    line_model: str | None = None
    rules: str | None = None
    clickbait_model: str | None = None
    clickbait_model_ko: str | None = None
    clickbait_calibration: str | None = None
    body_margin: float = 1.0
    switch_penalty: float = 0.5
    max_line_bytes: int = 4096

    @classmethod
    def of(
        cls,
        model_dir: str | os.PathLike[str] | None = None,
        *,
        line_model: str | os.PathLike[str] | None = None,
        rules: str | os.PathLike[str] | None = None,
        clickbait_model: str | os.PathLike[str] | None = None,
        clickbait_model_ko: str | os.PathLike[str] | None = None,
        clickbait_calibration: str | os.PathLike[str] | None = None,
        body_margin: float = 1.0,
        switch_penalty: float = 0.5,
        max_line_bytes: int = 4096,
    ) -> ClassifierSpec:
        """Build a spec from the same arguments as :class:`~sidebarspam.Classifier` (paths as str)."""

        def path(p: str | os.PathLike[str] | None) -> str | None:
            return None if p is None else os.fspath(p)

        return cls(
            model_dir=path(model_dir),
            line_model=path(line_model),
            rules=path(rules),
            clickbait_model=path(clickbait_model),
            clickbait_model_ko=path(clickbait_model_ko),
            clickbait_calibration=path(clickbait_calibration),
            body_margin=float(body_margin),
            switch_penalty=float(switch_penalty),
            max_line_bytes=int(max_line_bytes),
        )


@functools.lru_cache(maxsize=8)
def load_classifier(spec: ClassifierSpec) -> Classifier:
    """The classifier for ``spec``, loaded at most once per process.

    Engines call their per-batch functions many times in one long-lived worker process (Spark
    reuses Python workers, datatrove runs a whole task in one process); caching here is what
    makes the model load once per worker instead of once per batch. A Classifier is immutable
    and thread-safe, so sharing one instance is safe.
    """
    # The spec's fields are Classifier's keyword arguments, one for one.
    return Classifier(**asdict(spec))


def missing_extra(extra: str, error: ImportError) -> ImportError:
    """The ImportError an integration raises when its engine is not installed.

    The plain ``ModuleNotFoundError`` names e.g. ``pyspark`` but not that sidebarspam has an extra
    for it; this message carries the pip command a user can paste.
    """
    return ImportError(
        f"sidebarspam.integrations.{extra} needs {error.name or 'a missing package'}: "
        f"pip install 'sidebarspam[{extra}]' ({error})"
    )
