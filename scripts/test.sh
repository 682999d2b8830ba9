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
# The whole suite again under ASan and UBSan (build-asan/; the daemon, plugins and tests all
# sanitized): any sanitizer report fails. SANITIZED=0 skips it (a local run, not CI).
# -O1 -g1 there: about 40 % less compile time than -O2 -g, with line numbers in reports.
[ "${SANITIZED:-1}" = 0 ] || ASAN_OPT_FLAGS=${ASAN_OPT_FLAGS:--O1 -g1} scripts/test-sanitized.sh
