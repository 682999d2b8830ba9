#!/usr/bin/env bash
# Instruction counts of sipline's hot path, per message, with callgrind: deterministic, so a
# change can be judged on a busy machine where run.sh's CPU figures would be noise. Starts the
# daemon under valgrind in a loopback-only namespace, zeroes the counters once it listens (so
# start-up does not count), drives it with sipp at a low rate, and prints the instructions per
# message and the top functions, inclusive.
#
#   bench/profile.sh options|proxy [CALLS] [--build DIR]     (defaults: 2000 calls, build-bench)
#
# Needs valgrind and sipp; the build should be Release (cmake -DCMAKE_BUILD_TYPE=Release).
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
bench=$repo/bench
scenario=${1:-}
calls=2000 build=$repo/build-bench
[ $# -gt 0 ] && shift
if [ $# -gt 0 ] && [[ $1 =~ ^[0-9]+$ ]]; then calls=$1; shift; fi
[ "${1:-}" = --build ] && build=$(cd "$2" && pwd)
case $scenario in options|proxy) ;; *) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;; esac
[ -x "$build/daemon/sipline" ] || { echo "profile: no $build/daemon/sipline"; exit 1; }
command -v valgrind >/dev/null && command -v sipp >/dev/null || { echo "profile: needs valgrind and sipp"; exit 1; }

if [ "${SIPLINE_IN_NETNS:-}" != 1 ]; then
  exec unshare --net -- env SIPLINE_IN_NETNS=1 bash -c 'ip link set lo up && exec "$@"' profile.sh "$0" "$scenario" "$calls" --build "$build"
fi

work=$(mktemp -d /tmp/sipline-profile.XXXXXX)
pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true' EXIT
cd "$work"
sed -e "s|^socket = .*|socket = \"$work/sipline.sock\"|" -e "s|^list_file = .*|list_file = \"$bench/dispatcher.list\"|" \
    -e "s|^db_url = .*|db_url = \"sqlite:$work/htable.db\"|" "$bench/$scenario.toml" > sipline.toml
valgrind --tool=callgrind --callgrind-out-file="$work/callgrind.out" \
  "$build/daemon/sipline" -c sipline.toml --plugin-dir "$build/plugins-out" > daemon.log 2>&1 &
daemon=$!
pids+=("$daemon")
for _ in $(seq 150); do ss -Hlun "sport = :5060" | grep -q . && break; sleep 0.2; done
callgrind_control -z "$daemon" >/dev/null 2>&1

messages_per_call=1 uac=$bench/sipp/options_uac.xml
if [ "$scenario" = proxy ]; then
  for port in 5071 5072; do
    sipp -sf "$bench/sipp/call_uas.xml" -i 127.0.0.1 -p "$port" -nostdin >/dev/null 2>&1 &
    pids+=($!)
  done
  sleep 0.5
  messages_per_call=6 uac=$bench/sipp/call_uac.xml
fi
# 200 calls/s: slow enough for a daemon under valgrind (about 50 times slower than native).
sipp -sf "$uac" 127.0.0.1:5060 -i 127.0.0.1 -p 5090 -r 200 -m "$calls" -nostdin -timeout 120s \
  -trace_stat -stf "$work/uac.csv" > uac.log 2>&1 || true
callgrind_control -d "$daemon" >/dev/null 2>&1
sleep 1
dump=$(ls -t "$work"/callgrind.out.* | head -1)
total=$(callgrind_annotate "$dump" 2>/dev/null | awk '/PROGRAM TOTALS/ {gsub(",", "", $1); print $1}')
echo "$scenario: $calls calls, $((calls * messages_per_call)) messages, $((total / (calls * messages_per_call))) instructions per message (callgrind, after start-up)"
callgrind_annotate --inclusive=yes "$dump" 2>/dev/null | grep -E '^ *[0-9,]+ \(' | grep -v -E 'clone|start_thread|0x0000|boost::asio' | head -30 | cut -c1-160
echo "dump kept: $dump"
