"""A clean first run and extras that work as documented, each in a fresh environment.

Slow (each builds the package from a copy of this checkout), so run-tests.sh runs them like
every other test; they need the PyPI registry (or pip's cache) for the build and the extras.
"""

from __future__ import annotations

import os
import pathlib
import subprocess
import sys
import tarfile
import venv

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
# The repository's own example article (its copyright line is junk the model removes).
SAMPLE = (ROOT / "examples" / "article-ko.txt").read_text(encoding="utf-8")


def _run(cmd: list[str], cwd: pathlib.Path | None = None, env: dict[str, str] | None = None,
         timeout: int = 1200) -> str:
    done = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    assert done.returncode == 0, f"{cmd} failed ({done.returncode}):\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return done.stdout


def _fresh_checkout(dest: pathlib.Path) -> pathlib.Path:
    """The checkout's files (tracked and new, not ignored: no build dirs, no .venv), as a
    fresh clone would have them, with uncommitted edits."""
    files = _run(["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=ROOT).split("\0")
    archive = dest / "checkout.tar"
    with tarfile.open(archive, "w") as tar:
        for name in filter(None, files):
            if (ROOT / name).exists():
                tar.add(ROOT / name, arcname=name, recursive=False)
    out = dest / "checkout"
    with tarfile.open(archive) as tar:
        tar.extractall(out, filter="tar")
    return out


def _venv(path: pathlib.Path) -> pathlib.Path:
    venv.EnvBuilder(with_pip=True, clear=True).create(path)
    return path / "bin" / "python"


def _pip_freeze(python: pathlib.Path) -> str:
    return _run([str(python), "-m", "pip", "list", "--format=freeze", "--disable-pip-version-check"])


@pytest.fixture(scope="module")
def checkout(tmp_path_factory: pytest.TempPathFactory) -> pathlib.Path:
    return _fresh_checkout(tmp_path_factory.mktemp("fresh"))


@pytest.fixture(scope="module")
def wheel(checkout: pathlib.Path, tmp_path_factory: pytest.TempPathFactory) -> pathlib.Path:
    out = tmp_path_factory.mktemp("wheel")
    _run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--disable-pip-version-check",
          "-w", str(out), str(checkout)])
    (found,) = out.glob("sidebarspam-*.whl")
    return found


def test_first_run_leaves_the_global_interpreter_alone(checkout: pathlib.Path, tmp_path: pathlib.Path) -> None:
    # A Python that is not externally managed (pip would happily install into it): a venv
    # stands in for a user's global interpreter.
    global_python = _venv(tmp_path / "global")
    before = _pip_freeze(global_python)
    bin_dir = tmp_path / "bin"
    env = {**os.environ, "PYTHON": str(global_python), "SIDEBARSPAM_BIN_DIR": str(bin_dir),
           "PATH": f"{bin_dir}:{os.environ['PATH']}"}
    env.pop("VIRTUAL_ENV", None)
    _run(["./setup.sh"], cwd=checkout, env=env)
    cleaned = _run(["sidebarspam", "clean", "examples/article-ko.txt"], cwd=checkout, env=env)
    assert cleaned.strip() and len(cleaned) < len((checkout / "examples/article-ko.txt").read_text(encoding="utf-8"))
    assert (checkout / ".venv" / "bin" / "sidebarspam").exists()
    assert os.path.realpath(bin_dir / "sidebarspam") == str(checkout / ".venv" / "bin" / "sidebarspam")
    assert _pip_freeze(global_python) == before


DATATROVE_JOB = f"""
from datatrove.data import Document
from sidebarspam.integrations.datatrove import SidebarspamFilter
docs = [Document(text={SAMPLE!r}, id="1")]
out = list(SidebarspamFilter(batch_size=1)(iter(docs)))
# The step cleans documents in place.
assert len(out) == 1 and "무단전재" not in out[0].text and 0 < len(out[0].text) < len({SAMPLE!r}), out[0].text
print("datatrove ok", out[0].metadata["sidebarspam_labels"])
"""

SPARK_JOB = f"""
from pyspark.sql import SparkSession
from sidebarspam.integrations.spark import clean_column
spark = SparkSession.builder.master("local[1]").config("spark.ui.enabled", "false").getOrCreate()
frame = spark.createDataFrame([("1", {SAMPLE!r})], "id string, text string")
(row,) = clean_column(frame, spam_col="spam").collect()
assert "무단전재" not in row["clean_text"] and row["clean_text"].strip(), row["clean_text"]
print("spark ok", row["spam"])
spark.stop()
"""


@pytest.mark.parametrize("extra, job", [("datatrove", DATATROVE_JOB), ("spark", SPARK_JOB)])
def test_each_extra_installs_and_runs_in_a_fresh_venv(
    extra: str, job: str, wheel: pathlib.Path, tmp_path: pathlib.Path
) -> None:
    python = _venv(tmp_path / "venv")
    _run([str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", f"{wheel}[{extra}]"])
    env = {**os.environ, "PYSPARK_PYTHON": str(python)}
    env.pop("VIRTUAL_ENV", None)
    assert f"{extra} ok" in _run([str(python), "-c", job], cwd=tmp_path, env=env)
