#!/usr/bin/env bash
# Measures what a user waits for: the installed sendemail-validate hook, from start to exit, on one typical patch,
# with the published ReadyToRun build. Target (issue 15): a median of at most 100 ms. Uses hyperfine when installed
# (apt-get install hyperfine), else a bash loop. Prints the median, mean and slowest run, and the CPU time per run (user
# + system, which other users of a shared machine change less than the wall time), with the load average beside them:
# once served by the hook server (what every run after a build's first does) and once as the hook's own run
# (DIFFLINT_HOOK_SERVER=0: the first run, or hooks with servers off). The server lives in a folder of this script's
# own and is stopped at the end.
#   scripts/measure-hook-latency.sh [patch] [runs]
# DIFFLINT_BIN=path measures that build instead of publishing the ReadyToRun profile (artifacts/difflint/difflint).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
patch=$(realpath "${1:-$root/../shared/corpus/git/0001.patch}")
runs=${2:-30}

if [ -n "${DIFFLINT_BIN:-}" ]; then
    difflint=$(realpath "$DIFFLINT_BIN")
else
    dotnet publish "$root/src/DiffLint.Cli" -p:PublishProfile=ReadyToRun -v quiet -nologo >/dev/null
    difflint="$root/artifacts/difflint/difflint"
fi

repo=$(mktemp -d)
export DIFFLINT_HOOK_SERVER_DIR="$repo/server"
mkdir -m 700 "$DIFFLINT_HOOK_SERVER_DIR"
trap '"$difflint" hook serve --stop >/dev/null 2>&1; rm -rf "$repo"' EXIT
export GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1
git -C "$repo" init -q
(cd "$repo" && "$difflint" hook install sendemail-validate >/dev/null)
hook="$repo/.git/hooks/sendemail-validate"

echo "hook: $hook -> $difflint"
echo "patch: $patch ($(wc -c <"$patch") bytes)"
cd "$repo"
"$hook" "$patch" >/dev/null 2>&1 || true   # warm the file cache, and start the server
for _ in $(seq 600); do compgen -G "$DIFFLINT_HOOK_SERVER_DIR/*.sock" >/dev/null && break; sleep 0.1; done
# CPU time of the runs: the children's user + system time around the loop, divided by the number of runs. A served
# run's CPU is the client's and the server's: the server's is read from /proc (its utime + stime, in clock ticks).
server_ticks() {
    local pid
    pid=$(pgrep -f -- "$difflint hook serve" | head -n 1) || { echo 0; return; }
    awk '{ print $14 + $15 }' "/proc/$pid/stat" 2>/dev/null || echo 0
}
cpu_per_run() { # COMMAND...
    local before after
    before=$(server_ticks)
    /usr/bin/time -f '%U %S' -o "$repo/cpu" bash -c 'for _ in $(seq '"$runs"'); do "$@" >/dev/null 2>&1 || true; done' _ "$@"
    after=$(server_ticks)
    awk -v n="$runs" -v server=$(( after - before )) -v hz="$(getconf CLK_TCK)" '{ printf "%.1f", (($1 + $2) + server / hz) * 1000 / n }' "$repo/cpu"
}
measure() { # LABEL
    if command -v hyperfine >/dev/null 2>&1; then
        # The hook exits 1 when the patch has findings; that is a normal outcome here.
        hyperfine --warmup 3 --runs "$runs" -N -i --style none --export-json "$repo/runs.json" "$hook $patch" >/dev/null 2>&1
        read -r median mean worst < <(jq -r '.results[0] | "\(.median * 1000) \(.mean * 1000) \(.max * 1000)"' "$repo/runs.json")
    else
        times=()
        for _ in $(seq "$runs"); do
            start=$(date +%s%N)
            "$hook" "$patch" >/dev/null 2>&1 || true
            times+=($(( ($(date +%s%N) - start) / 1000 )))
        done
        read -r median mean worst < <(printf '%s\n' "${times[@]}" | sort -n | awk '{ t[NR] = $1; s += $1 }
            END { m = NR % 2 ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2; print m / 1000, s / NR / 1000, t[NR] / 1000 }')
    fi
    cpu=$(cpu_per_run "$hook" "$patch")
    printf 'hook start to exit, %s, over %d runs: median %.1f ms, mean %.1f ms, slowest %.1f ms; CPU %s ms per run   [load %s]\n' \
        "$1" "$runs" "$median" "$mean" "$worst" "$cpu" "$(cut -d' ' -f1-3 /proc/loadavg)"
}
measure "served by the hook server"
DIFFLINT_HOOK_SERVER=0 measure "the hook's own run (DIFFLINT_HOOK_SERVER=0)"
