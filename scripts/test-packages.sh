#!/usr/bin/env bash
# Package test: builds the wheel (scripts/build-wheel.sh) and the .deb (scripts/build-deb.sh),
# then installs each on a minimal Debian 12 made with debootstrap, which has neither RE2, fastText,
# their -dev packages, pkg-config nor a compiler:
#   (a) "python" root: minbase + python3 + python3-venv only. The wheel installs into a venv
#       (its dependencies from a wheelhouse made here, so pip needs no network there), and
#       `sidebarspam clean examples/article-ko.txt` must print what the source build prints here.
#   (b) "cxx" root: the same plus a crawler team's build tools (g++, cmake, make, pkg-config).
#       `apt-get install ./sidebarspam_*.deb` must pull the runtime libraries through its Depends;
#       then tests/install/run.cmake builds examples/crawler with CMake and with pkg-config (and
#       the README's C++ example) against /usr, and runs them.
# Run as root: ./run-tests.sh --packages (CI does), or scripts/test-packages.sh after setup.sh.
#
# Both roots are cached in $SIDEBARSPAM_TEST_ROOT_CACHE (default /var/cache/sidebarspam-test-root)
# and rebuilt when missing or when their recipe (suite, mirror, packages) changes; delete the
# directory to force a rebuild. Each run works in a throwaway overlay on top of a cached root (a
# copy where overlayfs is not available), so the cache itself never changes after it is built.
set -euo pipefail
cd "$(dirname "$0")/.."

SUITE=bookworm
PYTHON_ROOT_PACKAGES=(python3 python3-venv)
# What a crawler host that builds against the .deb has; none of sidebarspam's dependencies.
CXX_ROOT_PACKAGES=(g++ cmake make pkg-config)
# The wheel carries libxml2 for the HTML front end, and the ICU that Debian's libxml2 links: its
# data library alone is 31 MB (12 MB compressed), most of the wheel's 15.7 MB (1.6 MB without).
MAX_WHEEL_BYTES=$((20 * 1024 * 1024))
CACHE="${SIDEBARSPAM_TEST_ROOT_CACHE:-/var/cache/sidebarspam-test-root}"

say() { echo "test-packages: $*" >&2; }
fail() { echo "test-packages: FAILED: $*" >&2; exit 1; }

if [ "$(id -u)" -ne 0 ]; then
  fail "must run as root (debootstrap, chroot and mount need it)"
fi

host_tools=()
command -v debootstrap >/dev/null 2>&1 || host_tools+=(debootstrap)
command -v dpkg-shlibdeps >/dev/null 2>&1 || host_tools+=(dpkg-dev)
if [ "${#host_tools[@]}" -gt 0 ]; then
  say "apt-get install ${host_tools[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${host_tools[@]}" >/dev/null
fi
if [ ! -x .venv/bin/sidebarspam ]; then ./setup.sh; fi
PYTHON="$PWD/.venv/bin/python"

# Mount points made by this run, unmounted in reverse order on any exit. Nothing is deleted
# while something is still mounted below it (that would reach into the host's /dev).
MOUNTS=()
WORK=""
cleanup() {
  local i
  for ((i = ${#MOUNTS[@]} - 1; i >= 0; i--)); do
    umount "${MOUNTS[i]}" 2>/dev/null || umount -l "${MOUNTS[i]}" || true
  done
  MOUNTS=()
  for dir in "$WORK" "$CACHE"/*.new; do
    if [ -z "$dir" ] || [ ! -e "$dir" ]; then continue; fi
    if grep -q " $dir" /proc/self/mounts; then
      say "not removing $dir: something is still mounted below it"
    else
      rm -rf "$dir"
    fi
  done
}
trap cleanup EXIT

# Mounts what programs in a root expect (/proc, /dev, /dev/pts) and the host's DNS setup.
prepare_root() {
  local root="$1"
  mount -t proc proc "$root/proc" && MOUNTS+=("$root/proc")
  mount --bind /dev "$root/dev" && MOUNTS+=("$root/dev")
  mount --bind /dev/pts "$root/dev/pts" && MOUNTS+=("$root/dev/pts")
  cp -L /etc/resolv.conf "$root/etc/resolv.conf"
}
# Unmounts what prepare_root mounted in a root (the overlay under it stays until the end).
release_root() {
  local root="$1" i kept=()
  for ((i = ${#MOUNTS[@]} - 1; i >= 0; i--)); do
    case "${MOUNTS[i]}" in
      "$root"/*) umount "${MOUNTS[i]}" ;;
      *) kept=("${MOUNTS[i]}" "${kept[@]}") ;;
    esac
  done
  MOUNTS=("${kept[@]}")
}
# Runs a command in a root with a clean environment (no PIP_* or other settings of the host).
in_root() {
  local root="$1"
  shift
  chroot "$root" /usr/bin/env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    HOME=/root LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive "$@"
}

# --- 1. The artifacts, and what can be checked of them here -----------------------------------
t_start=$SECONDS
say "building the wheel"
wheel="$(scripts/build-wheel.sh | tail -n1)"
say "building the .deb"
deb="$(scripts/build-deb.sh | tail -n1)"
t_built=$SECONDS

wheel_bytes=$(stat -c %s "$wheel")
[ "$wheel_bytes" -le "$MAX_WHEEL_BYTES" ] ||
  fail "$(basename "$wheel") is $wheel_bytes bytes, more than $MAX_WHEEL_BYTES"
# Self-contained: a manylinux tag, and no shared library needed from outside the policy.
"$PYTHON" -m auditwheel show --json "$wheel" | "$PYTHON" -c '
import json, sys
info = json.load(sys.stdin)
tag, external = info["overall_tag"], info["external_libs"]
if not tag.startswith("manylinux") or external:
    sys.exit(f"auditwheel show: tag {tag}, external libraries {sorted(external)}")
print(f"test-packages: auditwheel show: {tag}, no external libraries", file=sys.stderr)
'
say "$(basename "$wheel"): $wheel_bytes bytes; $(basename "$deb"): $(stat -c %s "$deb") bytes"
say "$(basename "$deb") Depends: $(dpkg-deb -f "$deb" Depends)"

# --- 2. The cached roots ------------------------------------------------------------------------
mkdir -p "$CACHE"
exec 9>"$CACHE/lock"
flock 9  # one run at a time builds or reads the cache

# The host's own Debian mirrors (as apt here is configured), for debootstrap and the roots.
# apt lists them only once it has fetched their indexes (not so on a fresh machine).
host_apt_sources() {
  # shellcheck disable=SC2016  # $(...) here are apt's format fields, not the shell's
  apt-get indextargets --format '$(REPO_URI) $(RELEASE) $(COMPONENT)' 'Identifier: Packages' |
    sort -u | awk -v s="$SUITE" '$2 == s || index($2, s "-") == 1 { print "deb " $1 " " $2 " " $3 }'
}
apt_sources="$(host_apt_sources)"
if [ -z "$apt_sources" ]; then
  apt-get update -qq
  apt_sources="$(host_apt_sources)"
fi
mirror="$(echo "$apt_sources" | awk -v s="$SUITE" '$3 == s { print $2; exit }')"
[ -n "$mirror" ] || fail "no apt source for Debian $SUITE on this host (apt-get indextargets found none)"

# Builds $CACHE/NAME (unless its recipe file matches) by running the given function on a new root.
cached_root() {
  local name="$1" recipe="$2" build="$3"
  if [ -f "$CACHE/$name/.recipe" ] && [ "$(cat "$CACHE/$name/.recipe")" = "$recipe" ]; then
    return
  fi
  say "building the cached $name root in $CACHE/$name (once per machine)"
  rm -rf "${CACHE:?}/${name:?}.new" "${CACHE:?}/${name:?}"
  "$build" "$CACHE/$name.new"
  echo "$recipe" >"$CACHE/$name.new/.recipe"
  mv "$CACHE/$name.new" "$CACHE/$name"
}
build_python_root() {
  local root="$1"
  debootstrap --variant=minbase --include="$(IFS=,; echo "${PYTHON_ROOT_PACKAGES[*]}")" \
    "$SUITE" "$root" "$mirror" >"$CACHE/debootstrap.log" 2>&1 ||
    { tail -n 30 "$CACHE/debootstrap.log" >&2; fail "debootstrap (log: $CACHE/debootstrap.log)"; }
  echo "$apt_sources" >"$root/etc/apt/sources.list"
  prepare_root "$root"
  in_root "$root" apt-get update -qq
  in_root "$root" apt-get clean
  release_root "$root"
}
build_cxx_root() {
  local root="$1"
  cp -a "$CACHE/python" "$root"
  prepare_root "$root"
  in_root "$root" apt-get install -y -qq --no-install-recommends "${CXX_ROOT_PACKAGES[@]}" >/dev/null
  in_root "$root" apt-get clean
  release_root "$root"
}
python_recipe="suite=$SUITE variant=minbase mirror=$mirror packages=${PYTHON_ROOT_PACKAGES[*]}"
cached_root python "$python_recipe" build_python_root
cached_root cxx "$python_recipe + ${CXX_ROOT_PACKAGES[*]}" build_cxx_root
t_roots=$SECONDS

# A throwaway root on top of the cached root NAME, at $WORK/NAME/root.
WORK="$(mktemp -d "$CACHE/run.XXXXXX")"
scratch_root() {
  local name="$1" dir="$WORK/$1"
  mkdir -p "$dir/upper" "$dir/work" "$dir/root"
  if mount -t overlay overlay -o "lowerdir=$CACHE/$name,upperdir=$dir/upper,workdir=$dir/work" \
    "$dir/root" 2>/dev/null; then
    MOUNTS+=("$dir/root")
  else
    cp -a "$CACHE/$name/." "$dir/root/"
  fi
}

# --- 3a. The wheel, where there is only python3 and python3-venv -------------------------------
scratch_root python
root="$WORK/python/root"
prepare_root "$root"
for tool in cc c++ g++ pkg-config cmake; do
  if in_root "$root" sh -c "command -v $tool" >/dev/null; then fail "the python root has $tool"; fi
done
if in_root "$root" sh -c 'ls /usr/lib/*/libre2.so* /usr/lib/*/libfasttext.so*' >/dev/null 2>&1; then
  fail "the python root has RE2 or fastText installed"
fi
mkdir -p "$root/packages"
"$PYTHON" -m pip download --quiet --disable-pip-version-check --dest "$root/packages" "$wheel"
cp examples/article-ko.txt "$root/packages/"
in_root "$root" python3 -m venv /opt/sidebarspam
t0=$(date +%s.%N)
in_root "$root" /opt/sidebarspam/bin/pip install --quiet --disable-pip-version-check --no-index \
  --find-links /packages "/packages/$(basename "$wheel")"
t1=$(date +%s.%N)
wheel_install_seconds=$(echo "$t0 $t1" | awk '{ printf "%.1f", $2 - $1 }')

expected="$(.venv/bin/sidebarspam clean examples/article-ko.txt)"
got="$(in_root "$root" /opt/sidebarspam/bin/sidebarspam clean /packages/article-ko.txt)" ||
  fail "sidebarspam clean failed in the python root"
[ -n "$got" ] || fail "sidebarspam clean printed nothing in the python root"
if [ "$got" != "$expected" ]; then
  diff <(echo "$expected") <(echo "$got") >&2 || true
  fail "the wheel's sidebarspam clean differs from the source build's (above: - source, + wheel)"
fi
case "$got" in *"무단전재"*) fail "the copyright line was not removed" ;; esac
expected_version="$(.venv/bin/sidebarspam --version)"
for cmd in "/opt/sidebarspam/bin/sidebarspam --version" "/opt/sidebarspam/bin/python -m sidebarspam --version"; do
  # shellcheck disable=SC2086
  v="$(in_root "$root" $cmd)" || fail "$cmd failed in the python root"
  [ "$v" = "$expected_version" ] || fail "$cmd printed '$v', expected '$expected_version'"
done
say "(a) wheel OK in a root with only ${PYTHON_ROOT_PACKAGES[*]}: installed in ${wheel_install_seconds}s; $expected_version"
release_root "$root"
t_wheel=$SECONDS

# --- 3b. The .deb, where there are build tools but no RE2/fastText of any kind ---------------
scratch_root cxx
root="$WORK/cxx/root"
prepare_root "$root"
mkdir -p "$root/packages" "$root/src/examples" "$root/src/tests"
cp "$deb" "$root/packages/"
cp -r examples/crawler examples/readme_example.cc examples/article-ko.txt "$root/src/examples/"
cp -r tests/install "$root/src/tests/"
cp README.md "$root/src/"
# The cached lists may be older than the mirror; apt-get update fetches only the differences.
in_root "$root" apt-get update -qq
in_root "$root" apt-get install -y -qq --no-install-recommends "/packages/$(basename "$deb")" >/dev/null ||
  fail "apt-get install ./$(basename "$deb") failed"
if in_root "$root" sh -c 'ls -d /usr/include/re2 /usr/include/fasttext' >/dev/null 2>&1; then
  fail "the cxx root has RE2's or fastText's headers: the test would not show that the .deb needs none"
fi
in_root "$root" cmake -DSOURCE_DIR=/src -DWORK_DIR=/tmp/sidebarspam-install-test -DINSTALLED_PREFIX=/usr \
  -P /src/tests/install/run.cmake || fail "building or running the crawler against the .deb failed"
say "(b) .deb OK: installed with its Depends; examples/crawler built with CMake and pkg-config and ran"
release_root "$root"
t_deb=$SECONDS

say "times: artifacts $((t_built - t_start))s, roots $((t_roots - t_built))s, wheel test $((t_wheel - t_roots))s, .deb test $((t_deb - t_wheel))s"
echo "test-packages: 2 passed, 0 failed"
