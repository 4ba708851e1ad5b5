#!/usr/bin/env bash
# Makes sure Debian's chromium and chromium-driver are installed, for the browser tests
# (src-it/src/test/java/io/quotecast/it/browser). Run by `mvn verify` in src-it/wildfly before
# the integration tests; does nothing when both are already there.
set -euo pipefail

if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
    exit 0
fi
"$(dirname "$0")/apt-install.sh" install-chromium "the browser tests" \
    "skip the integration tests with -DskipITs" chromium chromium-driver
if ! [ -x /usr/bin/chromium ] || ! [ -x /usr/bin/chromedriver ]; then
    echo "install-chromium: installed, but /usr/bin/chromium or /usr/bin/chromedriver is missing" >&2
    exit 1
fi
echo "install-chromium: $(/usr/bin/chromium --version 2>/dev/null | tail -n 1)"
