#!/usr/bin/env bash
# Runs clang-tidy with the repository's .clang-tidy (naming rules of STYLE.md, a few bugprone and
# performance checks; every finding is an error) on build/release/compile_commands.json, which
# `scripts/build.sh release` writes.
#   scripts/check-tidy.sh [--diff]    findings on the lines changed since a base revision only
#                                     (what CI runs: older code elsewhere in a touched file does
#                                     not fail a merge)
#   scripts/check-tidy.sh --files     every finding in the files changed since the base
#   scripts/check-tidy.sh --all       every source file of the build (slow: ~7 CPU-s per file)
#   scripts/check-tidy.sh FILE...     these files
# CAIRN_TIDY_DB names another compile_commands.json.
# The base is $CAIRN_TIDY_BASE if set, else the merge base with main (or origin/main) when HEAD
# is not on it, else HEAD~1 — so a clean clone of main checks what its newest commit (or merge)
# changed. A changed header is checked through the .cc file of the same name.
set -euo pipefail
cd "$(dirname "$0")/.."
db=${CAIRN_TIDY_DB:-build/release/compile_commands.json}
jobs=${CAIRN_JOBS:-$(nproc)}

tidy=""
for candidate in clang-tidy-14 clang-tidy; do
  if command -v "$candidate" >/dev/null 2>&1; then tidy=$candidate; break; fi
done
[ -n "$tidy" ] || { echo "check-tidy: clang-tidy not found (scripts/install-deps.sh)" >&2; exit 2; }
[ -f "$db" ] || { echo "check-tidy: no $db (run scripts/build.sh release first)" >&2; exit 2; }

# Every source file the build compiles, relative to the repository (generated ones excluded).
mapfile -t known < <(python3 -c '
import json, os, sys
root = os.getcwd()
for e in json.load(open(sys.argv[1])):
    f = os.path.relpath(os.path.join(e["directory"], e["file"]), root)
    if not f.startswith("build/"):
        print(f)' "$db" | sort -u)

candidates=()
mode=diff
case "${1:-}" in
  --all) mode=all ;;
  --files) mode=files ;;
  --diff | "") mode=diff ;;
  -*) echo "check-tidy: unknown option $1" >&2; exit 2 ;;
  *) mode=list ;;
esac
line_filter=()
if [ "$mode" = all ]; then
  candidates=("${known[@]}")
elif [ "$mode" = list ]; then
  candidates=("$@")
else
  base=${CAIRN_TIDY_BASE:-}
  if [ -z "$base" ]; then
    for ref in main origin/main; do
      if git rev-parse -q --verify "$ref" >/dev/null; then
        mb=$(git merge-base HEAD "$ref")
        if [ "$mb" != "$(git rev-parse HEAD)" ]; then base=$mb; fi
        break
      fi
    done
  fi
  if [ -z "$base" ]; then base=$(git rev-parse -q --verify HEAD~1 || true); fi
  [ -n "$base" ] || { echo "check-tidy: no base revision to compare with"; exit 0; }
  echo "check-tidy: ${mode/diff/lines} changed since $(git rev-parse --short "$base")"
  if [ "$mode" = diff ]; then
    # clang-tidy's -line-filter: only the added or changed lines of each file (a header's lines
    # count when the .cc that includes it is checked); findings elsewhere are dropped.
    filter=$(git diff -U0 --diff-filter=d "$base" -- '*.cc' '*.h' | python3 -c '
import json, re, sys
files, name = {}, None
for line in sys.stdin:
    if line.startswith("+++ "):
        name = line[6:].strip() if line.startswith("+++ b/") else None
    elif line.startswith("@@") and name:
        m = re.match(r"@@ -\S+ \+(\d+)(?:,(\d+))? @@", line)
        start, count = int(m.group(1)), int(m.group(2) or 1)
        if count:
            files.setdefault(name, []).append([start, start + count - 1])
print(json.dumps([{"name": n, "lines": r} for n, r in files.items()]))')
    [ "$filter" != "[]" ] || { echo "check-tidy: no C++ lines changed"; exit 0; }
    line_filter=("--line-filter=$filter")
  fi
  while read -r f; do
    case $f in
      *.cc) candidates+=("$f") ;;
      *.h) [ -f "${f%.h}.cc" ] && candidates+=("${f%.h}.cc") ;;
    esac
  done < <(git diff --name-only --diff-filter=d "$base" -- '*.cc' '*.h')
fi

declare -A in_build=()
for f in "${known[@]}"; do in_build[$f]=1; done
files=()
for f in "${candidates[@]}"; do
  if [ -n "${in_build[$f]:-}" ]; then files+=("$f"); else echo "check-tidy: not in the build, skipped: $f"; fi
done
mapfile -t files < <(printf '%s\n' "${files[@]}" | sed '/^$/d' | sort -u)
if [ "${#files[@]}" -eq 0 ]; then
  echo "check-tidy: nothing to check"
  exit 0
fi

echo "check-tidy: ${#files[@]} file(s) with $tidy, $jobs at a time"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# clang cannot read GCC's precompiled headers: tidy sees the sources without them.
python3 -c '
import json, re, sys
entries = json.load(open(sys.argv[1]))
for e in entries:
    cmd = e["command"]
    cmd = re.sub(r" -include \S*cmake_pch\.hxx", "", cmd)
    cmd = cmd.replace(" -Winvalid-pch", "").replace(" -fpch-preprocess", "")
    e["command"] = cmd
json.dump(entries, open(sys.argv[2], "w"))' "$db" "$work/compile_commands.json"
log=$work/log
status=0
printf '%s\0' "${files[@]}" | xargs -0 -P "$jobs" -n 1 \
  "$tidy" -p "$work" --quiet --extra-arg=-Wno-unknown-warning-option "${line_filter[@]}" \
  >"$log" 2>&1 || status=$?
if [ "$status" -ne 0 ]; then
  grep -E ': (error|warning): ' "$log" | sort -u >&2 || cat "$log" >&2
  echo "check-tidy: findings above (fix them, or NOLINT(check) with a reason)" >&2
  exit 1
fi
echo "check-tidy: clean"
