#!/usr/bin/env bash
# Makes sure Debian's haproxy is installed, for the cluster topology (cluster/ctl.sh) and its
# integration tests (src-it/cluster). Does nothing when it is already there.
set -euo pipefail

command -v haproxy >/dev/null && exit 0

fail() {
    echo "install-haproxy: $1" >&2
    echo "install-haproxy: the cluster topology needs Debian's haproxy: install it (apt-get install haproxy)" \
         "or skip the cluster tests with -Dquotecast.skip.cluster" >&2
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

echo "install-haproxy: installing haproxy (Debian package)"
"${as_root[@]}" apt-get update -qq || fail "apt-get update failed"
DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq haproxy >/dev/null \
    || fail "apt-get install haproxy failed"
command -v haproxy >/dev/null || fail "installed, but haproxy is not on the PATH"
echo "install-haproxy: $(haproxy -v | head -n 1)"
