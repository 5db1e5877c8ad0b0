#!/usr/bin/env bash
# Writes every finding DiffLint makes on the shared corpus to one directory, so a refactoring of rules or of the
# engine can be shown to move none:
#   scripts/findings-snapshot.sh /tmp/before      # on the old code
#   scripts/findings-snapshot.sh /tmp/after       # on the new code
#   diff -r /tmp/before /tmp/after                # empty when nothing moved
# Runs the Release build of the CLI (built first) with --no-tree, in the default, --strict, and each fixed profile.
set -euo pipefail
out=${1:?usage: findings-snapshot.sh OUTDIR}
root=$(cd "$(dirname "$0")/.." && pwd)
corpus=${DIFFLINT_CORPUS:-$root/../shared/corpus}
[ -d "$corpus" ] || { echo "findings-snapshot: no corpus at $corpus" >&2; exit 2; }
dotnet build -c Release "$root/src/DiffLint.Cli" -v q -nologo >/dev/null
bin="$root/src/DiffLint.Cli/bin/Release/net10.0/difflint"
mkdir -p "$out"
inputs=("$corpus"/*.mbox "$corpus"/lists/*.mbox)
bugs=("$corpus"/bugs/*.patch)
seeds=("$root"/../shared/seeds/*)
run() { # NAME ARGS...
  local name=$1; shift
  "$bin" --no-tree -f text "$@" > "$out/$name.txt" 2>&1 || true
}
for mode in default strict kernel qemu uboot; do
  case $mode in
    default) args=() ;;
    strict) args=(--strict) ;;
    *) args=(--profile "$mode" --strict) ;;
  esac
  for input in "${inputs[@]}"; do run "$mode-$(basename "$input" .mbox)" "${args[@]}" "$input"; done
  run "$mode-bugs" "${args[@]}" "${bugs[@]}"
  [ -e "${seeds[0]}" ] && run "$mode-seeds" "${args[@]}" "${seeds[@]}"
done
wc -l "$out"/*.txt | tail -1
