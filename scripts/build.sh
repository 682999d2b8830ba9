#!/usr/bin/env bash
# Configures and builds sipline into ./build (two jobs: the machines have two cores).
set -euo pipefail
cd "$(dirname "$0")/.."
cmake -S . -B build -DCMAKE_BUILD_TYPE="${BUILD_TYPE:-RelWithDebInfo}" -DCMAKE_INSTALL_PREFIX=/usr >/dev/null
cmake --build build -j"${JOBS:-2}"
