#!/usr/bin/env bash
# Configures and builds sipline into ./build (two jobs: the machines have two cores).
# SIPLINE_BUILD_TESTS=OFF builds only what is installed (daemon, siplinectl, plugins, SDK).
set -euo pipefail
cd "$(dirname "$0")/.."
cmake -S . -B build -DCMAKE_BUILD_TYPE="${BUILD_TYPE:-RelWithDebInfo}" -DCMAKE_INSTALL_PREFIX=/usr \
  -DSIPLINE_BUILD_TESTS="${SIPLINE_BUILD_TESTS:-ON}" >/dev/null
cmake --build build -j"${JOBS:-2}"
