"""One options object from C++ to the CLI, and the model manifest's checks, seen from Python."""

from __future__ import annotations

import json
import pathlib
import pickle
import re
import shutil
import subprocess

import pytest

import sidebarspam
from sidebarspam.cli import build_parser

FIELDS = sidebarspam.Options.fields()
PAGE = "본문 첫 문장입니다. 오늘 시의회는 예산안을 의결했다.\n- \"충격\" 알고보니…\n- 이 배우, 얼마나 짧기에\n"


def test_options_come_from_cpp_with_one_default_each() -> None:
    names = [name for name, *_ in FIELDS]
    assert names == ["body_margin", "html_body_margin", "switch_penalty", "structure_weight", "max_line_bytes",
                     "clickbait_min"]
    defaults = sidebarspam.Options()
    for name, kind, default, help_text in FIELDS:
        assert getattr(defaults, name) == default
        assert isinstance(default, float if kind == "float" else int)
        assert help_text
    changed = defaults.replace(body_margin=2.5)
    assert changed.body_margin == 2.5 and defaults.body_margin == FIELDS[0][2]  # immutable
    assert changed == sidebarspam.Options(body_margin=2.5) and changed != defaults
    assert pickle.loads(pickle.dumps(changed)) == changed
    assert hash(changed) == hash(sidebarspam.Options(body_margin=2.5))
    with pytest.raises(TypeError, match="unknown option 'margin'"):
        sidebarspam.Options(margin=1.0)
    with pytest.raises(AttributeError):
        changed.body_margin = 3.0  # type: ignore[misc]


def test_bad_options_are_refused_at_load() -> None:
    with pytest.raises(sidebarspam.SidebarspamError, match="max_line_bytes must be at least 16"):
        sidebarspam.Classifier(options=sidebarspam.Options(max_line_bytes=8))
    with pytest.raises(sidebarspam.SidebarspamError, match="clickbait_min"):
        sidebarspam.Classifier(options=sidebarspam.Options(clickbait_min=2.0))
    with pytest.raises(sidebarspam.SidebarspamError, match="html_body_margin must be finite"):
        sidebarspam.Classifier(options=sidebarspam.Options(html_body_margin=float("inf")))
    with pytest.raises(ValueError, match="max_line_bytes must be >= 0"):
        sidebarspam.Options(max_line_bytes=-1)


def test_every_option_is_a_flag_of_every_model_command() -> None:
    parser = build_parser()
    for command in ("clean", "score", "review", "eval"):
        args = parser.parse_args([command, "x"] + [f"--{n.replace('_', '-')}=7" for n, *_ in FIELDS[:4]] +
                                 ["--clickbait-min=0.25"])
        for name, *_ in FIELDS[:4]:
            assert getattr(args, name) == 7, (command, name)
        assert args.clickbait_min == 0.25
        # Flags not given keep the C++ default (None = not given).
        bare = parser.parse_args([command, "x"])
        assert all(getattr(bare, name) is None for name, *_ in FIELDS)


def test_cli_options_reach_the_classifier(tmp_path: pathlib.Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text(PAGE, encoding="utf-8")
    plain = json.loads(subprocess.run(["sidebarspam", "score", str(page)], check=True, capture_output=True).stdout)
    # A huge body bonus keeps every line; the same through the API.
    kept = json.loads(subprocess.run(["sidebarspam", "score", "--body-margin", "60", str(page)],
                                     check=True, capture_output=True).stdout)
    assert set(kept["labels"]) == {"body"}
    api = sidebarspam.Classifier(options=sidebarspam.Options(body_margin=60.0)).score(PAGE).labels
    assert kept["labels"] == api
    assert plain["labels"] == sidebarspam.Classifier().score(PAGE).labels


def test_spec_carries_paths_and_options() -> None:
    spec = sidebarspam.ClassifierSpec(options=sidebarspam.Options(structure_weight=0.0))
    clf = spec.load()
    assert clf.spec == spec and clf.options.structure_weight == 0.0
    assert pickle.loads(pickle.dumps(spec)) == spec
    with pytest.raises(TypeError, match="options must be sidebarspam.Options"):
        sidebarspam.ClassifierSpec(options={"body_margin": 1.0})  # type: ignore[arg-type]


def _copy_model(tmp_path: pathlib.Path) -> pathlib.Path:
    out = tmp_path / "model"
    shutil.copytree(sidebarspam.default_model_dir(), out)
    return out


def test_manifest_mismatch_is_a_clear_error(tmp_path: pathlib.Path) -> None:
    model = _copy_model(tmp_path)
    manifest = sidebarspam.Classifier(model).manifest
    assert manifest["line_model"]["features"]["max_line_bytes"] == sidebarspam.Options().max_line_bytes
    assert manifest["training"]["config"]["line_data"]
    with open(model / "rules.tsv", "a", encoding="utf-8") as f:
        f.write("late_rule\tsidebar\t^no such line$\n")
    with pytest.raises(sidebarspam.SidebarspamError, match="not the rules file the model manifest names"):
        sidebarspam.Classifier(model)
    other = tmp_path / "other-rules.tsv"
    shutil.copy(pathlib.Path(sidebarspam.default_model_dir()) / "rules.tsv", other)
    assert sidebarspam.Classifier(model, rules=other).manifest  # the right rules, from elsewhere: fine


def test_missing_or_older_manifest(tmp_path: pathlib.Path) -> None:
    model = _copy_model(tmp_path)
    text = (model / "model.json").read_text(encoding="utf-8")
    current = json.loads(text)["line_model"]["feature_format"]
    older = re.sub(r'"feature_format": \d+', '"feature_format": 0', text)
    assert older != text
    (model / "model.json").write_text(older, encoding="utf-8")
    with pytest.raises(sidebarspam.SidebarspamError, match=f"feature format 0, this library reads format {current}"):
        sidebarspam.Classifier(model)
    (model / "model.json").unlink()
    with pytest.raises(sidebarspam.SidebarspamError, match="model.json: no model manifest"):
        sidebarspam.Classifier(model)


def test_manifest_command_writes_one_for_an_old_model_directory(tmp_path: pathlib.Path) -> None:
    model = _copy_model(tmp_path)
    (model / "model.json").unlink()
    with pytest.raises(sidebarspam.SidebarspamError, match="no model manifest"):
        sidebarspam.Classifier(model)
    root = pathlib.Path(__file__).resolve().parents[2]
    subprocess.run(["sidebarspam", "manifest", str(model), "--config", str(root / "models" / "train.json"),
                    "--data-root", str(root.parent / "shared" / "data")], check=True, capture_output=True)
    written = sidebarspam.Classifier(model).manifest
    shipped = sidebarspam.Classifier().manifest
    assert written["line_model"] == shipped["line_model"]  # the same files, digests and settings
    assert written["training"]["note"].startswith("manifest written for an existing model")
    assert written["metrics"]["in_sample"] is True
    assert set(written["metrics"]["dev_split"]) == {"ko_docs.jsonl.gz", "ko_real_pages.jsonl.gz",
                                                    "train-wcxb-dev.jsonl.gz", "train-trafilatura.jsonl.gz"}
