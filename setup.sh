#!/usr/bin/env bash
# Installs what sidebarspam needs and the package itself, then the `sidebarspam` command works.
#   system (Debian/Ubuntu, via apt-get; root or sudo): a C++17 compiler, CMake, pkg-config,
#          libre2-dev, libfasttext-dev, libxml2-dev, nlohmann-json3-dev (header-only, build time), catch2,
#          and python3-venv, python3-dev for Debian's python3
#   Python (via pip, into ./.venv, made here): sidebarspam, built with scikit-build-core and
#          pybind11 from PyPI; the `sidebarspam` command is linked into /usr/local/bin (or
#          ~/.local/bin). Remove with: rm -rf .venv "$(command -v sidebarspam)"
set -euo pipefail
cd "$(dirname "$0")"

APT_PACKAGES=(g++ cmake make pkg-config libre2-dev libfasttext-dev libxml2-dev nlohmann-json3-dev catch2)
# Debian's own python3 lacks venv and the headers the C++ module builds against until these
# are installed (another Python, given as PYTHON=..., brings its own).
if [ -z "${PYTHON:-}" ] && [ "$(command -v python3 || true)" = /usr/bin/python3 ]; then
  APT_PACKAGES+=(python3-venv python3-dev)
fi
missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
# A newer CMake already on PATH (e.g. from pip) is fine; don't ask apt for it.
if command -v cmake >/dev/null 2>&1; then
  missing=("${missing[@]/cmake/}")
fi
if [ -n "$(echo "${missing[@]}" | tr -d ' ')" ]; then
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "setup.sh: install these first: ${missing[*]}" >&2
    exit 1
  fi
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  echo "setup.sh: apt-get install ${missing[*]}" >&2
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq ${missing[*]} >/dev/null
fi

PYTHON="${PYTHON:-python3}"
# Everything Python goes into the checkout's own virtual environment (.venv), never into the
# interpreter it was made from. The command is linked into a directory on PATH so that
# `sidebarspam` works in this shell and new ones: /usr/local/bin when writable, else ~/.local/bin.
VENV="$PWD/.venv"
if [ ! -x "$VENV/bin/python" ]; then
  echo "setup.sh: creating $VENV" >&2
  "$PYTHON" -m venv "$VENV"
fi
PYTHON="$VENV/bin/python"
BIN_DIR="${SIDEBARSPAM_BIN_DIR:-}"
if [ -z "$BIN_DIR" ]; then
  if [ -w /usr/local/bin ]; then BIN_DIR=/usr/local/bin; else BIN_DIR="$HOME/.local/bin"; fi
fi
mkdir -p "$BIN_DIR"
echo "setup.sh: pip install . (builds the C++ core; about a minute)" >&2
"$PYTHON" -m pip install --quiet --disable-pip-version-check .
ln -sf "$VENV/bin/sidebarspam" "$BIN_DIR/sidebarspam"
case ":$PATH:" in *":$BIN_DIR:"*) ;; *) export PATH="$BIN_DIR:$PATH"
  echo "setup.sh: add $BIN_DIR to PATH to run sidebarspam from other shells" >&2 ;; esac
if ! command -v sidebarspam >/dev/null 2>&1; then
  echo "setup.sh: installed, but 'sidebarspam' is not on PATH; add $("$PYTHON" -c 'import sysconfig; print(sysconfig.get_path("scripts"))') to PATH" >&2
  exit 1
fi
echo "setup.sh: ready: $(sidebarspam --version)" >&2
