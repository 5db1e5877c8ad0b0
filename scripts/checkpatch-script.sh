#!/usr/bin/env bash
# Prints the path of the kernel's scripts/checkpatch.pl, fetching Debian's linux-source-6.12 package and unpacking only
# scripts/{checkpatch.pl,spelling.txt,const_structs.checkpatch} into a cache directory the first time. Used by the
# evaluation and benchmark scripts; never by the tests, and nothing of it is committed.
set -euo pipefail
cache="${DIFFLINT_CHECKPATCH_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/difflint/linux-source-6.12}"
script="$cache/linux-source-6.12/scripts/checkpatch.pl"
if [ ! -f "$script" ]; then
  mkdir -p "$cache"
  (
    cd "$cache"
    apt-get download linux-source-6.12 >&2
    dpkg-deb --fsys-tarfile linux-source-6.12_*.deb | tar -xO ./usr/src/linux-source-6.12.tar.xz \
      | tar -xJ linux-source-6.12/scripts/checkpatch.pl linux-source-6.12/scripts/spelling.txt \
          linux-source-6.12/scripts/const_structs.checkpatch
    rm -f linux-source-6.12_*.deb
  )
fi
echo "$script"
