#!/usr/bin/env bash
# Leak check: the soak's mixed traffic (tests/soak/) for a short, bounded run against a daemon
# under LeakSanitizer (the ASan + UBSan build, default) or valgrind (the plain build), then a
# clean SIGTERM shutdown. Fails unless the daemon exits 0 with no leak or memory error reported
# (ASan/LSan/UBSan: no report at all; valgrind: nothing "definitely" or "indirectly" lost and no
# error), and every sipp call succeeded with the counters adding up, as in the soak.
# Runs inside a loopback-only network namespace (needs root).
#
#   scripts/leak-check.sh                      # 60 s under ASan/LSan, build in build-asan/
#   LEAK_TOOL=valgrind scripts/leak-check.sh   # under valgrind, build in build-soak/
#   LEAK_SECONDS=30 scripts/leak-check.sh
#
# Environment: LEAK_TOOL (asan | valgrind), LEAK_SECONDS (60), LEAK_BUILD_DIR (build-asan/ or
# build-soak/), OPTIONS_RATE, RELAY_RATE, FORWARD_RATE, TCP_RATE (per second; lower defaults
# than the soak, a tenth of those again under valgrind, which runs the daemon ~30x slower).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
tool=${LEAK_TOOL:-asan}
seconds=${LEAK_SECONDS:-60}
case $tool in
  asan) build=${LEAK_BUILD_DIR:-$root/build-asan} scale=1 ;;
  valgrind) build=${LEAK_BUILD_DIR:-$root/build-soak} scale=10 ;;
  *) echo "leak-check: LEAK_TOOL must be asan or valgrind, got '$tool'" >&2; exit 2 ;;
esac
if ! [[ $seconds =~ ^[1-9][0-9]*$ ]] || [ "$seconds" -gt 3600 ]; then
  echo "leak-check: LEAK_SECONDS must be 1..3600, got '$seconds'" >&2
  exit 2
fi
export OPTIONS_RATE=${OPTIONS_RATE:-$((300 / scale))} RELAY_RATE=${RELAY_RATE:-$((40 / scale))}
export FORWARD_RATE=${FORWARD_RATE:-$((40 / scale))} TCP_RATE=${TCP_RATE:-$((10 / scale))}

if [ "${SIPLINE_IN_NETNS:-}" != 1 ]; then
  "$root/scripts/deps.sh"
  if [ "$tool" = asan ]; then flags=(-DSIPLINE_SANITIZE=ON); else flags=(-DSIPLINE_BUILD_TESTS=OFF); fi
  cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo "${flags[@]}" >/dev/null
  cmake --build "$build" -j"${JOBS:-2}" --target sipline siplinectl maxfwd sl sanity htable >/dev/null
  export LEAK_BUILD_DIR=$build
  exec timeout -k 10 $((seconds + 600)) "$root/tests/support/netns-run.sh" "$0" "$@"
fi

# ---- inside the namespace -------------------------------------------------------------------
source "$root/tests/soak/traffic.sh"
ctl=$build/daemon/siplinectl/siplinectl
run=$(mktemp -d /tmp/sipline-leak-check.XXXXXX)
socket=$run/control.sock
soak_write_config "$run"
daemon=("$build/daemon/sipline" -c "$run/sipline.toml" --plugin-dir "$build/plugins-out")
if [ "$tool" = asan ]; then
  # Reports go to files: a report is a failure whatever the exit status says.
  export ASAN_OPTIONS="detect_leaks=1:halt_on_error=1:log_path=$run/asan"
  export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:log_path=$run/ubsan"
  grep -q SIPLINE_SANITIZE:BOOL=ON "$build/CMakeCache.txt" ||
    { echo "leak-check: $build is not a -DSIPLINE_SANITIZE=ON build" >&2; exit 2; }
else
  daemon=(valgrind --leak-check=full --show-leak-kinds=definite,indirect --errors-for-leak-kinds=definite,indirect
    --error-exitcode=99 --num-callers=30 --log-file="$run/valgrind.log" "${daemon[@]}")
fi

"${daemon[@]}" >"$run/daemon.log" 2>&1 &
daemon_pid=$!
trap 'soak_stop_traffic; kill -KILL "$daemon_pid" 2>/dev/null || true' EXIT
for _ in $(seq 300); do # valgrind needs seconds to start
  "$ctl" -s "$socket" core.version >/dev/null 2>&1 && break
  kill -0 "$daemon_pid" 2>/dev/null || { cat "$run/daemon.log"; echo "leak-check: the daemon did not start" >&2; exit 1; }
  sleep 0.2
done

echo "leak-check: $tool, ${seconds} s, OPTIONS $OPTIONS_RATE/s, relayed calls $RELAY_RATE/s (UDP) + $TCP_RATE/s (TCP)," \
  "forwarded calls $FORWARD_RATE/s; files in $run"
started=$SECONDS
soak_start_traffic "$seconds"
soak_wait_traffic
traffic_seconds=$((SECONDS - started))
drained=0
soak_wait_drained "$ctl" "$socket" 60 || drained=1

printf '  %-52s %14s   %-28s %s\n' CHECK VALUE BOUND RESULT
soak_check "transactions and TCP connections drained" "$([ $drained = 0 ] && echo yes || echo no)" "within 60 s" "$drained"
[ "$tool" = valgrind ] && soak_lenient=1 # traffic figures only: valgrind's verdict is below
soak_check_sipp
soak_check_counters "$ctl" "$socket"
soak_lenient=0
received=$(soak_messages_received "$ctl" "$socket")

trap - EXIT
stop_status=0
kill -TERM "$daemon_pid"
# LeakSanitizer and valgrind do their accounting at exit: give them time.
timeout 120 tail --pid="$daemon_pid" -f /dev/null || { kill -KILL "$daemon_pid"; stop_status=killed; }
if [ "$stop_status" = 0 ]; then wait "$daemon_pid" || stop_status=$?; fi
soak_equal "exit status on SIGTERM" "$stop_status" 0

shopt -s nullglob
if [ "$tool" = asan ]; then
  reports=("$run"/asan.* "$run"/ubsan.*)
  soak_equal "ASan/LSan/UBSan reports" "${#reports[@]}" 0
  for report in "${reports[@]}"; do echo "--- $report"; head -80 "$report"; done
else
  # "definitely lost: 0 bytes in 0 blocks"; with nothing allocated left, only "no leaks are possible".
  summary() {
    if grep -q 'no leaks are possible' "$run/valgrind.log"; then echo 0; return; fi
    grep -o "$1: *[0-9,]* bytes" "$run/valgrind.log" | tail -1 | grep -o '[0-9,]* bytes' | tr -d ', bytes' || true
  }
  soak_equal "valgrind: definitely lost (bytes)" "$(summary 'definitely lost')" 0
  soak_equal "valgrind: indirectly lost (bytes)" "$(summary 'indirectly lost')" 0
  soak_equal "valgrind: errors" "$(grep -o 'ERROR SUMMARY: [0-9]*' "$run/valgrind.log" | tail -1 | grep -o '[0-9]*$')" 0
  grep -E 'definitely|indirectly|possibly|still reachable|ERROR SUMMARY' "$run/valgrind.log" | sed 's/^/  /' | tail -8
fi
errors=$(grep -c ' ERROR \[' "$run/daemon.log" || true)
soak_equal "daemon log: ERROR lines" "$errors" 0

echo "leak-check: $received messages received in ${traffic_seconds} s"
if [ "$soak_failed" != 0 ]; then
  echo "leak-check: FAILED (files in $run)" >&2
  exit 1
fi
echo "leak-check: PASSED ($tool: no leak, no memory error)"
