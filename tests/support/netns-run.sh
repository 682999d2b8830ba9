#!/usr/bin/env bash
# Runs a command inside a fresh network namespace whose only interface is loopback, so a test
# that forwards messages naming arbitrary hosts can never send anything off this machine.
set -euo pipefail
if [ "${SIPLINE_IN_NETNS:-}" = 1 ]; then exec "$@"; fi
exec unshare --net -- env SIPLINE_IN_NETNS=1 bash -c 'ip link set lo up && exec "$@"' netns-run "$@"
