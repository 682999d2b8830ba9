#!/usr/bin/env bash
# Bounded libFuzzer run over the SIP parser and the sanity plugin, under ASan and UBSan.
# Installs what is missing (scripts/deps.sh, clang and libclang-rt-14-dev included), configures its
# own clang build directory, builds only the fuzzer, runs it, and exits non-zero on any finding
# (crash, sanitizer report, leak, timeout, out-of-memory, a reply SIP forbids).
#
#   scripts/fuzz-sanity.sh                        # 60 s in build-fuzz/
#   SANITY_FUZZ_SECONDS=600 scripts/fuzz-sanity.sh
#
# Environment: SANITY_FUZZ_SECONDS (60), SANITY_FUZZ_BUILD_DIR (<repo>/build-fuzz),
# SANITY_FUZZ_JOBS (build parallelism, 2).
# A finding's input is left in <build dir>/tests/plugins/sanity/fuzz/findings/; once fixed, copy
# it to tests/fixtures/sip/sanity/fuzz/ so that sanity_corpus_test replays it on every build.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
build=${SANITY_FUZZ_BUILD_DIR:-$root/build-fuzz}
seconds=${SANITY_FUZZ_SECONDS:-60}
jobs=${SANITY_FUZZ_JOBS:-2}

if ! [[ $seconds =~ ^[1-9][0-9]*$ ]]; then
  echo "fuzz-sanity: SANITY_FUZZ_SECONDS must be a positive number of seconds, got '$seconds'" >&2
  exit 2
fi

"$root/scripts/deps.sh" # clang and libclang-rt-14-dev (libFuzzer, the sanitizers) among them

cmake -S "$root" -B "$build" \
  -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DSIPLINE_SANITY_FUZZER=ON -DSIPLINE_SANITY_FUZZ_SECONDS="$seconds"
cmake --build "$build" -j "$jobs" --target sanity_fuzzer

findings=$build/tests/plugins/sanity/fuzz/findings
rm -f "$findings"/* 2>/dev/null || true
status=0
ctest --test-dir "$build" -R '^SanityFuzzer\.Bounded$' --output-on-failure || status=$?
# libFuzzer's own figures: executions, time, coverage.
grep -E 'Done [0-9]+ runs|stat::' "$build/Testing/Temporary/LastTest.log" || true

# libFuzzer stops at the first finding with a non-zero exit; an artifact left behind is one too.
if [ -n "$(ls -A "$findings" 2>/dev/null)" ]; then
  echo "fuzz-sanity: findings in $findings:" >&2
  ls -l "$findings" >&2
  [ "$status" -ne 0 ] || status=1
fi
if [ "$status" -ne 0 ]; then
  echo "fuzz-sanity: FAILED" >&2
  exit "$status"
fi
echo "fuzz-sanity: no finding in ${seconds} s"
