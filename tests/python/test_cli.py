from __future__ import annotations

import json
import subprocess
import sys

import sidebarspam
from conftest import EXAMPLE, ROOT


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(["sidebarspam", *args], input=stdin, capture_output=True, cwd=ROOT, timeout=120)


def test_clean_file_prints_body_only(clf: sidebarspam.Classifier) -> None:
    r = run("clean", str(EXAMPLE))
    assert r.returncode == 0, r.stderr
    assert r.stdout == clf.clean(EXAMPLE.read_bytes())
    assert "무단전재".encode() not in r.stdout


def test_score_stdin_prints_json() -> None:
    r = run("score", "-", stdin=EXAMPLE.read_bytes())
    assert r.returncode == 0, r.stderr
    records = [json.loads(line) for line in r.stdout.decode().splitlines()]
    assert len(records) == 1
    assert records[0]["input"] == "<stdin>"
    assert records[0]["labels"][-1] == "sidebar"


def test_missing_input_is_a_clear_error() -> None:
    r = run("clean", "/nonexistent/article.txt")
    assert r.returncode == 1  # a failed record, reported as one
    assert b"/nonexistent/article.txt: cannot open" in r.stderr
    assert json.loads(r.stdout)["sidebarspam_error"]["source"] == "/nonexistent/article.txt"


def test_python_m_and_help() -> None:
    r = subprocess.run([sys.executable, "-m", "sidebarspam", "--help"], capture_output=True, timeout=60)
    assert r.returncode == 0
    for command in (b"clean", b"score", b"eval", b"train"):
        assert command in r.stdout
