#!/usr/bin/env bash
# Makes sure Debian's haproxy is installed, for the cluster topology (cluster/ctl.sh) and its
# integration tests (src-it/cluster). Does nothing when it is already there.
set -euo pipefail

command -v haproxy >/dev/null && exit 0
"$(dirname "$0")/../.ci/apt-install.sh" install-haproxy "the cluster topology and its tests" \
    "skip the cluster tests with -Dquotecast.skip.cluster" haproxy
if ! command -v haproxy >/dev/null; then
    echo "install-haproxy: installed, but haproxy is not on the PATH" >&2
    exit 1
fi
echo "install-haproxy: $(haproxy -v | head -n 1)"
