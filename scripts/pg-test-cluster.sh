#!/usr/bin/env bash
# Throwaway PostgreSQL 15 cluster for tests.
#
#   scripts/pg-test-cluster.sh start DIR   # prints postgresql://USER@127.0.0.1:PORT/cairn_test
#   scripts/pg-test-cluster.sh stop DIR
#
# The cluster lives in DIR/data, listens on 127.0.0.1 at a free port, keeps its unix socket
# inside DIR (or a short /tmp folder when DIR's path is too long for a socket), trusts loopback
# connections and runs with fsync off (it is disposable). PostgreSQL refuses to run as root, so
# when run as root the cluster belongs to the unprivileged user `cairnci` (created if missing).
# Use the printed URL as CAIRN_TEST_PG_URL; the store tests create and drop their own databases.
set -euo pipefail

PG_BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"
CI_USER="cairnci"

die() { echo "pg-test-cluster: $*" >&2; exit 1; }

usage() { die "usage: $0 start DIR | stop DIR"; }

# Runs a command as the cluster owner.
as_owner() {
  if [[ "$(id -u)" == 0 ]]; then
    runuser -u "$CI_USER" -- "$@"
  else
    "$@"
  fi
}

port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

start() {
  local dir="$1"
  mkdir -p "$dir"
  dir="$(cd "$dir" && pwd)"
  cd "$dir"  # the owner may not be able to read the caller's working folder
  [[ -e "$dir/data/PG_VERSION" ]] && die "$dir already holds a cluster (stop it and remove $dir)"
  [[ -x "$PG_BIN/initdb" ]] || die "no initdb in $PG_BIN"

  local user
  if [[ "$(id -u)" == 0 ]]; then
    user="$CI_USER"
    if ! id "$user" >/dev/null 2>&1; then
      useradd --system --no-create-home --shell /usr/sbin/nologin "$user" \
        || die "cannot create user $user"
    fi
    chown "$user" "$dir"
    # Every parent folder must be traversable by the owner (e.g. not under /root).
    runuser -u "$user" -- test -w "$dir" || die "$dir is not reachable by user $user; use a folder under /tmp"
  else
    user="$(id -un)"
  fi

  local sockdir="$dir/sock"
  # Unix socket paths are limited to ~107 bytes: ".s.PGSQL.NNNNN" plus the folder.
  if (( ${#sockdir} > 80 )); then
    sockdir="$(mktemp -d /tmp/cairn-pg-sock.XXXXXX)"
  fi
  mkdir -p "$sockdir"
  [[ "$(id -u)" == 0 ]] && chown "$user" "$sockdir"
  echo "$sockdir" > "$dir/sockdir"

  as_owner "$PG_BIN/initdb" -D "$dir/data" -U "$user" --auth=trust --encoding=UTF8 \
    --locale=C --no-sync >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; die "initdb failed"; }

  local port attempt
  for attempt in $(seq 1 20); do
    port=$(( 20000 + (RANDOM * 32768 + RANDOM) % 40000 ))
    port_in_use "$port" && continue
    if as_owner "$PG_BIN/pg_ctl" -D "$dir/data" -w -t 60 -l "$dir/postgres.log" \
         -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories='$sockdir' -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
         start >/dev/null 2>&1; then
      echo "$port" > "$dir/port"
      as_owner "$PG_BIN/createdb" -h 127.0.0.1 -p "$port" -U "$user" cairn_test \
        || die "createdb failed (see $dir/postgres.log)"
      echo "postgresql://$user@127.0.0.1:$port/cairn_test"
      return 0
    fi
    # Most likely the port was taken between the check and the bind: try another one.
    as_owner "$PG_BIN/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  done
  tail -n 20 "$dir/postgres.log" >&2 || true
  die "could not start PostgreSQL (see $dir/postgres.log)"
}

stop() {
  local dir="$1"
  [[ -d "$dir/data" ]] || die "no cluster in $dir"
  cd "$dir"
  as_owner "$PG_BIN/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null
  if [[ -f "$dir/sockdir" ]]; then
    local sockdir
    sockdir="$(cat "$dir/sockdir")"
    [[ "$sockdir" == /tmp/cairn-pg-sock.* ]] && rm -rf "$sockdir"
  fi
  return 0
}

[[ $# == 2 ]] || usage
case "$1" in
  start) start "$2" ;;
  stop) stop "$2" ;;
  *) usage ;;
esac
