"""``--version`` names the package, the C++ library and the bundled model; the version number
comes from src/sidebarspam/version.h alone."""

from __future__ import annotations

import hashlib
import re
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import sidebarspam
from sidebarspam import versions

from conftest import ROOT


def header_version() -> str:
    header = (ROOT / "src" / "sidebarspam" / "version.h").read_text(encoding="utf-8")
    parts = [re.search(rf"#define SIDEBARSPAM_VERSION_{p} (\d+)", header) for p in ("MAJOR", "MINOR", "PATCH")]
    assert all(parts), "version.h lacks a MAJOR, MINOR or PATCH number"
    return ".".join(m.group(1) for m in parts if m)


def test_one_version_number_everywhere() -> None:
    assert sidebarspam.__version__ == header_version()
    assert metadata.version("sidebarspam") == header_version()


def test_version_names_library_and_model() -> None:
    model_dir = Path(sidebarspam.default_model_dir())
    digests = {name: hashlib.sha256((model_dir / name).read_bytes()).hexdigest()[:12] for name in versions.MODEL_FILES}
    script = Path(sys.executable).with_name("sidebarspam")
    outputs = [
        subprocess.run(cmd, capture_output=True, text=True, timeout=60, check=True).stdout.strip()
        for cmd in ([sys.executable, "-m", "sidebarspam", "--version"], [str(script), "--version"])
    ]
    assert outputs[0] == outputs[1]
    text = outputs[0]
    assert text.startswith(f"sidebarspam {header_version()} ")
    assert f"C++ library {sidebarspam._core.__version__}" in text
    for name, digest in digests.items():
        assert f"{name} {digest}" in text


def test_missing_model_file_is_named_not_raised(tmp_path: Path) -> None:
    assert versions.file_digest(tmp_path / "lines.ftz") == "missing"
