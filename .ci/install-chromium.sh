#!/usr/bin/env bash
# Makes sure Debian's chromium and chromium-driver are installed, for the browser tests
# (src-it/src/test/java/io/quotecast/it/browser). Run by `mvn verify` in src-it/wildfly before
# the integration tests; does nothing when both are already there.
set -euo pipefail

if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
    exit 0
fi

fail() {
    echo "install-chromium: $1" >&2
    echo "install-chromium: the browser tests need Debian's chromium and chromium-driver:" \
         "install them (apt-get install chromium chromium-driver) or skip the integration tests with -DskipITs" >&2
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

echo "install-chromium: installing chromium and chromium-driver (Debian packages)"
"${as_root[@]}" apt-get update -qq || fail "apt-get update failed"
DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq chromium chromium-driver >/dev/null \
    || fail "apt-get install chromium chromium-driver failed"
[ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ] || fail "installed, but /usr/bin/chromium or /usr/bin/chromedriver is missing"
echo "install-chromium: $(/usr/bin/chromium --version 2>/dev/null | tail -n 1)"
