#!/usr/bin/env bash
# The whole test suite (unit and end to end), with everything built under AddressSanitizer
# and UndefinedBehaviorSanitizer (-DSIPLINE_SANITIZE=ON, g++) in build-asan/: the daemon the
# end-to-end tests start, the plugins it dlopens, the tests themselves. Any sanitizer report from
# any process fails the run, even from a daemon whose exit code no test looks at.
#
#   scripts/test-sanitized.sh              # configure, build (JOBS=2), run ctest
#   ASAN_BUILD_DIR=/tmp/b scripts/test-sanitized.sh -R Relay   # extra arguments go to ctest
#
# Environment: ASAN_BUILD_DIR (<repo>/build-asan), JOBS (2), ASAN_BUILD_TYPE (RelWithDebInfo),
# ASAN_OPT_FLAGS (unset: RelWithDebInfo's -O2 -g).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${ASAN_BUILD_DIR:-$root/build-asan}
jobs=${JOBS:-2}

"$root/scripts/deps.sh"

started=$SECONDS
# ASAN_OPT_FLAGS (e.g. "-O1 -g1") replaces RelWithDebInfo's "-O2 -g": about 40 % less compile time.
opt=()
[ -z "${ASAN_OPT_FLAGS:-}" ] || opt=(-DCMAKE_CXX_FLAGS_RELWITHDEBINFO="$ASAN_OPT_FLAGS -DNDEBUG"
  -DCMAKE_C_FLAGS_RELWITHDEBINFO="$ASAN_OPT_FLAGS -DNDEBUG")
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE="${ASAN_BUILD_TYPE:-RelWithDebInfo}" -DSIPLINE_SANITIZE=ON "${opt[@]}" >/dev/null
cmake --build "$build" -j"$jobs"
built=$SECONDS

# Every sanitized process writes its reports to <reports>/<tool>.<pid> instead of stderr: the
# daemons' stderr goes to log files in the tests' temporary folders, removed after the test.
reports=$build/sanitizer-reports
rm -rf "$reports"
mkdir -p "$reports"
# g++ links libasan.so into the daemon and, with -z defs, into every plugin .so as well, so a
# dlopen'ed plugin shares the runtime the executable loaded first: no LD_PRELOAD is needed (it
# would only be needed to load a sanitized plugin into an unsanitized host, which no test does).
# detect_leaks: LeakSanitizer at every sanitized process's exit (the daemon on SIGTERM too).
# halt_on_error / -fno-sanitize-recover: the first report ends the process with a failure.
export ASAN_OPTIONS="detect_leaks=1:halt_on_error=1:abort_on_error=0:detect_stack_use_after_return=1:check_initialization_order=1:strict_init_order=1:log_path=$reports/asan"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:log_path=$reports/ubsan"

# Packaging.InstallRunRemove is left out: it builds .debs from this tree and installs them into
# /usr with apt, and sanitized binaries are never packaged (they would need libasan at run time
# and an ASan-aware environment under systemd). What it checks (package metadata, conffiles,
# ABI dependencies) does not depend on compiler flags and runs in the normal suite of the same CI.
status=0
(cd "$build" && ctest --output-on-failure --timeout 600 -j"$jobs" -LE packaging "$@") || status=$?
finished=$SECONDS

shopt -s nullglob
found=("$reports"/*)
if [ ${#found[@]} -gt 0 ]; then
  echo "test-sanitized: ${#found[@]} sanitizer report(s) in $reports:" >&2
  for report in "${found[@]}"; do
    echo "--- $report" >&2
    head -60 "$report" >&2
  done
  status=1
fi
echo "test-sanitized: build $((built - started)) s, tests $((finished - built)) s"
if [ "$status" -ne 0 ]; then
  echo "test-sanitized: FAILED" >&2
  exit "$status"
fi
echo "test-sanitized: every test passed under ASan and UBSan, no sanitizer report"
