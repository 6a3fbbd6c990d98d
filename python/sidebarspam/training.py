"""``sidebarspam train``: reproduce the shipped models from a config file and the labelled data."""

from __future__ import annotations

import bisect
import hashlib
import json
import math
import os
import re
import shutil
import zlib
from typing import Any, Callable, Collection, Sequence

from . import _core
from .composites import from_config
from .data import LabelledDocument, is_dev, is_dev_headline, read_documents, read_headlines

__all__ = ["load_config", "training_documents", "extra_documents", "train", "train_line_model", "train_clickbait"]

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
    return _select([os.path.join(data_root, rel) for rel in config["line_data"]], config, split, exclude_groups)


def _select(paths: Sequence[str], config: dict[str, Any], split: str,
            exclude_groups: Collection[str]) -> list[LabelledDocument]:
    """The documents of paths in the site-level split, without the excluded sites."""
    docs = []
    for path in paths:
        for doc in read_documents(path):
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
    return _select(_extra_paths(config, config_dir, extra), config, split, exclude_groups)


def _extra_paths(config: dict[str, Any], config_dir: str, extra: Collection[str]) -> list[str]:
    paths = [os.path.join(config_dir, p) for p in config.get("extra_line_data", [])] + list(extra)
    for path in paths:
        if not os.path.isfile(path):
            raise ValueError(f"extra line data {path}: no such file")
    return paths


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
    from .html_labels import html_training_payload  # the config's html_line_data, with DOM tokens

    html_payload = html_training_payload(config, data_root, split, exclude_groups, log)
    payload += html_payload  # type: ignore[arg-type]  # lines of 3: (text, label, DOM tokens)
    log(f"line model: {len(docs)} documents, {sum(len(d.lines) for d in docs)} lines ({split})")
    lines_path = os.path.join(output_dir, "lines.ftz")
    line_config = _core_config(config["line_model"], rules)
    line_config.use_rules = rule_features
    if structure_only:
        _core.learn_page_structure(payload, line_config, os.path.join(output_dir, "lines.structure.tsv"))
        _core.write_model_manifest(line_config, lines_path)  # the structure's digest changed
    else:
        _core.train_line_model(payload, line_config, lines_path)  # writes model.json's line_model entry
    sources = [os.path.join(data_root, rel) for rel in config["line_data"]]
    sources += _extra_paths(config, os.path.dirname(os.path.abspath(config_path)), extra_line_data)
    record_training(output_dir, config_path, config, split, sources, exclude_groups)
    return lines_path


def write_manifest(config_path: str, data_root: str, model_dir: str, split: str = "all") -> str:
    """Write model_dir/model.json for a line model trained before manifests existed, from the
    config it was trained with (its feature settings; the model's vocabulary must agree) and
    the rules file in model_dir. Returns the path."""
    config = load_config(config_path)
    lines_path = os.path.join(model_dir, "lines.ftz")
    _core.write_model_manifest(_core_config(config["line_model"], os.path.join(model_dir, "rules.tsv")), lines_path)
    sources = [os.path.join(data_root, rel) for rel in config["line_data"]]
    sources += _extra_paths(config, os.path.dirname(os.path.abspath(config_path)), ())
    record_training(model_dir, config_path, config, split, sources,
                    note="manifest written for an existing model (sidebarspam manifest), not at training")
    return os.path.join(model_dir, "model.json")


def _sha256(path: str) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def record_training(
    output_dir: str, config_path: str, config: dict[str, Any], split: str, sources: Sequence[str],
    exclude_groups: Collection[str] = (), note: str | None = None,
) -> None:
    """Add to output_dir/model.json how its line model was trained: the config, the split, the
    data files (with their SHA-256) and the metrics of the site-held-out dev split of each
    line-data file (in-sample when split is 'all', as for the shipped model), and a note."""
    path = os.path.join(output_dir, "model.json")
    with open(path, encoding="utf-8") as f:
        manifest: dict[str, Any] = json.load(f)
    manifest["training"] = {
        "config_file": os.path.basename(config_path),
        "config": config,
        "split": split,
        "excluded_groups": sorted(exclude_groups),
        "data": [{"file": os.path.basename(p), "sha256": _sha256(p)} for p in sources],
        "sidebarspam_version": _core.__version__,
        **({"note": note} if note else {}),
    }
    manifest["metrics"] = {"dev_split": _dev_metrics(output_dir, sources, int(config.get("dev_percent", 20))),
                           "in_sample": split == "all"}
    with open(path, "w", encoding="utf-8") as f:
        json.dump(manifest, f, indent=2, ensure_ascii=False)
        f.write("\n")


def _dev_metrics(output_dir: str, sources: Sequence[str], dev_percent: int) -> dict[str, Any]:
    from . import Classifier
    from .evaluate import evaluate

    clf = Classifier(output_dir, clickbait_model="")
    metrics: dict[str, Any] = {}
    for path in sources:
        docs = [d for d in read_documents(path) if is_dev(d.group, dev_percent)]
        if docs:
            report = evaluate(lambda texts: clf.score_batch(texts), docs)
            metrics[os.path.basename(path)] = {
                "documents": report["documents"],
                "junk_f1": report["junk"]["f1"],
                "tail_junk_f1": report["tail_junk"]["f1"],
                "body_false_removal_rate": report["body_false_removal_rate"],
                "sidebar_removed": report["sidebar_removed"],
            }
    return metrics


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
    only: str | None = None,
) -> dict[str, str]:
    """Train lines.ftz and the clickbait files (see train_clickbait) into output_dir; returns
    the written paths.

    split='all' trains on every document (the shipped model); split='train' leaves the
    site-level dev split out, for honest evaluation. rule_features=False trains the ablation
    without rule pseudo-tokens (the classifier notices and shows it none). extra_line_data:
    more labelled files for the line model (see :func:`train_line_model`). only='lines' or
    'clickbait' trains one part (the clickbait part reads output_dir/lines.ftz).
    """
    config = load_config(config_path)
    rules = _config_rules(config_path, config)
    out_rules = os.path.join(output_dir, "rules.tsv")
    if only == "clickbait":
        os.makedirs(output_dir, exist_ok=True)
        if os.path.abspath(out_rules) != os.path.abspath(rules):
            shutil.copyfile(rules, out_rules)
        return {"rules": out_rules, **train_clickbait(config, data_root, output_dir, rules, split, log)}
    lines_path = train_line_model(config_path, data_root, output_dir, split, log, rule_features,
                                  extra_line_data=extra_line_data)
    paths = {"lines": lines_path, "rules": out_rules}
    if only == "lines":
        return paths
    paths.update(train_clickbait(config, data_root, output_dir, rules, split, log))
    return paths


def _platt_fit(scores: list[float], labels: list[bool], iterations: int = 100) -> tuple[float, float]:
    """(a, b) of p -> sigmoid(a * logit(p) + b) maximising the likelihood of labels (Newton's
    method with step halving; Platt's smoothed targets, so a perfectly separated set does not
    run off to infinity)."""
    n_pos = sum(labels)
    n_neg = len(labels) - n_pos
    hi, lo = (n_pos + 1) / (n_pos + 2), 1 / (n_neg + 2)
    t = [hi if y else lo for y in labels]
    clipped = [min(max(p, 1e-6), 1 - 1e-6) for p in scores]
    x = [math.log(p / (1 - p)) for p in clipped]

    def loss(a: float, b: float) -> float:
        total = 0.0
        for xi, ti in zip(x, t):
            z = a * xi + b
            # -[t log q + (1 - t) log(1 - q)] with q = sigmoid(z), without overflow
            total += (math.log1p(math.exp(-z)) + (1 - ti) * z) if z >= 0 else (math.log1p(math.exp(z)) - ti * z)
        return total

    a, b = 1.0, 0.0
    current = loss(a, b)
    for _ in range(iterations):
        g_a = g_b = h_aa = h_ab = h_bb = 0.0
        for xi, ti in zip(x, t):
            z = a * xi + b
            q = 1 / (1 + math.exp(-z)) if z >= 0 else math.exp(z) / (1 + math.exp(z))
            d = q - ti
            w = q * (1 - q)
            g_a += d * xi
            g_b += d
            h_aa += w * xi * xi
            h_ab += w * xi
            h_bb += w
        h_aa += 1e-6
        h_bb += 1e-6
        det = h_aa * h_bb - h_ab * h_ab
        if det <= 0:
            break
        step_a = (h_bb * g_a - h_ab * g_b) / det
        step_b = (h_aa * g_b - h_ab * g_a) / det
        scale = 1.0
        while scale > 1e-8:
            candidate = loss(a - scale * step_a, b - scale * step_b)
            if candidate < current:
                break
            scale /= 2
        if scale <= 1e-8:
            break
        a, b = a - scale * step_a, b - scale * step_b
        improvement = current - candidate
        current = candidate
        if improvement < 1e-9:
            break
    return a, b


def _isotonic_fit(scores: list[float], labels: list[bool]) -> list[tuple[float, float]]:
    """Knots (x, y) of the isotonic regression of labels on scores (pool adjacent violators):
    each pooled block of scores becomes one knot at its mid score with its positive rate; the
    scorer interpolates linearly between knots."""
    blocks: list[list[float]] = []  # [sum of labels, count, lowest score, highest score]
    for score, label in sorted(zip(scores, labels)):
        blocks.append([1.0 if label else 0.0, 1.0, score, score])
        while len(blocks) > 1 and blocks[-2][0] / blocks[-2][1] >= blocks[-1][0] / blocks[-1][1]:
            s, n, _lo, hi = blocks.pop()
            blocks[-1][0] += s
            blocks[-1][1] += n
            blocks[-1][3] = hi
    return [((lo + hi) / 2, s / n) for s, n, lo, hi in blocks]


def _calibration_map(method: str, scores: list[float], labels: list[bool]) -> tuple[str, Callable[[float], float]]:
    """The calibration fitted on (scores, labels): its fields in the calibration file and the
    map itself, as the scorer applies it (src/sidebarspam/clickbait.cc, Calibration::apply)."""
    if method == "platt":
        a, b = _platt_fit(scores, labels)

        def platt(p: float) -> float:
            q = min(max(p, 1e-6), 1 - 1e-6)
            return 1 / (1 + math.exp(-(a * math.log(q / (1 - q)) + b)))
        return f"platt\t{a:.6f}\t{b:.6f}", platt
    if method == "isotonic":
        knots = [(float(f"{x:.6g}"), float(f"{y:.6g}")) for x, y in _isotonic_fit(scores, labels)]
        xs = [x for x, _ in knots]

        def isotonic(p: float) -> float:
            if p <= xs[0]:
                return knots[0][1]
            if p >= xs[-1]:
                return knots[-1][1]
            i = bisect.bisect_right(xs, p)
            (x0, y0), (x1, y1) = knots[i - 1], knots[i]
            return y0 + (p - x0) / (x1 - x0) * (y1 - y0) if x1 > x0 else y1
        return (f"isotonic\t{','.join(f'{x:.6g}' for x, _ in knots)}"
                f"\t{','.join(f'{y:.6g}' for _, y in knots)}"), isotonic
    raise ValueError(f"unknown calibration method {method!r} (platt, isotonic)")


def best_f1(scores: Sequence[float], labels: Sequence[bool]) -> float:
    """The highest F1 of any cut "score >= c" over the distinct scores; 0 without positives."""
    positives = sum(labels)
    if not positives:
        return 0.0
    ranked = sorted(zip(scores, labels), key=lambda item: -item[0])
    best = 0.0
    tp = fp = 0
    for i, (score, label) in enumerate(ranked):
        tp += label
        fp += not label
        if i + 1 < len(ranked) and ranked[i + 1][0] == score:
            continue  # a cut falls between distinct scores only
        best = max(best, 2 * tp / (tp + fp + positives))
    return best


def f1_threshold(calibrated: Sequence[float], labels: Sequence[bool]) -> float:
    """The decision threshold on calibrated scores: half the best F1 they reach. For a
    calibrated classifier the F1-optimal threshold is half the optimal F1 (Lipton, Elkan and
    Naryanaswamy, "Thresholding classifiers to maximize F1 score", 2014). Estimated this way it
    is stable where the argmax of F1 is not: with few positives F1 is flat over a wide range of
    cuts (Korean clickbait out-of-fold: 0.69-0.70 from 0.28 to 0.65) and its argmax jumps from
    one end of that plateau to the other between fastText seeds, while its height does not.
    0.5 (the equal-cost cut) without positives."""
    f1 = best_f1(calibrated, labels)
    return f1 / 2 if f1 > 0 else 0.5


def _fold(text: str, folds: int) -> int:
    """Cross-validation fold of a headline (crc32 of the text, salted apart from the dev split)."""
    return zlib.crc32(("cv:" + text).encode("utf-8")) % folds


def _oof_scores(
    rows: list[tuple[str, str, int]], cfg: _core.TrainingConfig, rules: str, folds: int, tmp: str
) -> list[float]:
    """Out-of-fold raw clickbait probabilities of rows (each scored by a model that did not see it)."""
    from . import Classifier

    scores = [0.0] * len(rows)
    for f in range(folds):
        train_rows = [r for r in rows if _fold(r[0], folds) != f]
        held = [i for i, r in enumerate(rows) if _fold(r[0], folds) == f]
        _core.train_clickbait_model(train_rows, cfg, tmp)
        # Without a Korean model and a calibration file every headline goes to this one, raw.
        clf = Classifier(os.path.dirname(tmp), rules=rules, clickbait_model=tmp, clickbait_model_ko="",
                         clickbait_calibration="", line_model=_any_line_model(os.path.dirname(tmp)))
        for i in held:
            scores[i] = clf.clickbait(rows[i][0]) or 0.0
    os.remove(tmp)
    return scores


def _any_line_model(directory: str) -> str:
    path = os.path.join(directory, "lines.ftz")
    if not os.path.exists(path):
        raise ValueError(f"{path}: the clickbait calibration needs the line model there (train it first)")
    return path


def train_clickbait(
    config: dict[str, Any], data_root: str, output_dir: str, rules: str, split: str = "all",
    log: Callable[[str], None] = print,
) -> dict[str, str]:
    """clickbait.ftz (the default model), clickbait-ko.ftz (Korean, when the config has
    "clickbait_model_ko") and clickbait-calibration.tsv (when it has "calibration_folds"):
    Platt scaling of each model fitted on out-of-fold scores of its own training rows (needs
    output_dir/lines.ftz to load the fold models). The page-level spam score needs no fit of
    its own (see page_spam_raw in src/sidebarspam/clickbait.h)."""
    dev_percent = config.get("dev_percent", 20)
    has_ko = "clickbait_model_ko" in config
    positive_repeat = config.get("clickbait_positive_repeat", {})
    rows: dict[str, list[tuple[str, str, int]]] = {"default": [], "ko": []}
    for rel in config["headline_data"]:
        for text, label, _lang in read_headlines(os.path.join(data_root, rel)):
            if label not in ("clickbait", "normal"):
                continue  # 'unsure' rows are neither
            dev = is_dev_headline(text, dev_percent)
            if split == "all" or (split == "dev") == dev:
                # The scorer's own routing (Hangul share), not the file's lang field.
                model = "ko" if has_ko and _core.is_korean_headline(text) else "default"
                repeat = int(positive_repeat.get(model, 1)) if label == "clickbait" else 1
                rows[model].append((text, label, repeat))
    written: dict[str, str] = {}
    models = {"default": ("clickbait", "clickbait_model", "clickbait.ftz")}
    if has_ko:
        models["ko"] = ("clickbait_ko", "clickbait_model_ko", "clickbait-ko.ftz")
    configs = {}
    for model, (key, config_key, file_name) in models.items():
        log(f"clickbait model {file_name}: {len(rows[model])} headlines, "
            f"{sum(1 for r in rows[model] if r[1] == 'clickbait')} clickbait ({split})")
        configs[model] = _core_config(config[config_key], rules)
        written[key] = os.path.join(output_dir, file_name)
        _core.train_clickbait_model(rows[model], configs[model], written[key])
    folds = int(config.get("calibration_folds", 0))
    calibration_path = os.path.join(output_dir, "clickbait-calibration.tsv")
    if folds < 2:
        if os.path.exists(calibration_path):
            os.remove(calibration_path)  # a stale file would calibrate the new models
        return written
    method = str(config.get("calibration", "isotonic"))
    lines = ["# sidebarspam clickbait calibration (written by `sidebarspam train`; see models/README.md and",
             "# src/sidebarspam/clickbait.h): <name> platt <a> <b>, or <name> isotonic <x,...> <y,...>, and",
             "# <name> threshold <t>, tab-separated, fitted on "
             f"{folds}-fold out-of-fold scores of each model's own training headlines."]
    for model in models:
        oof = _oof_scores(rows[model], configs[model], rules, folds, os.path.join(output_dir, "cv-fold.ftz"))
        labels = [r[1] == "clickbait" for r in rows[model]]
        fields, calibrate = _calibration_map(method, oof, labels)
        # The same out-of-fold scores, calibrated, choose the decision threshold: a cut on the
        # calibrated score is a cut on the raw one (the map is monotone), so this is no refit.
        threshold = f1_threshold([calibrate(p) for p in oof], labels)
        lines += [f"{model}\t{fields}", f"{model}\tthreshold\t{threshold:.6g}"]
        log(f"calibration {model}: {method} ({folds}-fold out-of-fold, {len(oof)} headlines), "
            f"decision threshold {threshold:.3f} (half the best out-of-fold F1)")
    with open(calibration_path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    written["clickbait_calibration"] = calibration_path
    return written
