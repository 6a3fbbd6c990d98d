#!/usr/bin/env bash
# Installs what sidebarspam needs and the package itself, then the `sidebarspam` command works.
#   system (Debian/Ubuntu, via apt-get; root or sudo): a C++17 compiler, CMake, pkg-config,
#          libre2-dev, libfasttext-dev, catch2
#   Python (via pip, into the active environment): sidebarspam, built with scikit-build-core
#          and pybind11 from PyPI
set -euo pipefail
cd "$(dirname "$0")"

APT_PACKAGES=(g++ cmake make pkg-config libre2-dev libfasttext-dev catch2)
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
# Debian's own python3 refuses pip installs (PEP 668): then install into ./.venv and link the
# command into ~/.local/bin, which Debian puts on PATH.
if "$PYTHON" -c 'import sys, sysconfig, os; sys.exit(0 if sys.prefix == sys.base_prefix and os.path.exists(os.path.join(sysconfig.get_path("stdlib"), "EXTERNALLY-MANAGED")) else 1)'; then
  echo "setup.sh: $PYTHON is externally managed; using ./.venv" >&2
  "$PYTHON" -m venv .venv
  PYTHON="$PWD/.venv/bin/python"
  mkdir -p "$HOME/.local/bin"
  ln -sf "$PWD/.venv/bin/sidebarspam" "$HOME/.local/bin/sidebarspam"
  case ":$PATH:" in *":$HOME/.local/bin:"*) ;; *) export PATH="$HOME/.local/bin:$PATH" ;; esac
fi
echo "setup.sh: pip install . (builds the C++ core; about a minute)" >&2
"$PYTHON" -m pip install --quiet --disable-pip-version-check .
# pyenv only sees new console scripts after a rehash.
if command -v pyenv >/dev/null 2>&1; then pyenv rehash || true; fi
if ! command -v sidebarspam >/dev/null 2>&1; then
  echo "setup.sh: installed, but 'sidebarspam' is not on PATH; add $("$PYTHON" -c 'import sysconfig; print(sysconfig.get_path("scripts"))') to PATH" >&2
  exit 1
fi
echo "setup.sh: ready: $(sidebarspam --version)" >&2
