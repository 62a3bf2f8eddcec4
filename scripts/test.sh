#!/usr/bin/env bash
# Runs the whole test suite: the clang-format check, the Release build, clang-tidy on the lines
# changed since the merge base, unit + integration tests on SQLite and on a throwaway PostgreSQL
# cluster, the web console (build, typecheck, generated-client staleness, Vitest, browser flows
# and figures in Chromium), the ASan/UBSan build of the unit tests, and a short bounded libFuzzer
# run. Needs no terminal (CI=true works).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
export CAIRN_WERROR=${CAIRN_WERROR:-ON}
fuzz_seconds=${CAIRN_FUZZ_SECONDS:-20}

step() { echo; echo "=== $* ($(date -u +%H:%M:%S))"; }
logs=$(mktemp -d /tmp/cairn-test-logs.XXXXXX)
# ctest's own summary line: "100% tests passed, 0 tests failed out of 994".
count() { sed -n 's/.*tests passed, \([0-9]*\) tests\? failed out of \([0-9]*\).*/\2 \1/p' "$1" | tail -n 1; }

step "dependencies"
scripts/install-deps.sh

step "format (clang-format)"
scripts/check-format.sh

step "release build"
scripts/build.sh release

step "clang-tidy on the lines changed since the merge base (HEAD~1 on main)"
scripts/check-tidy.sh --diff

pgdir=$(mktemp -d /tmp/cairn-pg.XXXXXX)
cleanup() { scripts/pg-test-cluster.sh stop "$pgdir" >/dev/null 2>&1 || true; rm -rf "$pgdir"; }
trap cleanup EXIT
step "postgresql test cluster"
CAIRN_TEST_PG_URL=$(scripts/pg-test-cluster.sh start "$pgdir")
export CAIRN_TEST_PG_URL
echo "postgresql at $CAIRN_TEST_PG_URL"

step "unit and integration tests (SQLite and PostgreSQL)"
ctest --test-dir build/release --output-on-failure -j 2 --timeout 300 | tee "$logs/release.txt"

step "web console: build, typecheck, generated client up to date, Vitest"
scripts/build-web.sh
(cd web && npm run --silent typecheck && npm run --silent check:api)
(cd web && npx vitest run --reporter=default) 2>&1 | tee "$logs/vitest.txt"

step "web console: browser flows and figures (Chromium, real cairn serve)"
(cd web && node --test --test-concurrency=1 e2e/flows.test.mjs e2e/auth.test.mjs e2e/perf.test.mjs) 2>&1 | tee "$logs/e2e.txt"
grep '^# figures:\|^figures:' "$logs/e2e.txt" || true

step "ASan/UBSan build of the unit tests"
scripts/build.sh asan
ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
  ctest --test-dir build/asan --output-on-failure -j 2 -L unit --timeout 600 | tee "$logs/asan.txt"

step "fuzzers (${fuzz_seconds}s each)"
scripts/build.sh fuzz --target fuzz_run_filter fuzz_json_body fuzz_rfc3339 fuzz_csv fuzz_mlflow_search \
  fuzz_mlflow_request fuzz_cli_jsonpath fuzz_http_request fuzz_credentials fuzz_prompt_evaluator
fuzz/run-fuzzers.sh build/fuzz "$fuzz_seconds"

read -r rel_total rel_failed < <(count "$logs/release.txt")
read -r asan_total asan_failed < <(count "$logs/asan.txt")
# Vitest: "Tests  29 passed (29)"; node's test runner: "# pass 9" / "# fail 0".
vt_passed=$(sed 's/\x1b\[[0-9;]*m//g' "$logs/vitest.txt" | sed -n 's/^ *Tests *\([0-9]*\) passed.*/\1/p' | tail -n 1)
e2e_passed=$(sed -n 's/^# pass \([0-9]*\)$/\1/p' "$logs/e2e.txt" | tail -n 1)
e2e_failed=$(sed -n 's/^# fail \([0-9]*\)$/\1/p' "$logs/e2e.txt" | tail -n 1)
web_total=$((${vt_passed:-0} + ${e2e_passed:-0} + ${e2e_failed:-0}))
web_failed=${e2e_failed:-0}
step "summary"
echo "release (unit + integration, SQLite and PostgreSQL): $rel_total tests; web console (Vitest + Chromium): $web_total tests; ASan/UBSan unit: $asan_total tests; fuzzers: clean"
echo "tests: $((rel_total + asan_total + web_total - rel_failed - asan_failed - web_failed)) passed, $((rel_failed + asan_failed + web_failed)) failed"
