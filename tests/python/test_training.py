"""Training goes through the same C++ feature code as scoring and is deterministic."""

from __future__ import annotations

import pathlib

import pytest

import sidebarspam
from sidebarspam import _core
from conftest import ROOT


def tiny_corpus() -> list[tuple[list[tuple[str, str]], int]]:
    docs = []
    for i in range(30):
        lines = [(f"시의회가 {i}번째 예산안을 통과시켰다고 밝혔다.", "body"),
                 (f"위원회는 내년 사업 {i}건을 심의할 예정이다.", "body"),
                 ("Copyright © 한빛일보. 무단전재 및 재배포 금지.", "boilerplate"),
                 (f"- \"충격\"…배우 {i}, 알고보니", "sidebar"),
                 (f"- 가수 {i}, 파격 노출 근황", "sidebar")]
        docs.append((lines, 1))
    return docs


def small_config() -> _core.TrainingConfig:
    cfg = _core.TrainingConfig()
    cfg.rules = str(ROOT / "models" / "rules.tsv")
    cfg.dim, cfg.epoch, cfg.lr, cfg.bucket, cfg.min_count, cfg.quantize = 8, 50, 0.5, 5000, 1, False
    return cfg


def test_training_is_deterministic_and_loadable(tmp_path: pathlib.Path) -> None:
    a, b = tmp_path / "a.bin", tmp_path / "b.bin"
    _core.train_line_model(tiny_corpus(), small_config(), str(a))
    _core.train_line_model(tiny_corpus(), small_config(), str(b))
    assert a.read_bytes() == b.read_bytes()
    clf = sidebarspam.Classifier(line_model=a, clickbait_model="")
    doc = clf.score("시의회가 새 예산안을 통과시켰다고 밝혔다.\nCopyright © 한빛일보. 무단전재 및 재배포 금지.\n- \"충격\"…배우, 알고보니\n")
    assert doc.labels == ["body", "boilerplate", "sidebar"]


def test_training_rejects_bad_labels(tmp_path: pathlib.Path) -> None:
    with pytest.raises(sidebarspam.SidebarspamError, match="unknown label 'spam'"):
        _core.train_line_model([([("x", "spam")], 1)], small_config(), str(tmp_path / "m.bin"))
    with pytest.raises(sidebarspam.SidebarspamError, match="no labelled lines"):
        _core.train_line_model([([("x", "")], 1)], small_config(), str(tmp_path / "m.bin"))


def test_clickbait_training(tmp_path: pathlib.Path) -> None:
    rows = [(f"You won't believe what happened {i}", "clickbait", 1) for i in range(40)]
    rows += [(f"Parliament approves budget for year {i}", "normal", 1) for i in range(40)]
    out = tmp_path / "cb.bin"
    _core.train_clickbait_model(rows, small_config(), str(out))
    clf = sidebarspam.Classifier(clickbait_model=out)
    bait, news = clf.clickbait("You won't believe what happened next"), clf.clickbait("Parliament approves budget")
    assert bait is not None and news is not None and bait > news
