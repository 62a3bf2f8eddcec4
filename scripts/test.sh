#!/usr/bin/env bash
# Runs the whole test suite: Release build with unit + integration tests on SQLite and on a
# throwaway PostgreSQL cluster, the ASan/UBSan build of the unit tests, and a short bounded
# libFuzzer run. Needs no terminal (CI=true works).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
export CAIRN_WERROR=${CAIRN_WERROR:-ON}
fuzz_seconds=${CAIRN_FUZZ_SECONDS:-20}

step() { echo; echo "=== $* ($(date -u +%H:%M:%S))"; }

step "dependencies"
scripts/install-deps.sh

step "release build"
scripts/build.sh release

pgdir=$(mktemp -d /tmp/cairn-pg.XXXXXX)
cleanup() { scripts/pg-test-cluster.sh stop "$pgdir" >/dev/null 2>&1 || true; rm -rf "$pgdir"; }
trap cleanup EXIT
step "postgresql test cluster"
CAIRN_TEST_PG_URL=$(scripts/pg-test-cluster.sh start "$pgdir")
export CAIRN_TEST_PG_URL
echo "postgresql at $CAIRN_TEST_PG_URL"

step "unit and integration tests (SQLite and PostgreSQL)"
ctest --test-dir build/release --output-on-failure -j 2 --timeout 300

step "ASan/UBSan build of the unit tests"
scripts/build.sh asan
ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
  ctest --test-dir build/asan --output-on-failure -j 2 -L unit --timeout 600

step "fuzzers (${fuzz_seconds}s each)"
scripts/build.sh fuzz --target fuzz_run_filter fuzz_json_body fuzz_rfc3339 fuzz_csv
fuzz/run-fuzzers.sh build/fuzz "$fuzz_seconds"

step "all tests passed"
