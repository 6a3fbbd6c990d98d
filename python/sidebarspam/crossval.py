"""Leave-one-site-out evaluation (``sidebarspam eval --leave-one-site-out``).

A handful of real full pages from a few sites says little when one split puts some sites in
dev: the model has seen the other pages of a dev site's layout or it has not. Here every site
of the evaluated documents is held out once: a line model is trained on the config's corpora
without that site's documents, and that site's pages are scored with it. The pooled report
then covers every page, each scored by a model that never saw its site.
"""

from __future__ import annotations

import os
import re
from typing import Any, Callable, Sequence

from . import Classifier, Options, default_model_dir
from .data import LabelledDocument
from .evaluate import document_text
from .training import train_line_model

__all__ = ["leave_one_site_out_predictor"]


def _fold_dir(work_dir: str, group: str) -> str:
    return os.path.join(work_dir, re.sub(r"[^A-Za-z0-9_.-]+", "_", group))


def leave_one_site_out_predictor(
    documents: Sequence[LabelledDocument],
    config_path: str,
    data_root: str,
    work_dir: str,
    threads: int = 0,
    log: Callable[[str], None] = print,
    reuse: bool = False,
    options: Options | None = None,
) -> Callable[[list[str]], list[Any]]:
    """Trains one line model per site (group key) of documents, each without that site, and
    returns ``predict(texts)`` that scores each text with the model of its own site's fold.

    Models are written to ``work_dir/<site>/`` (rules.tsv copied; clickbait scores come from
    the bundled clickbait model, which this evaluation does not judge). With reuse, a fold
    whose model is already in work_dir is not trained again (to compare options on the same
    folds).
    """
    groups: dict[str, list[LabelledDocument]] = {}
    for doc in documents:
        groups.setdefault(doc.group, []).append(doc)
    classifier_of_text: dict[str, Classifier] = {}
    for n, (group, docs) in enumerate(groups.items(), 1):
        out = _fold_dir(work_dir, group)
        if not (reuse and os.path.exists(os.path.join(out, "lines.ftz"))):
            log(f"fold {n}/{len(groups)}: training without {group} ({len(docs)} pages held out)")
            train_line_model(config_path, data_root, out, log=log, exclude_groups={group})
        clf = Classifier(out, clickbait_model=os.path.join(default_model_dir(), "clickbait.ftz"), options=options)
        for doc in docs:
            classifier_of_text[document_text(doc)] = clf

    def predict(texts: list[str]) -> list[Any]:
        return [classifier_of_text[t].score_batch([t], threads)[0] for t in texts]

    return predict
