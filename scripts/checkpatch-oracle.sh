#!/usr/bin/env bash
# Runs the kernel's scripts/checkpatch.pl (from Debian's linux-source-6.12 package, fetched and unpacked into a cache
# directory outside the repository; nothing of it is committed) over the shared corpus, and writes its findings in the
# corpus oracle's TSV layout (set, project, patch_file, tool, level, type, file_in_patch, line, message).
#
#   scripts/checkpatch-oracle.sh [--strict] [--corpus DIR] [--out FILE]
#
# The evaluation (dotnet run -c Release --project tests/DiffLint.Eval) reads the --strict one from the default path.
# file_in_patch is written as '-': the evaluation pairs kernel rows by input line, not by file.
set -euo pipefail
strict=""
corpus="$(cd "$(dirname "$0")/.." && pwd)/../shared/corpus"
out=""
while [ $# -gt 0 ]; do
  case "$1" in
    --strict) strict="--strict" ;;
    --corpus) corpus="$2"; shift ;;
    --out) out="$2"; shift ;;
    *) echo "checkpatch-oracle.sh: unknown option '$1'" >&2; exit 2 ;;
  esac
  shift
done
[ -n "$out" ] || { out="${XDG_CACHE_HOME:-$HOME/.cache}/difflint/oracle/checkpatch-kernel${strict:+-strict}.tsv"; mkdir -p "$(dirname "$out")"; }

script="$(dirname "$0")/checkpatch-script.sh"
checkpatch="$("$script")"

corpus="$(cd "$corpus" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# Every kernel-style file the oracle covers (timing.tsv lists clean files too).
awk -F'\t' 'NR > 1 && $2 == "kernel" && $1 !~ /^(seabios|libslirp)\//' "$corpus/oracle/timing.tsv" | cut -f1 | sort -u > "$work/files"

# One process per file, from an empty directory outside any git work tree, as the shared oracle was made.
export checkpatch strict corpus work
xargs -P "$(nproc)" -I{} sh -c '
  f="{}"; mkdir -p "$work/run"; cd "$work/run"
  timeout 120 perl "$checkpatch" --no-tree --show-types --terse --color=never $strict "$corpus/$f" 2>/dev/null \
    | sed -n "s|^$corpus/||p" > "$work/$(echo "$f" | tr / _).out" || true' < "$work/files"

{
  printf 'set\tproject\tpatch_file\ttool\tlevel\ttype\tfile_in_patch\tline\tmessage\n'
  for f in $(cat "$work/files"); do
    project="${f%%/*}"; [ "$project" = lists ] && project=watchdog
    o="$work/$(echo "$f" | tr / _).out"
    [ -f "$o" ] || continue
    # FILE:LINE: LEVEL:TYPE: message
    awk -v project="$project" -v f="$f" '
      match($0, /^[^:]+:[0-9]+: (ERROR|WARNING|CHECK):[A-Z0-9_]+: /) {
        rest = $0; sub(/^[^:]+:/, "", rest); line = rest; sub(/:.*/, "", line)
        sub(/^[0-9]+: /, "", rest); level = rest; sub(/:.*/, "", level)
        sub(/^[A-Z]+:/, "", rest); type = rest; sub(/:.*/, "", type)
        sub(/^[A-Z0-9_]+: /, "", rest); gsub(/\t/, " ", rest)
        printf "visible\t%s\t%s\tkernel\t%s\t%s\t-\t%s\t%s\n", project, f, level, type, line, rest
      }' "$o"
  done
} > "$out"
echo "$(($(wc -l < "$out") - 1)) findings from $(wc -l < "$work/files") files -> $out" >&2
