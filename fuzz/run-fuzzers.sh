#!/usr/bin/env bash
# Runs every libFuzzer target of a CAIRN_FUZZ=ON build for SECONDS each, starting from the seed
# corpora in fuzz/corpus/<target>/ (new inputs go to a scratch corpus, the seeds stay small).
# Exits non-zero if any target crashes, leaks, hits a sanitizer report or fails to run.
# Crash inputs are kept in BUILD_DIR/fuzz-artifacts/<target>/.
#   usage: fuzz/run-fuzzers.sh BUILD_DIR SECONDS
set -euo pipefail

if [[ $# -ne 2 ]]; then
  echo "usage: $0 BUILD_DIR SECONDS" >&2
  exit 2
fi
build_dir=$(cd "$1" && pwd)
seconds=$2
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
targets=(fuzz_run_filter fuzz_json_body fuzz_rfc3339 fuzz_csv fuzz_mlflow_search fuzz_mlflow_request
         fuzz_cli_jsonpath fuzz_http_request fuzz_credentials fuzz_prompt_evaluator)
declare -A dicts=([fuzz_run_filter]=run_filter.dict [fuzz_json_body]=json_body.dict
                  [fuzz_rfc3339]=rfc3339.dict [fuzz_csv]=csv.dict
                  [fuzz_mlflow_search]=mlflow_search.dict [fuzz_mlflow_request]=mlflow_request.dict
                  [fuzz_cli_jsonpath]=cli_jsonpath.dict
                  [fuzz_http_request]=http_request.dict [fuzz_credentials]=credentials.dict
                  [fuzz_prompt_evaluator]=prompt_evaluator.dict)

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}

failed=()
for target in "${targets[@]}"; do
  bin=$(find "$build_dir" -type f -name "$target" -perm -u+x -print -quit)
  if [[ -z $bin ]]; then
    echo "FAIL $target: no binary under $build_dir (configure with -DCAIRN_FUZZ=ON)" >&2
    failed+=("$target")
    continue
  fi
  work=$(mktemp -d)
  artifacts="$build_dir/fuzz-artifacts/$target"
  mkdir -p "$artifacts"
  args=(-max_total_time="$seconds" -max_len=65536 -rss_limit_mb=2048 -timeout=10
        -print_final_stats=1 -artifact_prefix="$artifacts/")
  if [[ -f $here/${dicts[$target]} ]]; then args+=(-dict="$here/${dicts[$target]}"); fi
  echo "== $target for ${seconds}s"
  if "$bin" "${args[@]}" "$work" "$here/corpus/$target" > "$artifacts/log.txt" 2>&1; then
    grep -E '^stat::(number_of_executed_units|peak_rss_mb)' "$artifacts/log.txt" || true
    echo "ok   $target"
  else
    tail -n 40 "$artifacts/log.txt" >&2
    echo "FAIL $target (log: $artifacts/log.txt)" >&2
    failed+=("$target")
  fi
  rm -rf "$work"
done

if [[ ${#failed[@]} -gt 0 ]]; then
  echo "fuzzing failed: ${failed[*]}" >&2
  exit 1
fi
echo "all fuzzers ran ${seconds}s without crashing"
