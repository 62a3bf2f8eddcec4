#!/usr/bin/env bash
# Installs everything Cairn needs on a fresh Debian 12, by package name. Idempotent.
# Run as root (or with sudo available).
set -euo pipefail

APT_PACKAGES=(
  build-essential cmake ninja-build pkg-config git ca-certificates
  libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev
  libsqlite3-dev libpq-dev libssl-dev libre2-dev libxgboost-dev libtomlplusplus-dev
  libutf8proc-dev
  libgtest-dev libgmock-dev googletest libbenchmark-dev
  clang-14 libclang-rt-14-dev clang-format-14 clang-tidy-14
  postgresql
  wrk procps
  # The console's browser tests drive Debian's Chromium (never a downloaded browser); a Korean
  # font so their screenshots show the Korean prompts they type.
  chromium fonts-nanum
  # The CLI and Python SDK tests (standard library; pandas for DataFrame uploads).
  python3 python3-pandas
  # The real MLflow 2.12.2 client and server beside the checkout (its own source) import these;
  # the MLflow end-to-end tests and the side-by-side benchmark need them. The same list as the
  # MLflow tree's setup.sh.
  python3-flask python3-sqlalchemy python3-alembic python3-numpy python3-protobuf gunicorn
  python3-click python3-cloudpickle python3-git python3-yaml python3-sqlparse python3-packaging
  python3-markdown python3-jinja2 python3-requests python3-docker python3-entrypoints
  python3-importlib-metadata python3-tz python3-six python3-cachetools
)
# Node.js and npm only when the machine has none (a newer one installed otherwise is kept:
# Debian's npm package conflicts with it).
command -v npm >/dev/null 2>&1 || APT_PACKAGES+=(nodejs npm)

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "installing: ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Front-end packages (the web console, its build and test tools, Swagger UI for /docs), from the
# npm registry, exactly as web/package-lock.json pins them.
here=$(cd "$(dirname "$0")/.." && pwd)
if [ -f "$here/web/package-lock.json" ] && [ ! -f "$here/web/node_modules/.package-lock.json" -o "$here/web/package-lock.json" -nt "$here/web/node_modules/.package-lock.json" ]; then
  (cd "$here/web" && npm ci --no-audit --no-fund --loglevel=error)
fi
