#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test (unit and end to end).
#
# By default (CI) the suite runs once, with everything built under ASan and UBSan
# (scripts/test-sanitized.sh, build-asan/): every test, the daemons the end-to-end tests start
# included, and any sanitizer report fails. The optimised build in build/ is then only what
# gets packaged, and the package test installs, runs and purges it (needs root). Building the
# suite twice, optimised and sanitized, took longer than CI's 20 minutes on two cores.
# SANITIZED=0 (a quick local run) builds the suite optimised in build/ and runs it there instead.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
if [ "${SANITIZED:-1}" = 0 ]; then
  scripts/build.sh
  (cd build && ctest --output-on-failure --timeout 600 -j"${JOBS:-2}")
else
  SIPLINE_BUILD_TESTS=OFF scripts/build.sh
  tests/packaging/packages_test.sh build
  # -O1 -g1: about 40 % less compile time than -O2 -g, with line numbers in reports.
  ASAN_OPT_FLAGS=${ASAN_OPT_FLAGS:--O1 -g1} scripts/test-sanitized.sh
fi
# The sanity fuzzer, bounded (60 s unless SANITY_FUZZ_SECONDS says otherwise): a finding fails.
scripts/fuzz-sanity.sh
# The config, condition and JSON-RPC fuzzers, 15 s each (FUZZ_SECONDS).
FUZZ_SECONDS=${FUZZ_SECONDS:-15} scripts/fuzz-core.sh
