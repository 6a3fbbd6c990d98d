"""A datatrove pipeline step that removes junk lines from ``doc.text`` with sidebarspam.

>>> from datatrove.executor import LocalPipelineExecutor
>>> from datatrove.pipeline.readers import JsonlReader
>>> from datatrove.pipeline.writers import JsonlWriter
>>> from sidebarspam.integrations.datatrove import SidebarspamFilter
>>> LocalPipelineExecutor([
...     JsonlReader("crawl/"),
...     SidebarspamFilter(spam_threshold=0.8),
...     JsonlWriter("clean/"),
... ], tasks=4).run()

It is a :class:`~datatrove.pipeline.filters.base_filter.BaseFilter`, not a formatter, because it
both rewrites documents and may drop them (``spam_threshold``, ``drop_empty``); BaseFilter gives
it datatrove's usual ``dropped_<reason>`` stats, batching and ``exclusion_writer`` for free.

Requires ``pip install 'sidebarspam[datatrove]'``.
"""

from __future__ import annotations

import os
from typing import Any, Sequence

from .. import LABELS
from .. import Document as Scores
from . import ClassifierSpec, load_classifier, missing_extra, score_or_clean

try:
    from datatrove.data import Document
    from datatrove.pipeline.filters.base_filter import BaseFilter
    from datatrove.pipeline.writers.disk_base import DiskWriter
except ImportError as _error:  # pragma: no cover - exercised only without datatrove
    raise missing_extra("datatrove", _error) from _error

__all__ = ["SidebarspamFilter"]

#: Reason strings of dropped documents; datatrove counts them as ``dropped_<reason>``.
SPAM_REASON = "sidebarspam_spam"
EMPTY_REASON = "sidebarspam_empty"


class SidebarspamFilter(BaseFilter):  # type: ignore[misc]  # datatrove ships no type hints
    """Replace ``doc.text`` by its body lines; record what was removed; optionally drop spam.

    For each kept document ``doc.text`` becomes ``Classifier.clean(doc.text)`` (kept lines are
    byte-identical). With ``metadata_prefix`` (default ``"sidebarspam_"``) it also sets

    * ``<prefix>labels``: the label of every input line (``body``, ``boilerplate``, ``sidebar``),
    * ``<prefix>spam_score``: the document's spam score,
    * ``<prefix>removed_lines``: ``{"index", "label", "text"}`` of every line that was removed,

    so a later step, or a person reading the output, can audit the cleaning. The removed lines'
    text is what cleaning took out of ``doc.text``, so it is kept by default; it can make the
    output about twice as large and costs about as much as scoring, so large production runs
    may turn it off with ``record_removed_lines=False`` (labels and score stay).

    A document is dropped (reason ``sidebarspam_spam``) when ``spam_threshold`` is set and its
    spam score is strictly above it, and (reason ``sidebarspam_empty``) when ``drop_empty`` is
    set and no non-blank text is left. Dropped documents keep their original text, so that an
    ``exclusion_writer`` shows what was judged, with the metadata above.

    Besides BaseFilter's ``total``/``forwarded``/``dropped``/``dropped_<reason>``, the step
    reports ``chars_removed`` per document and, when it scores (metadata or a threshold asked
    for), ``lines``, ``lines_removed`` and ``lines_<label>`` (sums and means in datatrove's
    stats.json).

    With ``html=True``, ``doc.text`` is a page's HTML (as datatrove's ``WarcReader`` gives it):
    it is replaced by the article as text (``Classifier.clean_html``), and the labels and removed
    lines are those of the page's lines.

    ``threads`` is the number of C++ scoring threads per datatrove task. The default is 1
    because datatrove already runs one task per core (``workers``, Slurm ``cpus_per_task``);
    raise it only when a task has several cores to itself. ``spec`` says which model and
    options (a :class:`sidebarspam.ClassifierSpec`; None = the bundled model, default options);
    its paths must exist on the machines that run the tasks. The model is loaded lazily, once
    per worker process, so the step pickles cheaply.
    """

    name = "🧹 sidebarspam"

    def __init__(
        self,
        spec: ClassifierSpec | None = None,
        *,
        spam_threshold: float | None = None,
        drop_empty: bool = False,
        metadata_prefix: str | None = "sidebarspam_",
        record_removed_lines: bool = True,
        batch_size: int = 256,
        threads: int = 1,
        exclusion_writer: DiskWriter | None = None,
        html: bool = False,
    ) -> None:
        if batch_size < 1:
            raise ValueError(f"batch_size must be at least 1, not {batch_size}")
        # BaseFilter warns about batch_size > 1 unless filter_batch is overridden, which it is.
        super().__init__(exclusion_writer=exclusion_writer, batch_size=batch_size)
        self.spec = spec if spec is not None else ClassifierSpec()
        self.spam_threshold = spam_threshold
        self.drop_empty = drop_empty
        self.metadata_prefix = metadata_prefix
        self.record_removed_lines = record_removed_lines
        self.threads = threads
        self.html = html

    def filter(self, doc: Document) -> bool | tuple[bool, str]:
        """One document; datatrove calls :meth:`filter_batch` instead (scoring in batches is faster)."""
        return self.filter_batch([doc])[0]

    def filter_batch(self, batch: list[Document]) -> list[bool | tuple[bool, str]]:
        """Clean a batch in place and say which documents to keep."""
        clf = load_classifier(self.spec)
        # One scoring pass: the documents' labels for the metadata and the threshold, and the
        # cleaned text from the same result; without either, the cheaper clean.
        need_scores = self.metadata_prefix is not None or self.spam_threshold is not None
        cleaned, docs = score_or_clean(clf, [doc.text for doc in batch], self.threads, need_scores, self.html)
        scored: Sequence[Scores | None] = docs if docs is not None else [None] * len(batch)

        results: list[bool | tuple[bool, str]] = []
        for doc, clean, scores in zip(batch, cleaned, scored):
            self.stat_update("chars_removed", value=len(doc.text) - len(clean))
            if scores is not None:
                labels = scores.labels
                self.stat_update("lines", value=len(labels))
                self.stat_update("lines_removed", value=len(labels) - labels.count("body"))
                for label in LABELS:
                    self.stat_update(f"lines_{label}", value=labels.count(label))
                if self.metadata_prefix is not None:
                    doc.metadata[self.metadata_prefix + "labels"] = labels
                    doc.metadata[self.metadata_prefix + "spam_score"] = scores.spam_score
                    if self.record_removed_lines:
                        removed: list[dict[str, Any]] = [
                            {"index": line.index, "label": line.label, "text": line.text}
                            for line in scores.lines
                            if line.label != "body"
                        ]
                        doc.metadata[self.metadata_prefix + "removed_lines"] = removed
                if self.spam_threshold is not None and scores.spam_score > self.spam_threshold:
                    results.append((False, SPAM_REASON))
                    continue
            if self.drop_empty and not clean.strip():
                results.append((False, EMPTY_REASON))
                continue
            doc.text = clean
            results.append(True)
        return results
