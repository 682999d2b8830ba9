#!/usr/bin/env bash
# Installs what is missing, builds, and starts sipline with conf/sipline.toml (or $1).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
SIPLINE_BUILD_TESTS=${SIPLINE_BUILD_TESTS:-OFF} scripts/build.sh # the daemon and its plugins, not the tests
exec build/daemon/sipline --config "${1:-conf/sipline.toml}" --plugin-dir build/plugins-out
