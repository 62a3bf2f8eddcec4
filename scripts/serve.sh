#!/usr/bin/env bash
# Sets up, builds (server and web console) and starts `cairn serve` on 127.0.0.1:8500 with the
# embedded SQLite default under ./cairn-data; the console is at http://127.0.0.1:8500/. Extra
# arguments go to `cairn serve`.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
"$here/scripts/install-deps.sh"
"$here/scripts/build.sh" release --target cairn
"$here/scripts/build-web.sh"
exec "$here/build/release/cairn" serve "$@"
