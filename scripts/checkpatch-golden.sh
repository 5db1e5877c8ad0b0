#!/usr/bin/env bash
# Writes the expected side of tests/DiffLint.Tests/Reporting/CheckpatchGoldenTests.cs: runs the kernel's
# scripts/checkpatch.pl (scripts/checkpatch-script.sh finds or fetches it) on every case of
# testdata/checkpatch-golden/cases.tsv and stores its standard output as NAME.checkpatch.txt and its exit code in
# exit-codes.tsv. Only the script's output is committed, never the script. The script runs from the corpus directory
# (or from a scratch copy of this directory's source files), outside any git work tree, because inside one it checks
# git-tracked inputs as source files.
#   scripts/checkpatch-golden.sh            regenerate every case
#   DIFFLINT_CORPUS=DIR                     the corpus (default: ../shared/corpus beside the repository)
# Then DIFFLINT_ACCEPT=1 dotnet test tests/DiffLint.Tests --filter "FullyQualifiedName~CheckpatchGoldenTests"
# rewrites known-differences.txt.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
script="$("$repo/scripts/checkpatch-script.sh")"
corpus="${DIFFLINT_CORPUS:-$repo/../shared/corpus}"
golden="$repo/testdata/checkpatch-golden"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
cp "$golden"/*.c "$scratch"/

exits="$scratch/exit-codes.tsv"
printf 'name\texit\n' > "$exits"
while IFS=$'\t' read -r name where options inputs; do
  case "$name" in ''|'#'*) continue ;; esac
  directory="$corpus"
  [ "$where" = testdata ] && directory="$scratch"
  [ "$options" = - ] && options=""
  status=0
  # shellcheck disable=SC2086 # options and inputs are word lists
  (cd "$directory" && perl "$script" --no-tree --color=never $options $inputs) > "$golden/$name.checkpatch.txt" 2>/dev/null || status=$?
  printf '%s\t%s\n' "$name" "$status" >> "$exits"
done < "$golden/cases.tsv"
mv "$exits" "$golden/exit-codes.tsv"
