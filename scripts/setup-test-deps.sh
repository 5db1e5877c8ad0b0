#!/usr/bin/env bash
# Installs what the tests run besides .NET: git (corpus tests compare with `git apply --numstat`), git-email
# (hook tests run the real `git send-email --dry-run --validate`) and codespell (the spelling rules read its
# dictionary; their codespell tests are skipped, with the reason, without it). Debian/Ubuntu packages through apt-get.
# When git-email cannot be installed, the reason is written to .ci/git-email-unavailable: the send-email tests are
# then skipped with that reason instead of failing; on success the file is removed.
set -uo pipefail
cd "$(dirname "$0")/.."
marker=.ci/git-email-unavailable

has_send_email() { command -v git >/dev/null 2>&1 && [ -x "$(git --exec-path)/git-send-email" ]; }

apt_install() {
    command -v apt-get >/dev/null 2>&1 || { echo "apt-get not available"; return 1; }
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo -n"
    # Another apt run may hold the dpkg lock for a while on a shared machine.
    $sudo apt-get -o DPkg::Lock::Timeout=300 update -qq >/dev/null 2>&1
    $sudo apt-get -o DPkg::Lock::Timeout=300 install -y -qq "$@" 2>&1 | tail -n 3
    return "${PIPESTATUS[0]}"
}

if ! command -v git >/dev/null 2>&1; then
    apt_install git >/dev/null || echo "warning: could not install git" >&2
fi

has_codespell_dictionary() {
    [ -f /usr/share/codespell/dictionary.txt ] || [ -f /usr/lib/python3/dist-packages/codespell_lib/data/dictionary.txt ]
}

if ! has_codespell_dictionary; then
    apt_install codespell >/dev/null || echo "warning: could not install codespell; the codespell spelling tests will be skipped" >&2
fi

if has_send_email; then
    rm -f "$marker"
else
    reason=$(apt_install git-email)
    has_codespell_dictionary() {
    [ -f /usr/share/codespell/dictionary.txt ] || [ -f /usr/lib/python3/dist-packages/codespell_lib/data/dictionary.txt ]
}

if ! has_codespell_dictionary; then
    apt_install codespell >/dev/null || echo "warning: could not install codespell; the codespell spelling tests will be skipped" >&2
fi

if has_send_email; then
        rm -f "$marker"
    else
        echo "apt-get install git-email failed: ${reason:-no output}" | tr '\n' ' ' > "$marker"
        echo "warning: git send-email is not available; its tests will be skipped ($(cat "$marker"))" >&2
    fi
fi
