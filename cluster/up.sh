#!/usr/bin/env bash
# Brings the local cluster topology up: see cluster/ctl.sh and docs/deployment.md.
exec "$(dirname "$0")/ctl.sh" up
