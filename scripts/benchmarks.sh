#!/usr/bin/env bash
# The benchmarks issue 15's closing note asks for, on the published build (the ReadyToRun publish profile, as a hook and
# a bot run it). Each figure is printed with the load average of the moment beside it: on a shared machine a figure
# taken under load is an upper bound, not a measurement of DiffLint alone.
#
#   scripts/benchmarks.sh [archive] [scaling] [hook] [checkpatch]     (none: all four)
#
#   archive     a 250 MB and a 16 MB mbox built from the shared mboxes (cycled whole, in /tmp): wall time, MB/s and
#               peak RSS (/usr/bin/time -v) of one run on both cores, and RSS(250) - RSS(16)
#   scaling     -j 1 against -j 2 on the 250 MB archive: the speed-up
#   hook        scripts/measure-hook-latency.sh: the installed sendemail-validate hook, start to exit, median
#   checkpatch  one process per patch on 200 corpus patches, DiffLint against the kernel's checkpatch.pl (Debian's
#               linux-source-6.12, unpacked into a cache by scripts/checkpatch-script.sh): the ratio of total wall and
#               of total CPU time
#
# DIFFLINT_BIN=path runs that build instead of publishing the ReadyToRun profile (artifacts/difflint/difflint);
# DIFFLINT_BENCH_MB="16 250" sets the two archive sizes (MB).
# Temporary files go to $TMPDIR (default /tmp) and are removed at the end; nothing is written into the repository but
# the published build.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
corpus=${DIFFLINT_CORPUS:-$root/../shared/corpus}
[ -d "$corpus" ] || { echo "benchmarks: no corpus at $corpus" >&2; exit 2; }
work=$(mktemp -d "${TMPDIR:-/tmp}/difflint-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
tasks=("$@")
read -r small_mb big_mb <<<"${DIFFLINT_BENCH_MB:-16 250}"
patches=${DIFFLINT_BENCH_PATCHES:-200}
[ ${#tasks[@]} -gt 0 ] || tasks=(archive scaling hook checkpatch)

if [ -n "${DIFFLINT_BIN:-}" ]; then
    difflint=$DIFFLINT_BIN
else
    dotnet publish "$root/src/DiffLint.Cli" -p:PublishProfile=ReadyToRun -v quiet -nologo >/dev/null
    difflint=$root/artifacts/difflint/difflint
fi

load() { cut -d' ' -f1-3 /proc/loadavg; }
say() { printf '%-44s %s   [load %s]\n' "$1" "$2" "$(load)"; }

# mbox NAME MB: whole shared mboxes, cycled in a fixed order, until the file holds at least MB megabytes.
mbox() {
    local out=$work/$1.mbox target=$(($2 * 1000 * 1000))
    [ -f "$out" ] && { echo "$out"; return; }
    local sources=("$corpus"/*.mbox "$corpus"/lists/*.mbox)
    : >"$out"
    while [ "$(stat -c %s "$out")" -lt "$target" ]; do
        for source in "${sources[@]}"; do
            cat "$source" >>"$out"
            printf '\n' >>"$out"   # the next "From " line starts a line of its own
            [ "$(stat -c %s "$out")" -ge "$target" ] && break
        done
    done
    echo "$out"
}

# timed NAME ARGS...: runs difflint once under /usr/bin/time -v; sets wall and cpu (user + system, s), rss (MiB).
timed() {
    local name=$1; shift
    /usr/bin/time -v -o "$work/$name.time" "$difflint" --no-tree "$@" >/dev/null 2>"$work/$name.err" || true
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; print s }' "$work/$name.time")
    cpu=$(awk -F': ' '/User time|System time/ { s += $2 } END { print s }' "$work/$name.time")
    rss=$(awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$work/$name.time")
}

megabytes() { awk -v b="$(stat -c %s "$1")" 'BEGIN { printf "%.1f", b / 1e6 }'; }

archive() {
    local input mb rss_small=0
    for input in "$(mbox "archive$small_mb" "$small_mb")" "$(mbox "archive$big_mb" "$big_mb")"; do
        mb=$(megabytes "$input")
        timed archive "$input"
        say "archive $mb MB, both cores:" "$(printf '%.2f s wall (%.1f MB/s), %.2f s CPU, peak RSS %s MiB' "$wall" \
            "$(echo "$mb / $wall" | bc -l)" "$cpu" "$rss")"
        [ "$rss_small" -gt 0 ] && say "RSS($big_mb MB) - RSS($small_mb MB):" "$((rss - rss_small)) MiB"
        rss_small=$rss
    done
}

scaling() {
    local input one two
    input=$(mbox "archive$big_mb" "$big_mb")
    timed j1 -j 1 "$input"; one=$wall
    say "-j 1 on $(megabytes "$input") MB:" "$(printf '%.2f s wall, %.2f s CPU, peak RSS %s MiB' "$wall" "$cpu" "$rss")"
    timed j2 -j 2 "$input"; two=$wall
    say "-j 2 on $(megabytes "$input") MB:" "$(printf '%.2f s wall, %.2f s CPU, peak RSS %s MiB' "$wall" "$cpu" "$rss")"
    say "-j 2 speed-up:" "$(printf '%.2fx' "$(echo "$one / $two" | bc -l)")"
}

hook() {
    DIFFLINT_BIN=$difflint "$root/scripts/measure-hook-latency.sh" "$root/../shared/corpus/git/0001.patch" "${DIFFLINT_BENCH_HOOK_RUNS:-30}" | tail -n 3
}

# The patches (200, or DIFFLINT_BENCH_PATCHES): kernel-profile patch files of the oracle's timing list, in name order, one in every few so that
# every project is in.
checkpatch() {
    local checkpatch list=$work/patches tool
    checkpatch=$("$root/scripts/checkpatch-script.sh")
    awk -F'\t' 'NR > 1 && $2 == "kernel" && $1 ~ /\.patch$/' "$corpus/oracle/timing.tsv" | cut -f1 | sort -u > "$work/all"
    awk -v n="$(wc -l < "$work/all")" -v want="$patches" 'NR % int(n / want) == 0' "$work/all" | head -n "$patches" > "$list"
    mkdir -p "$work/run"
    # One process per patch, as b4 and the hooks run them, from a directory outside any git work tree.
    run_one() { # TOOL PATCH
        if [ "$1" = checkpatch ]; then perl "$checkpatch" --no-tree --show-types --terse --color=never "$corpus/$2"
        else "$difflint" --no-tree --format checkpatch "$corpus/$2"; fi
    }
    export -f run_one; export checkpatch difflint corpus
    # Alternated twice; the faster of each tool's two passes counts (load from other users only ever adds time).
    declare -A best_wall best_cpu
    for _ in 1 2; do
        for tool in checkpatch difflint; do
            (cd "$work/run" && /usr/bin/time -f '%e %U %S' -o "$work/$tool.time" \
                bash -c 'while read -r p; do run_one "$0" "$p" >/dev/null 2>&1 || true; done < '"$list" "$tool")
            read -r wall user sys < "$work/$tool.time"
            cpu=$(echo "$user + $sys" | bc -l)
            if [ -z "${best_wall[$tool]:-}" ] || [ "$(echo "$wall < ${best_wall[$tool]}" | bc -l)" = 1 ]; then best_wall[$tool]=$wall; fi
            if [ -z "${best_cpu[$tool]:-}" ] || [ "$(echo "$cpu < ${best_cpu[$tool]}" | bc -l)" = 1 ]; then best_cpu[$tool]=$cpu; fi
        done
    done
    local n; n=$(wc -l < "$list")
    for tool in checkpatch difflint; do
        say "$tool, $n processes:" "$(printf '%.2f s wall (%.0f ms each), %.2f s CPU' "${best_wall[$tool]}" \
            "$(echo "${best_wall[$tool]} * 1000 / $n" | bc -l)" "${best_cpu[$tool]}")"
    done
    say "checkpatch.pl / DiffLint:" "$(printf '%.2fx wall, %.2fx CPU' "$(echo "${best_wall[checkpatch]} / ${best_wall[difflint]}" | bc -l)" \
        "$(echo "${best_cpu[checkpatch]} / ${best_cpu[difflint]}" | bc -l)")"
}

echo "difflint: $difflint; $(nproc) cores; $(date -u +%FT%TZ)"
for task in "${tasks[@]}"; do
    case $task in
        archive|scaling|hook|checkpatch) "$task" ;;
        *) echo "benchmarks: unknown task '$task' (archive, scaling, hook, checkpatch)" >&2; exit 2 ;;
    esac
done
