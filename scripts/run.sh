#!/usr/bin/env bash
# Installs what is missing, builds, and starts sipline with conf/sipline.toml (or $1).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
scripts/build.sh
exec build/daemon/sipline --config "${1:-conf/sipline.toml}" --plugin-dir build/plugins-out
