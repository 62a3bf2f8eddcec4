#!/usr/bin/env bash
# Configures and builds one flavour of Cairn.
#   scripts/build.sh release|debug|asan|fuzz   → build/<flavour>
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
flavour=${1:-release}
jobs=${CAIRN_JOBS:-$(nproc)}
# -Werror only when asked (the test script asks); otherwise the build dir keeps what it had, so
# serving after testing does not rebuild everything.
werror=()
if [ -n "${CAIRN_WERROR:-}" ]; then werror=(-DCAIRN_WERROR="$CAIRN_WERROR"); fi
# A compiler cache when the machine has one (it only saves time; the build does not need it).
# Files compiled with a precompiled header are cacheable only with these sloppiness settings.
launcher=()
if command -v ccache >/dev/null 2>&1; then
  launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
  export CCACHE_SLOPPINESS=${CCACHE_SLOPPINESS:-pch_defines,time_macros,include_file_mtime,include_file_ctime}
fi
# CAIRN_PCH=ON|OFF builds with or without precompiled headers: off by default, on by default for
# the unoptimised ASan flavour, whose -Werror build they leave clean (see CMakeLists.txt).
pch=()
if [ -n "${CAIRN_PCH:-}" ]; then
  pch=(-DCAIRN_PCH="$CAIRN_PCH")
elif [ "$flavour" = asan ]; then
  pch=(-DCAIRN_PCH=ON)
fi
case "$flavour" in
  release) args=(-DCMAKE_BUILD_TYPE=Release) ;;
  debug) args=(-DCMAKE_BUILD_TYPE=Debug) ;;
  asan) args=(-DCMAKE_BUILD_TYPE=Debug -DCAIRN_SANITIZE=ON -DCAIRN_BENCH=OFF) ;;
  fuzz) args=(-DCMAKE_BUILD_TYPE=RelWithDebInfo -DCAIRN_FUZZ=ON -DCAIRN_TESTS=OFF -DCAIRN_BENCH=OFF
              -DCMAKE_C_COMPILER=clang-14 -DCMAKE_CXX_COMPILER=clang++-14) ;;
  *) echo "unknown flavour: $flavour" >&2; exit 2 ;;
esac
cmake -S "$here" -B "$here/build/$flavour" -G Ninja "${werror[@]}" "${launcher[@]}" "${pch[@]}" \
  "${args[@]}" >/dev/null
cmake --build "$here/build/$flavour" -j "$jobs" "${@:2}"
