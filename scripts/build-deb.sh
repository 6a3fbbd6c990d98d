#!/usr/bin/env bash
# Builds the Debian package for C++ users: dist/sidebarspam_<version>_<arch>.deb.
#   scripts/build-deb.sh            (needs setup.sh's apt packages, and dpkg-dev for dpkg-shlibdeps)
# The package holds the shared library (SONAME libsidebarspam.so.<major>.<minor> while in 0.x),
# the static archive, headers, CMake package config, sidebarspam.pc and the default model in
# /usr/share/sidebarspam. CMake builds one kind of library per tree, so this configures two
# (build/deb-shared, build/deb-static) and CPack takes everything from the shared tree plus the
# archive from the static one. Incremental: a second run rebuilds only what changed.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v dpkg-shlibdeps >/dev/null 2>&1; then
  echo "build-deb.sh: dpkg-shlibdeps not found: apt-get install dpkg-dev" >&2
  exit 1
fi
JOBS="${JOBS:-2}"
OUT_DIR="${OUT_DIR:-$PWD/dist}"
for kind in shared static; do
  if [ "$kind" = shared ]; then shared=ON; else shared=OFF; fi
  cmake -S . -B "build/deb-$kind" -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX=/usr \
    -DBUILD_SHARED_LIBS="$shared" -DSIDEBARSPAM_BUILD_TESTS=OFF >/dev/null
  cmake --build "build/deb-$kind" -j"$JOBS"
done
mkdir -p "$OUT_DIR"
# CPACK_INSTALL_CMAKE_PROJECTS: build dir; project; component; subdirectory, for each tree.
cpack --config build/deb-shared/CPackConfig.cmake -B build/deb-package \
  -D "CPACK_INSTALL_CMAKE_PROJECTS=$PWD/build/deb-shared;sidebarspam;ALL;/;$PWD/build/deb-static;sidebarspam;static_library;/" \
  >build/deb-package.log || { cat build/deb-package.log >&2; exit 1; }
deb="$(ls -t build/deb-package/sidebarspam_*.deb | head -n1)"
rm -f "$OUT_DIR"/sidebarspam_*.deb
cp "$deb" "$OUT_DIR/"
echo "$OUT_DIR/$(basename "$deb")"
