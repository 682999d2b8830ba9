#!/usr/bin/env bash
# Regenerates plugins/<name>/REFERENCE.md from each built plugin's own declarations
# (sipline --describe-plugin); a test fails when a committed page differs from its plugin.
# Usage: scripts/plugin-reference.sh [build-dir]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
for dir in plugins/*/; do
  name=$(basename "$dir")
  [ -f "$build/plugins-out/$name.so" ] || continue
  "$build/daemon/sipline" --plugin-dir "$build/plugins-out" --describe-plugin "$name" > "$dir/REFERENCE.md"
  echo "wrote $dir/REFERENCE.md"
done
