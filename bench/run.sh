#!/usr/bin/env bash
# OPTIONS throughput of sipline and of Kamailio, side by side on the same sipp scenario.
# Both answer OPTIONS 200 after a Max-Forwards check, with 2 workers, on 127.0.0.1 only.
# Usage: bench/run.sh [COUNT]   (default 100000 requests per server; bounded by a timeout)
# Prints requests per second, the server's CPU seconds, and sipline/Kamailio ratios.
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-100000}
here=bench/options
work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

command -v sipp >/dev/null || scripts/deps.sh
command -v bc >/dev/null && command -v pstree >/dev/null || apt-get install -y -qq bc psmisc >/dev/null
if ! command -v kamailio >/dev/null; then
  # policy-rc.d keeps the package from starting its own service on 5060.
  printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq kamailio >/dev/null
  rm -f /usr/sbin/policy-rc.d
fi
[ -x build/daemon/sipline ] || scripts/build.sh

# CPU seconds (user + system) of a process and all its descendants.
cpu_seconds() {
  local total=0 p
  for p in $(pstree -p "$1" | grep -o '([0-9]\+)' | tr -d '()'); do
    read -r -a f < "/proc/$p/stat" || continue
    total=$((total + f[13] + f[14]))
  done
  echo "scale=2; $total / $(getconf CLK_TCK)" | bc
}

# run_sipp NAME PORT PID: COUNT OPTIONS as fast as answers come (at most 200 in flight).
run_sipp() {
  local name=$1 port=$2 pid=$3 before after start end
  before=$(cpu_seconds "$pid")
  start=$(date +%s.%N)
  timeout 300 sipp -sf "$here/options_uac.xml" "127.0.0.1:$port" -i 127.0.0.1 \
    -m "$count" -r 100000 -l 200 -recv_timeout 5000 -timeout 280s -nostdin \
    >"$work/$name.sipp" 2>&1 || true
  end=$(date +%s.%N)
  after=$(cpu_seconds "$pid")
  local ok
  ok=$(grep -E '^\s+Successful call' "$work/$name.sipp" | awk '{print $(NF)}' || true)
  rps=$(echo "scale=0; $count / ($end - $start)" | bc)
  cpu=$(echo "$after - $before" | bc)
  printf '%-9s %8s req/s  %6s CPU s  (%s requests, %s answered 200)\n' "$name" "$rps" "$cpu" "$count" "${ok:-?}"
  eval "${name}_rps=$rps ${name}_cpu=$cpu"
}

sed "s|@DIR@|$work|" "$here/sipline.toml" > "$work/sipline.toml"
build/daemon/sipline -c "$work/sipline.toml" --plugin-dir build/plugins-out >"$work/sipline.log" 2>&1 &
pids+=($!); sipline_pid=$!
kamailio -f "$here/kamailio.cfg" -DD -E -P "$work/kamailio.pid" -Y "$work" >"$work/kamailio.log" 2>&1 &
pids+=($!); kamailio_pid=$!
sleep 2
for name in sipline kamailio; do
  pid_var=${name}_pid
  kill -0 "${!pid_var}" 2>/dev/null || { echo "bench: $name did not start:"; cat "$work/$name.log"; exit 1; }
done

run_sipp sipline 5070 "$sipline_pid"
run_sipp kamailio 5071 "$kamailio_pid"
echo "ratio sipline/kamailio: throughput $(echo "scale=2; $sipline_rps / $kamailio_rps" | bc)x," \
     "CPU per request $(echo "scale=2; $sipline_cpu / $kamailio_cpu" | bc)x"
