"""``sidebarspam train``: reproduce the shipped models from a config file and the labelled data."""

from __future__ import annotations

import json
import os
import re
import shutil
from typing import Any, Callable, Collection

from . import _core
from .composites import from_config
from .data import LabelledDocument, is_dev, is_dev_headline, read_documents, read_headlines

__all__ = ["load_config", "training_documents", "extra_documents", "train", "train_line_model"]

_EN_LABELS = {"body": "body", "junk": "boilerplate", "unk": ""}


def load_config(path: str) -> dict[str, Any]:
    with open(path, encoding="utf-8") as f:
        config: dict[str, Any] = json.load(f)
    return config


def _core_config(params: dict[str, Any], rules: str) -> _core.TrainingConfig:
    cfg = _core.TrainingConfig()
    cfg.rules = rules
    for key, value in params.items():
        if not hasattr(cfg, key):
            raise ValueError(f"unknown training parameter {key!r}")
        setattr(cfg, key, value)
    return cfg


# Junk after the article that reads like a headline is a link to another story.
_HEADLINE_WORDS = (4, 20)
_NOT_A_HEADLINE = re.compile(
    r"(?i)(©|copyright|cookie|privacy|terms of|subscribe|sign up|log ?in|all rights|newsletter|\||https?://|@)"
)


def _tail_headline(text: str) -> bool:
    words = len(text.split())
    stripped = text.strip()
    return (
        _HEADLINE_WORDS[0] <= words <= _HEADLINE_WORDS[1]
        and not stripped.endswith((".", ":", ";"))
        and not _NOT_A_HEADLINE.search(stripped)
    )


def _training_labels(doc: LabelledDocument) -> list[tuple[str, str]]:
    """Map corpus labels to model labels ('unk' = context only, not an example).

    The English benchmarks only say body or junk. Junk after the last body line that reads
    like a headline (4-20 words, no sentence end, no legal/account words) trains as sidebar,
    the rest of the junk as boilerplate: a weak label, stated in the model card.
    """
    out = []
    for (text, label), tail in zip(doc.lines, doc.tail):
        if label in ("body", "boilerplate", "sidebar"):
            out.append((text, label))
        elif label == "junk":
            out.append((text, "sidebar" if tail and _tail_headline(text) else "boilerplate"))
        elif label in _EN_LABELS:
            out.append((text, _EN_LABELS[label]))
        else:
            raise ValueError(f"{doc.id}: unknown label {label!r}")
    return out


def training_documents(
    config: dict[str, Any], data_root: str, split: str, exclude_groups: Collection[str] = ()
) -> list[LabelledDocument]:
    """Documents of the config's line corpora; split is 'train', 'dev' or 'all' (site-level).
    Documents of the sites in exclude_groups are left out (leave-one-site-out folds)."""
    docs = []
    for rel in config["line_data"]:
        for doc in read_documents(os.path.join(data_root, rel)):
            if doc.group in exclude_groups:
                continue
            dev = is_dev(doc.group, config.get("dev_percent", 20))
            if split == "all" or (split == "dev") == dev:
                docs.append(doc)
    return docs


def extra_documents(
    config: dict[str, Any],
    config_dir: str,
    split: str,
    extra: Collection[str] = (),
    exclude_groups: Collection[str] = (),
) -> list[LabelledDocument]:
    """Documents of the config's ``extra_line_data`` (paths relative to the config file's
    directory, or absolute) and of ``extra`` (paths as given, e.g. from the command line):
    corrections exported from a review page (``sidebarspam review``), or any other file in
    the training format. The same site-level split and exclusions apply."""
    paths = [os.path.join(config_dir, p) for p in config.get("extra_line_data", [])] + list(extra)
    docs = []
    for path in paths:
        if not os.path.isfile(path):
            raise ValueError(f"extra line data {path}: no such file")
        for doc in read_documents(path):
            if doc.group in exclude_groups:
                continue
            dev = is_dev(doc.group, config.get("dev_percent", 20))
            if split == "all" or (split == "dev") == dev:
                docs.append(doc)
    return docs


def train_line_model(
    config_path: str,
    data_root: str,
    output_dir: str,
    split: str = "all",
    log: Callable[[str], None] = print,
    rule_features: bool = True,
    exclude_groups: Collection[str] = (),
    extra_line_data: Collection[str] = (),
    structure_only: bool = False,
) -> str:
    """Train lines.ftz and its page structure (lines.structure.tsv) and copy the rules file
    into output_dir; returns the model path. structure_only learns only the page structure
    (for a line model already trained on the same data). Extra line data (the config's ``extra_line_data`` and ``extra_line_data`` here) is added
    after the corpora, each document ``extra_repeat`` times (config, default 1)."""
    config = load_config(config_path)
    rules = _config_rules(config_path, config)
    os.makedirs(output_dir, exist_ok=True)
    out_rules = os.path.join(output_dir, "rules.tsv")
    if os.path.abspath(out_rules) != os.path.abspath(rules):
        shutil.copyfile(rules, out_rules)
    docs = training_documents(config, data_root, split, exclude_groups)
    composites = from_config(config, docs, data_root)
    if composites:
        log(f"composites: {len(composites)} pages of {len({d.family for d in composites})} layout families")
    docs += composites
    repeat = config.get("repeat_by_lang", {})
    # Documents stay in file order, grouped by site key: with "use_site_memory" each page is
    # featurised with what the site's earlier pages showed.
    payload = [(_training_labels(d), int(repeat.get(d.lang, repeat.get("default", 1))), d.group) for d in docs]
    extra = extra_documents(config, os.path.dirname(os.path.abspath(config_path)), split, extra_line_data,
                            exclude_groups)
    payload += [(_training_labels(d), int(config.get("extra_repeat", 1)), d.group) for d in extra]
    if extra:
        log(f"extra line data: {len(extra)} documents, {sum(len(d.lines) for d in extra)} lines")
        docs = docs + extra
    log(f"line model: {len(docs)} documents, {sum(len(d.lines) for d in docs)} lines ({split})")
    lines_path = os.path.join(output_dir, "lines.ftz")
    line_config = _core_config(config["line_model"], rules)
    line_config.use_rules = rule_features
    if structure_only:
        _core.learn_page_structure(payload, line_config, os.path.join(output_dir, "lines.structure.tsv"))
    else:
        _core.train_line_model(payload, line_config, lines_path)
    return lines_path


def _config_rules(config_path: str, config: dict[str, Any]) -> str:
    """The rules file a config names, relative to the config's directory."""
    return os.path.join(os.path.dirname(os.path.abspath(config_path)), config.get("rules", "rules.tsv"))


def train(
    config_path: str,
    data_root: str,
    output_dir: str,
    split: str = "all",
    log: Callable[[str], None] = print,
    rule_features: bool = True,
    extra_line_data: Collection[str] = (),
) -> dict[str, str]:
    """Train lines.ftz and clickbait.ftz into output_dir; returns the written paths.

    split='all' trains on every document (the shipped model); split='train' leaves the
    site-level dev split out, for honest evaluation. rule_features=False trains the ablation
    without rule pseudo-tokens (the classifier notices and shows it none). extra_line_data:
    more labelled files for the line model (see :func:`train_line_model`).
    """
    config = load_config(config_path)
    rules = _config_rules(config_path, config)
    lines_path = train_line_model(config_path, data_root, output_dir, split, log, rule_features,
                                  extra_line_data=extra_line_data)
    out_rules = os.path.join(output_dir, "rules.tsv")

    rows: list[tuple[str, str, int]] = []
    hl_repeat = config.get("headline_repeat_by_lang", {})
    for rel in config["headline_data"]:
        for text, label, lang in read_headlines(os.path.join(data_root, rel)):
            if label not in ("clickbait", "normal"):
                continue  # 'unsure' rows are neither
            dev = is_dev_headline(text, config.get("dev_percent", 20))
            if split == "all" or (split == "dev") == dev:
                rows.append((text, label, int(hl_repeat.get(lang, 1))))
    log(f"clickbait model: {len(rows)} headlines ({split})")
    clickbait_path = os.path.join(output_dir, "clickbait.ftz")
    _core.train_clickbait_model(rows, _core_config(config["clickbait_model"], rules), clickbait_path)
    return {"lines": lines_path, "clickbait": clickbait_path, "rules": out_rules}
