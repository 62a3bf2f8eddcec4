#!/usr/bin/env bash
# The token check's cost per request, measured with the read benchmark: GET /runs/{id} on two
# servers over the same SQLite data — authentication off (no header) and authentication required
# (a Bearer token, per-token rate limit lifted) — alternating ROUNDS times so that machine noise
# hits both alike. Prints each round and the medians.
#   bench/auth-ab.sh [BUILD_DIR]     (DURATION seconds per run, default 5; CONNECTIONS, default 32;
#                                     ROUNDS, default 4)
set -euo pipefail
build=${1:-${CAIRN_BUILD:-$(cd "$(dirname "$0")/.." && pwd)/build/release}}
cairn="$build/cairn"
load="$build/bench/cairn_load"
duration=${DURATION:-5}
conns=${CONNECTIONS:-32}
rounds=${ROUNDS:-4}
data=$(mktemp -d /tmp/cairn-auth-ab-XXXXXX)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null && wait "$p" 2>/dev/null || true; done
  rm -rf "$data"
}
trap cleanup EXIT
storage="sqlite://$data/cairn.db"

start() {  # start NAME ARGS... ; sets port_NAME
  local name=$1; shift
  "$cairn" serve --host 127.0.0.1 --port 0 --data-dir "$data" --storage "$storage" \
    --no-access-log "$@" >"$data/$name.out" 2>>"$data/stderr" &
  pids+=($!)
  local port=""
  for _ in $(seq 100); do
    port=$(head -n 1 "$data/$name.out" 2>/dev/null | sed -n 's#^listening on http://.*:\([0-9]*\)$#\1#p')
    [ -n "$port" ] && break
    sleep 0.05
  done
  [ -n "$port" ] || { echo "server $name did not start" >&2; cat "$data/stderr" >&2; exit 1; }
  eval "port_$name=$port"
}

start off
base="http://127.0.0.1:$port_off/api/v1/ml/lifecycle"
curl -sf -X POST -H 'Content-Type: application/json' -d '{"name":"bench"}' "$base/experiments" >/dev/null
run=$(curl -sf -X POST -H 'Content-Type: application/json' \
  -d '{"experiment_name":"bench","params":{"depth":"6","lr":"0.1"},"tags":{"team":"alpha"}}' \
  "$base/runs" | sed -n 's/.*"run_id":"\([^"]*\)".*/\1/p')
echo 'bench admin password' | "$cairn" user create bench --role admin --storage "$storage" >/dev/null
token=$("$cairn" token create --user bench --name bench --role viewer --storage "$storage" 2>/dev/null)
start token --auth required --token-rate-limit 0

off=(); tok=()
for r in $(seq "$rounds"); do
  a=$("$load" get-run --port "$port_off" --run-id "$run" --connections "$conns" --duration "$duration" |
      sed -n 's/.*req_per_s=\([0-9]*\).*/\1/p')
  b=$("$load" get-run --port "$port_token" --run-id "$run" --connections "$conns" --duration "$duration" \
      --token "$token" | sed -n 's/.*req_per_s=\([0-9]*\).*/\1/p')
  echo "round $r: auth off $a req/s, Bearer token $b req/s" >&2
  off+=("$a"); tok+=("$b")
done
median() { printf '%s\n' "$@" | sort -n | awk '{v[NR]=$1} END {print (NR%2 ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2)}'; }
m_off=$(median "${off[@]}"); m_tok=$(median "${tok[@]}")
cores=$(nproc)
awk -v a="$m_off" -v b="$m_tok" -v c="$cores" -v n="$conns" 'BEGIN {
  printf "get-run c=%d: auth off %.0f req/s, Bearer token %.0f req/s (medians)\n", n, a, b;
  printf "added per request: %.2f us of machine time (%d cores: %d/b - %d/a)\n", (c/b - c/a) * 1e6, c, c, c }'
