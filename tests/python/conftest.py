from __future__ import annotations

import os
import pathlib
import sys

import pytest

import sidebarspam

# Commands the tests run (`sidebarspam ...`) come from the environment pytest runs in, not from
# whatever link happens to be first on PATH (another checkout's, an older install).
os.environ["PATH"] = os.path.dirname(sys.executable) + os.pathsep + os.environ.get("PATH", "")

ROOT = pathlib.Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
EXAMPLE = ROOT / "examples" / "article-ko.txt"


@pytest.fixture(scope="session")
def clf() -> sidebarspam.Classifier:
    return sidebarspam.Classifier()


@pytest.fixture(scope="session")
def example_text() -> str:
    return EXAMPLE.read_text(encoding="utf-8")


def shared_file(relative: str) -> pathlib.Path:
    """A file of ../shared (publishers' data: read at run time, never copied into the repo)."""
    path = SHARED / relative
    if not path.exists():
        pytest.fail(f"{path} is missing: the tests need ../shared beside the checkout")
    return path
