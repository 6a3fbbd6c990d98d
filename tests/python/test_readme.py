"""The README's Python example is examples/readme_example.py, verbatim, and it runs."""

from __future__ import annotations

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
