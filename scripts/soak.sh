#!/usr/bin/env bash
# Soak: sipline under steady mixed traffic for MINUTES (default 10), below its capacity, inside a
# loopback-only network namespace (needs root, like the end-to-end tests). The traffic and the
# config are in tests/soak/ (see its README): OPTIONS answered locally, calls relayed statefully
# and forwarded statelessly to sipp callees, over UDP and TCP, through maxfwd, sanity and htable.
# Every SAMPLE_SECONDS it records the daemon's resident memory (VmRSS) and open descriptors.
#
# It fails (non-zero) unless: RSS after the warm-up (the first 20 % of the run) grows by less
# than RSS_GROWTH_PERCENT (5) % or RSS_GROWTH_MIN_KB (4096) KiB, whichever is larger; the open
# descriptors come back to their count before the traffic; every sipp call succeeded with
# nothing unexpected; the daemon logged no ERROR or WARN line; core.stats and the htable
# counters add up with what sipp sent; SIGTERM stops the daemon with status 0.
#
#   scripts/soak.sh            # 10 minutes
#   scripts/soak.sh 2          # 2 minutes
#
# Environment: OPTIONS_RATE (1500), RELAY_RATE (150), FORWARD_RATE (150), TCP_RATE (50) calls
# per second; SAMPLE_SECONDS (10); SOAK_BUILD_DIR (<repo>/build-soak, a plain RelWithDebInfo
# build of the daemon, siplinectl and the plugins it needs); SOAK_RUN_DIR (a new temporary
# folder, kept: logs, samples, sipp's files).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
minutes=${1:-10}
if ! [[ $minutes =~ ^[1-9][0-9]*$ ]]; then
  echo "soak: MINUTES must be a positive whole number, got '$minutes'" >&2
  exit 2
fi
build=${SOAK_BUILD_DIR:-$root/build-soak}
export OPTIONS_RATE=${OPTIONS_RATE:-1500} RELAY_RATE=${RELAY_RATE:-150} FORWARD_RATE=${FORWARD_RATE:-150}
export TCP_RATE=${TCP_RATE:-50}
sample_seconds=${SAMPLE_SECONDS:-10}

if [ "${SIPLINE_IN_NETNS:-}" != 1 ]; then
  "$root/scripts/deps.sh"
  cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSIPLINE_BUILD_TESTS=OFF >/dev/null
  cmake --build "$build" -j"${JOBS:-2}" --target sipline siplinectl maxfwd sl sanity htable >/dev/null
  export SOAK_BUILD_DIR=$build
  exec "$root/tests/support/netns-run.sh" "$0" "$@"
fi

# ---- inside the namespace -------------------------------------------------------------------
source "$root/tests/soak/traffic.sh"
daemon=$build/daemon/sipline
ctl=$build/daemon/siplinectl/siplinectl
run=${SOAK_RUN_DIR:-$(mktemp -d /tmp/sipline-soak.XXXXXX)}
mkdir -p "$run"
socket=$run/control.sock
seconds=$((minutes * 60))
soak_write_config "$run"

"$daemon" -c "$run/sipline.toml" --plugin-dir "$build/plugins-out" >"$run/daemon.log" 2>&1 &
daemon_pid=$!
cleanup() {
  soak_stop_traffic
  kill "$daemon_pid" 2>/dev/null || true
}
trap cleanup EXIT
for _ in $(seq 100); do
  "$ctl" -s "$socket" core.version >/dev/null 2>&1 && break
  kill -0 "$daemon_pid" 2>/dev/null || { cat "$run/daemon.log"; echo "soak: the daemon did not start" >&2; exit 1; }
  sleep 0.1
done

rss_kb() { awk '/^VmRSS:/ { print $2 }' "/proc/$daemon_pid/status"; }
fd_count() { find "/proc/$daemon_pid/fd" -mindepth 1 -maxdepth 1 | wc -l; }

idle_rss=$(rss_kb)
idle_fds=$(fd_count)
echo "soak: $minutes min, OPTIONS $OPTIONS_RATE/s, relayed calls $RELAY_RATE/s (UDP) + $TCP_RATE/s (TCP)," \
  "forwarded calls $FORWARD_RATE/s; files in $run"
started=$SECONDS
soak_start_traffic "$seconds"

# Samples: seconds since the start, RSS (KiB), open descriptors, messages received so far.
printf 'seconds\trss_kb\tfds\treceived\n' >"$run/samples.tsv"
printf '0\t%s\t%s\t0\n' "$idle_rss" "$idle_fds" >>"$run/samples.tsv"
next=$((SECONDS + sample_seconds))
while soak_traffic_running; do
  if [ $SECONDS -ge $next ]; then
    kill -0 "$daemon_pid" 2>/dev/null || break
    printf '%s\t%s\t%s\t%s\n' $((SECONDS - started)) "$(rss_kb)" "$(fd_count)" \
      "$(soak_messages_received "$ctl" "$socket")" | tee -a "$run/samples.tsv" >"$run/last-sample"
    next=$((next + sample_seconds))
  fi
  sleep 1
done
traffic_seconds=$((SECONDS - started))
soak_wait_traffic
drained=0
soak_wait_drained "$ctl" "$socket" 60 || drained=1
end_rss=$(rss_kb)
end_fds=$(fd_count)
received=$(soak_messages_received "$ctl" "$socket")

echo
echo "soak: samples (every ${sample_seconds} s)"
# With the receive rate over each interval.
awk 'NR == 1 { printf "  %8s %10s %5s %10s %8s\n", $1, $2, $3, $4, "rate/s"; next }
  { rate = ($1 > t) ? ($4 - r) / ($1 - t) : 0; printf "  %8d %10d %5d %10d %8d\n", $1, $2, $3, $4, rate; t = $1; r = $4 }' \
  "$run/samples.tsv"
echo
printf '  %-52s %14s   %-28s %s\n' CHECK VALUE BOUND RESULT
soak_check "daemon alive through the run" "$(kill -0 "$daemon_pid" 2>/dev/null && echo yes || echo no)" "yes" \
  "$(kill -0 "$daemon_pid" 2>/dev/null && echo 0 || echo 1)"
soak_check "transactions and TCP connections drained" "$([ $drained = 0 ] && echo yes || echo no)" "within 60 s" "$drained"

# RSS after the warm-up: the first sample at or after 20 % of the run is the reference; the
# largest sample after it may exceed it by the bound, no more.
warmup=$((traffic_seconds / 5))
read -r ref_rss peak_rss <<<"$(awk -v w="$warmup" 'NR > 1 && $1 >= w && $1 > 0 {
    if (ref == "") ref = $2; if ($2 > peak) peak = $2 } END { print ref + 0, peak + 0 }' "$run/samples.tsv")"
bound_kb=$((ref_rss * ${RSS_GROWTH_PERCENT:-5} / 100))
[ "$bound_kb" -ge "${RSS_GROWTH_MIN_KB:-4096}" ] || bound_kb=${RSS_GROWTH_MIN_KB:-4096}
soak_check "RSS growth after warm-up (KiB; ref ${ref_rss} at ${warmup} s)" "$((peak_rss - ref_rss))" \
  "< $bound_kb" "$([ "$ref_rss" -gt 0 ] && [ $((peak_rss - ref_rss)) -lt "$bound_kb" ] && echo 0 || echo 1)"
soak_equal "open descriptors after the drain" "$end_fds" "$idle_fds"

soak_check_sipp
soak_check_counters "$ctl" "$socket"

errors=$(grep -c ' ERROR \[' "$run/daemon.log" || true)
warnings=$(grep -c ' WARN \[' "$run/daemon.log" || true)
soak_equal "daemon log: ERROR lines" "$errors" 0
soak_equal "daemon log: WARN lines" "$warnings" 0

trap - EXIT
stop_status=0
kill -TERM "$daemon_pid"
timeout 15 tail --pid="$daemon_pid" -f /dev/null || { kill -KILL "$daemon_pid"; stop_status=killed; }
if [ "$stop_status" = 0 ]; then wait "$daemon_pid" || stop_status=$?; fi
soak_equal "exit status on SIGTERM" "$stop_status" 0

echo
echo "soak: $received messages received in ${traffic_seconds} s ($((received / (traffic_seconds > 0 ? traffic_seconds : 1)))/s)," \
  "RSS idle ${idle_rss} KiB, after warm-up ${ref_rss} KiB, peak ${peak_rss} KiB, after the drain ${end_rss} KiB;" \
  "descriptors ${idle_fds} before, ${end_fds} after"
grep -E ' (ERROR|WARN) \[' "$run/daemon.log" | head -20 || true
if [ "$soak_failed" != 0 ]; then
  echo "soak: FAILED (files in $run)" >&2
  exit 1
fi
echo "soak: PASSED"
