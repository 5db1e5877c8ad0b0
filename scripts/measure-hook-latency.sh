#!/usr/bin/env bash
# Measures what a user waits for: the installed sendemail-validate hook, from start to exit, on one typical patch,
# with the published ReadyToRun build. Target: <= 150 ms. Uses hyperfine when installed (apt-get install hyperfine),
# else a bash loop reporting the mean and the slowest of N runs.
#   scripts/measure-hook-latency.sh [patch] [runs]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
patch=$(realpath "${1:-$root/../shared/corpus/git/0001.patch}")
runs=${2:-30}

dotnet publish "$root/src/DiffLint.Cli" -p:PublishProfile=ReadyToRun -v quiet -nologo >/dev/null
difflint="$root/artifacts/difflint/difflint"

repo=$(mktemp -d)
trap 'rm -rf "$repo"' EXIT
export GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1
git -C "$repo" init -q
(cd "$repo" && "$difflint" hook install sendemail-validate >/dev/null)
hook="$repo/.git/hooks/sendemail-validate"

echo "hook: $hook -> $difflint"
echo "patch: $patch ($(wc -c <"$patch") bytes)"
cd "$repo"
if command -v hyperfine >/dev/null 2>&1; then
    # The hook exits 1 when the patch has findings; that is a normal outcome here.
    hyperfine --warmup 3 --runs "$runs" -N -i "$hook $patch"
else
    "$hook" "$patch" 2>/dev/null || true   # warm the file cache
    total=0 worst=0
    for _ in $(seq "$runs"); do
        start=$(date +%s%N)
        "$hook" "$patch" 2>/dev/null || true
        elapsed=$(( ($(date +%s%N) - start) / 1000 ))
        total=$((total + elapsed))
        [ "$elapsed" -gt "$worst" ] && worst=$elapsed
    done
    printf 'hook start to exit over %d runs: mean %d.%01d ms, slowest %d.%01d ms\n' "$runs" \
        $((total / runs / 1000)) $((total / runs % 1000 / 100)) $((worst / 1000)) $((worst % 1000 / 100))
fi
