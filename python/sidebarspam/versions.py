"""What ``sidebarspam --version`` prints: the package, the C++ library and the bundled model.

The model has no version number of its own (it is retrained in place), so it is named by the
first 12 hex digits of each file's sha256: two installs print the same digits only when they
score with the same model.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from importlib import metadata
from pathlib import Path
from typing import Any, Sequence

from . import _core, default_model_dir

MODEL_FILES: tuple[str, ...] = ("lines.ftz", "clickbait.ftz", "rules.tsv")


def file_digest(path: Path) -> str:
    """First 12 hex digits of the file's sha256, or ``missing``."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()[:12]
    except FileNotFoundError:
        return "missing"


def version_text() -> str:
    try:
        package = metadata.version("sidebarspam")
    except metadata.PackageNotFoundError:  # imported from a source tree, not installed
        package = _core.__version__
    model_dir = Path(default_model_dir())
    model = ", ".join(f"{name} {file_digest(model_dir / name)}" for name in MODEL_FILES)
    return f"sidebarspam {package} (C++ library {_core.__version__}; bundled model {model})"


class VersionAction(argparse.Action):
    """``--version``: prints :func:`version_text` (read only when asked) and exits."""

    def __init__(self, option_strings: Sequence[str], dest: str = argparse.SUPPRESS,
                 default: Any = argparse.SUPPRESS, help: str = "print the package, library and model versions and exit") -> None:
        super().__init__(option_strings=option_strings, dest=dest, default=default, nargs=0, help=help)

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace,
                 values: Any, option_string: str | None = None) -> None:
        print(version_text(), file=sys.stdout)
        parser.exit()
