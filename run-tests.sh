#!/usr/bin/env bash
# Runs every test: Catch2 (ctest, including the installed-package crawler build), the stub
# check, mypy on the examples, and pytest. Installs what it needs first (via setup.sh).
# It also runs the package test (scripts/test-packages.sh: the wheel and the .deb on a minimal
# Debian 12, as root), before pytest.
#   ./run-tests.sh --packages      only the package test
#   ./run-tests.sh --no-packages   everything but the package test (quicker, for development)
set -euo pipefail
cd "$(dirname "$0")"

PACKAGES=1
case "${1:-}" in
  "") ;;
  --packages) ./setup.sh && exec scripts/test-packages.sh ;;
  --no-packages) PACKAGES=0 ;;
  *) echo "usage: ./run-tests.sh [--packages | --no-packages]" >&2; exit 2 ;;
esac
./setup.sh
PYTHON="${PYTHON:-python3}"
if [ -x .venv/bin/python ]; then PYTHON="$PWD/.venv/bin/python"; fi
"$PYTHON" -m pip install --quiet --disable-pip-version-check "pytest>=7" "mypy>=1.8" "types-tqdm" "hypothesis>=6"
# The engines the integration tests and the benchmark smoke test run for real: datatrove (its C4
# filter needs spacy), PySpark with pandas and pyarrow (and Java, from the machine).
"$PYTHON" -m pip install --quiet --disable-pip-version-check "sidebarspam[datatrove]" "spacy>=3" \
  "pyspark>=3.5" "pandas>=1.5,<3" "pyarrow>=11"
# Selenium drives Debian's headless Chromium for the review page test (test_review_browser.py).
"$PYTHON" -m pip install --quiet --disable-pip-version-check "selenium>=4.10"

# clang and its runtimes, for the libFuzzer targets, Java for the Spark test and Chromium for the
# review page test (tests only; users don't need them).
APT_NEEDED=()
if ! command -v clang++ >/dev/null 2>&1 || ! dpkg -s libclang-rt-14-dev >/dev/null 2>&1; then
  APT_NEEDED+=(clang libclang-rt-14-dev)
fi
if ! command -v java >/dev/null 2>&1; then APT_NEEDED+=(default-jre-headless); fi
# Headless Chromium and its driver for the review page test, and a Korean font for its screenshot.
for p in chromium chromium-driver fonts-nanum; do dpkg -s "$p" >/dev/null 2>&1 || APT_NEEDED+=("$p"); done
if [ "${#APT_NEEDED[@]}" -gt 0 ]; then
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${APT_NEEDED[@]}" >/dev/null
fi

JOBS="$(nproc 2>/dev/null || echo 2)"
cmake -S . -B build/tests -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSIDEBARSPAM_BUILD_TESTS=ON >/dev/null
cmake --build build/tests -j"$JOBS"
(cd build/tests && ctest --output-on-failure -j"$JOBS")

# The same C++ tests under AddressSanitizer + UndefinedBehaviorSanitizer (leaks included), and
# the threading tests under ThreadSanitizer. Big inputs are scaled down there (slower builds).
for sanitizer in address,undefined thread; do
  dir="build/sanitize-${sanitizer%%,*}"
  cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSIDEBARSPAM_BUILD_TESTS=ON \
    -DSIDEBARSPAM_INSTALL=OFF -DSIDEBARSPAM_SANITIZE="$sanitizer" >/dev/null
  cmake --build "$dir" -j"$JOBS"
  if [ "$sanitizer" = thread ]; then filter=(-R "thread|batch"); else filter=(-E install); fi
  (cd "$dir" && SIDEBARSPAM_TEST_SCALE=20 ctest --output-on-failure -j"$JOBS" "${filter[@]}")
done

# Short fuzz runs (long ones by hand: tests/fuzz/run.sh 600).
tests/fuzz/run.sh 20

# The shipped stubs must match the compiled module, and the examples must type-check.
"$PYTHON" -m mypy.stubtest sidebarspam._core --allowlist python/sidebarspam/stubtest-allowlist.txt
"$PYTHON" -m mypy --strict python/sidebarspam examples/readme_example.py examples/moderation.py examples/site_memory.py examples/html_example.py

if [ "$PACKAGES" = 1 ]; then scripts/test-packages.sh; fi

# Here the browser test must run: a missing Chromium is a failure, not a skip.
SIDEBARSPAM_REQUIRE_BROWSER=1 "$PYTHON" -m pytest tests/python
