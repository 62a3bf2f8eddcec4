#!/usr/bin/env bash
# Builds the web console into web/dist (hashed assets plus .br/.gz next to each), which
# `cairn serve` serves at /. Needs the npm packages (scripts/install-deps.sh).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here/web"
npm run --silent build
