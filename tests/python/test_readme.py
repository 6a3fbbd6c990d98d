"""The README's Python example is examples/readme_example.py, verbatim, and it runs."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import ROOT


def test_readme_contains_python_example() -> None:
    example = (ROOT / "examples" / "readme_example.py").read_text(encoding="utf-8")
    assert example in (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_python_example_runs() -> None:
    r = subprocess.run(
        [sys.executable, "examples/readme_example.py"], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert r.returncode == 0, r.stderr
    assert "sidebar" in r.stdout and "trailing block" in r.stdout


def test_readme_commands_are_the_real_ones() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "./setup.sh && sidebarspam clean examples/article-ko.txt" in readme
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "./run-tests.sh" in readme and "./run-tests.sh" in ci


def test_readme_moderation_and_pipeline_examples() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in ("moderation.py", "pipeline.sh"):
        assert (ROOT / "examples" / name).read_text(encoding="utf-8") in readme
    r = subprocess.run([sys.executable, "examples/moderation.py"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    verdicts = [json.loads(line) for line in r.stdout.splitlines()]
    assert [v["id"] for v in verdicts] == ["ko-1", "en-1"]
    assert verdicts[0]["sidebar_lines"] == 8
    r = subprocess.run(["bash", "examples/pipeline.sh"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    assert r.stdout.split() == ["some", "records", "failed", "2", "1"]


def test_readme_site_memory_example() -> None:
    example = (ROOT / "examples" / "site_memory.py").read_text(encoding="utf-8")
    assert example in (ROOT / "README.md").read_text(encoding="utf-8")
    r = subprocess.run([sys.executable, "examples/site_memory.py"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert lines[0].startswith("monday ko-1 0/") and lines[2].startswith("tuesday ko-1 22/22")
    assert lines[-1] == "pages with the widget line: 2 4"
