#!/usr/bin/env bash
# Fails when a tracked C++ file differs from what clang-format (the repository's .clang-format,
# clang-format 14 as Debian 12 ships it) would make of it, and prints the offending lines.
#   scripts/check-format.sh          check every tracked .cc/.h file
#   scripts/check-format.sh --fix    reformat them in place instead
set -euo pipefail
cd "$(dirname "$0")/.."

format=""
for candidate in clang-format-14 clang-format; do
  if command -v "$candidate" >/dev/null 2>&1; then format=$candidate; break; fi
done
[ -n "$format" ] || { echo "check-format: clang-format not found (scripts/install-deps.sh)" >&2; exit 2; }

mapfile -t files < <(git ls-files -- '*.cc' '*.h')
if [ "${1:-}" = "--fix" ]; then
  printf '%s\0' "${files[@]}" | xargs -0 -n 50 "$format" -i
  exit 0
fi
if ! out=$(printf '%s\0' "${files[@]}" | xargs -0 -n 50 "$format" --dry-run --Werror 2>&1); then
  echo "$out" | head -n 40 >&2
  echo "$out" | sed -n 's/^\([^: ]*\):[0-9]*:[0-9]*: error:.*/unformatted: \1/p' | sort -u >&2
  echo "check-format: run scripts/check-format.sh --fix" >&2
  exit 1
fi
echo "check-format: ${#files[@]} files formatted"
