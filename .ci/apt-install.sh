#!/usr/bin/env bash
# Installs Debian packages that the build needs, as root or with password-less sudo, or stops
# with a message saying what needs them and how to do without:
#
#   apt-install.sh NAME "WHAT NEEDS THEM" "HOW TO DO WITHOUT" PACKAGE...
#
# Used by .ci/install-chromium.sh (browser tests) and cluster/install-haproxy.sh (cluster tests).
set -euo pipefail

name=$1
needed_by=$2
without=$3
shift 3
packages=("$@")

fail() {
    echo "$name: $1" >&2
    echo "$name: $needed_by need Debian's ${packages[*]}: install them (apt-get install ${packages[*]}) or $without" >&2
    exit 1
}

command -v apt-get >/dev/null || fail "apt-get not found (not a Debian-based machine)"
if [ "$(id -u)" -eq 0 ]; then
    as_root=()
elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
    as_root=(sudo -n)
else
    fail "not root, and no password-less sudo"
fi

echo "$name: installing ${packages[*]} (Debian packages)"
"${as_root[@]}" apt-get update -qq || fail "apt-get update failed"
DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq "${packages[@]}" >/dev/null \
    || fail "apt-get install ${packages[*]} failed"
