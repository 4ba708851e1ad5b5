#!/usr/bin/env bash
# Stops everything cluster/up.sh started: see cluster/ctl.sh and docs/deployment.md.
exec "$(dirname "$0")/ctl.sh" down
