#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test (unit and end to end).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
scripts/build.sh
(cd build && ctest --output-on-failure --timeout 600 -j"${JOBS:-2}")
# The sanity fuzzer, bounded (60 s unless SANITY_FUZZ_SECONDS says otherwise): a finding fails.
scripts/fuzz-sanity.sh
# The config, condition and JSON-RPC fuzzers, 15 s each (FUZZ_SECONDS).
FUZZ_SECONDS=${FUZZ_SECONDS:-15} scripts/fuzz-core.sh
