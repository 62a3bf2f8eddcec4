#!/usr/bin/env bash
# Runs the SPEC §8 server benchmarks against a Release build and prints a table.
#   bench/run-benchmarks.sh [BUILD_DIR]      (default: build-rel next to the repo, or $CAIRN_BUILD)
# Builds nothing: BUILD_DIR must already contain cairn and bench/cairn_load.
# DURATION (seconds per load scenario, default 10), WRK=0 (skip wrk) and AUTH=0 (skip the reads
# with a Bearer token) are read from the env.
# STORAGE=postgresql://... runs the load scenarios on that (empty or disposable) database instead
# of a fresh SQLite file; the start-up scenario always uses SQLite.
set -euo pipefail

build=${1:-${CAIRN_BUILD:-$(cd "$(dirname "$0")/../.." && pwd)/build-rel}}
cairn="$build/cairn"
load="$build/bench/cairn_load"
duration=${DURATION:-10}
[ -x "$cairn" ] || { echo "no cairn binary under $build" >&2; exit 1; }
[ -x "$load" ] || { echo "no $load" >&2; exit 1; }

data=$(mktemp -d /tmp/cairn-bench-XXXXXX)
out=$(mktemp)
cleanup() {
  [ -n "${pid:-}" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true
  rm -rf "$data" "$out"
}
trap cleanup EXIT
storage=${STORAGE:-sqlite://$data/cairn.db}

"$cairn" serve --host 127.0.0.1 --port 0 --data-dir "$data" --storage "$storage" \
  --no-access-log >"$data/stdout" 2>"$data/stderr" &
pid=$!
for _ in $(seq 100); do
  port=$(head -n 1 "$data/stdout" 2>/dev/null | sed -n 's#^listening on http://.*:\([0-9]*\)$#\1#p')
  [ -n "$port" ] && break
  sleep 0.05
done
[ -n "${port:-}" ] || { echo "server did not start:" >&2; cat "$data/stderr" >&2; exit 1; }
base="http://127.0.0.1:$port/api/v1/ml/lifecycle"

post() { curl -sf -X POST -H 'Content-Type: application/json' -d "$2" "$base$1"; }
post /experiments '{"name":"bench"}' >/dev/null
run_ingest=$(post /runs '{"experiment_name":"bench"}' | sed -n 's/.*"run_id":"\([^"]*\)".*/\1/p')
run_get=$(post /runs '{"experiment_name":"bench","params":{"depth":"6","lr":"0.1"},"tags":{"team":"alpha"}}' \
  | sed -n 's/.*"run_id":"\([^"]*\)".*/\1/p')
curl -sf -X POST -H 'Content-Type: application/json' \
  -d '{"metrics":[{"key":"auc","value":0.91,"step":1},{"key":"loss","value":0.2,"step":1}]}' \
  "$base/runs/$run_get/metrics" >/dev/null
[ -n "$run_ingest" ] && [ -n "$run_get" ] || { echo "could not create runs" >&2; exit 1; }

echo "server pid $pid port $port on ${storage%%\?*}; ${duration}s per scenario" >&2
for c in 1 4; do
  "$load" ingest --port "$port" --run-id "$run_ingest" --connections "$c" --duration "$duration" | tee -a "$out" >&2
done
for c in 32 64; do
  "$load" get-run --port "$port" --run-id "$run_get" --connections "$c" --duration "$duration" | tee -a "$out" >&2
done
rss_after_load=$(awk '/VmRSS/{print $2/1024}' "/proc/$pid/status")
kill "$pid"; wait "$pid" || true; pid=

# The same read with authentication required and a Bearer token (AUTH=0 skips it): the token
# check's cost is the difference to the rows above. The per-token rate limit is lifted so the
# benchmark measures the check, not the limiter's refusals.
if [ "${AUTH:-1}" != 0 ]; then
  echo 'bench admin password' | "$cairn" user create bench --role admin \
    --storage "sqlite://$data/cairn.db" >/dev/null
  token=$("$cairn" token create --user bench --name bench --role viewer \
    --storage "sqlite://$data/cairn.db" 2>/dev/null)
  "$cairn" serve --host 127.0.0.1 --port 0 --data-dir "$data" --storage "sqlite://$data/cairn.db" \
    --auth required --token-rate-limit 0 --no-access-log >"$data/stdout-auth" 2>>"$data/stderr" &
  pid=$!
  for _ in $(seq 100); do
    port=$(head -n 1 "$data/stdout-auth" 2>/dev/null | sed -n 's#^listening on http://.*:\([0-9]*\)$#\1#p')
    [ -n "$port" ] && break
    sleep 0.05
  done
  for c in 32 64; do
    "$load" get-run --port "$port" --run-id "$run_get" --connections "$c" --duration "$duration" \
      --token "$token" | sed 's/^scenario=get-run/scenario=get-run-token/' | tee -a "$out" >&2
  done
  kill "$pid"; wait "$pid" || true; pid=
fi
"$load" startup --binary "$cairn" --repeat 5 | tee -a "$out" >&2

wrk_line=""
if [ "${WRK:-1}" != 0 ] && command -v wrk >/dev/null; then
  # wrk needs its own server (the previous one is stopped).
  "$cairn" serve --host 127.0.0.1 --port 0 --data-dir "$data" --storage "$storage" \
    --no-access-log >"$data/stdout2" 2>>"$data/stderr" &
  pid=$!
  for _ in $(seq 100); do
    port=$(head -n 1 "$data/stdout2" 2>/dev/null | sed -n 's#^listening on http://.*:\([0-9]*\)$#\1#p')
    [ -n "$port" ] && break
    sleep 0.05
  done
  for conns in 32 64; do
    wrk_out=$(wrk -t1 -c"$conns" -d"${duration}s" --latency "http://127.0.0.1:$port/api/v1/ml/lifecycle/runs/$run_get")
    echo "$wrk_out" >&2
    wrk_rps=$(echo "$wrk_out" | awk '/Requests\/sec/{print $2}')
    wrk_p99=$(echo "$wrk_out" | awk '$1=="99%"{print $2}')
    wrk_p50=$(echo "$wrk_out" | awk '$1=="50%"{print $2}')
    target=">= 50000 req/s"
    [ "$conns" = 32 ] && target="p99 < 2 ms"
    wrk_line+="wrk get-run c=$conns|$wrk_rps req/s|p50 $wrk_p50 p99 $wrk_p99|$target"$'\n'
  done
fi

field() { sed -n "s/.*$1=\([^ ]*\).*/\1/p"; }
printf '\n%-28s | %-16s | %-34s | %s\n' "scenario" "throughput" "latency" "SPEC §8 target"
printf '%s\n' "-----------------------------+------------------+------------------------------------+----------------------"
while read -r line; do
  sc=$(echo "$line" | field scenario)
  case $sc in
    ingest)
      printf '%-28s | %-16s | %-34s | %s\n' "ingest c=$(echo "$line" | field connections) (1000 pts/req)" \
        "$(echo "$line" | field points_per_s) pts/s" \
        "p50 $(echo "$line" | field p50_ms) ms p99 $(echo "$line" | field p99_ms) ms" ">= 1000000 pts/s";;
    get-run)
      c=$(echo "$line" | field connections)
      target=">= 50000 req/s"; [ "$c" = 32 ] && target="p99 < 2 ms"
      printf '%-28s | %-16s | %-34s | %s\n' "get-run c=$c" "$(echo "$line" | field req_per_s) req/s" \
        "p50 $(echo "$line" | field p50_ms) p99 $(echo "$line" | field p99_ms) max $(echo "$line" | field max_ms) ms" "$target";;
    get-run-token)
      c=$(echo "$line" | field connections)
      printf '%-28s | %-16s | %-34s | %s\n' "get-run c=$c Bearer token" "$(echo "$line" | field req_per_s) req/s" \
        "p50 $(echo "$line" | field p50_ms) p99 $(echo "$line" | field p99_ms) max $(echo "$line" | field max_ms) ms" "(auth required)";;
    startup)
      printf '%-28s | %-16s | %-34s | %s\n' "startup to /readyz" "-" \
        "median $(echo "$line" | field startup_ms_median) ms (min $(echo "$line" | field startup_ms_min))" "< 200 ms"
      printf '%-28s | %-16s | %-34s | %s\n' "idle RSS" "-" "$(echo "$line" | field idle_rss_mb) MB" "< 50 MB";;
  esac
done <"$out"
printf '%-28s | %-16s | %-34s | %s\n' "RSS after load" "-" "${rss_after_load} MB" "-"
[ -n "$wrk_line" ] && printf '%s' "$wrk_line" | awk -F'|' '{printf "%-28s | %-16s | %-34s | %s\n", $1, $2, $3, $4}'
