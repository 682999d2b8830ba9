# One load step: sipp sends COUNT calls at RATE per second to 127.0.0.1:$target_port (5060, the
# server under test) from port 5090, with the scenario's callees (if any) on 5071 and 5072. Sourced by bench/run.sh, which sets
# bench, work, uac_xml, uas_xml. After load_step: ok failed retrans unexpected (sipp's
# counters, callers and callees together), wall (seconds), sipp_cpu (the caller's CPU seconds).

CALLER_PORT=5090

start_callees() {
  callee_pids=() callee_stats=()
  [ -n "$uas_xml" ] || return 0
  local port
  for port in 5071 5072; do
    rm -f "$work/uas$port.csv"
    sipp -sf "$uas_xml" -i 127.0.0.1 -p "$port" -nostdin -buff_size 8388608 \
      -trace_stat -stf "$work/uas$port.csv" -fd 1 >"$work/uas$port.log" 2>&1 &
    callee_pids+=($!) callee_stats+=("$work/uas$port.csv")
  done
  for port in 5071 5072; do wait_for_port "$port"; done
}

stop_callees() {
  local pid
  for pid in "${callee_pids[@]}"; do kill -INT "$pid" 2>/dev/null || true; done
  for pid in "${callee_pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  callee_pids=()
}

# load_step RATE COUNT: bounded by sipp's own -timeout and by timeout(1).
load_step() {
  local rate=$1 count=$2 seconds limit times
  seconds=$(( (count + rate - 1) / rate ))
  limit=$((seconds + 10))
  rm -f "$work/uac.csv"
  start_callees
  TIMEFORMAT='%U %S %R'
  times=$( { time timeout $((limit + 5)) sipp -sf "$uac_xml" "127.0.0.1:${target_port:-5060}" -i 127.0.0.1 \
      -p "$CALLER_PORT" -r "$rate" -m "$count" -l $((rate * 4 + 100)) -nostdin \
      -buff_size 8388608 -recv_timeout 1000 -timeout "${limit}s" \
      -trace_stat -stf "$work/uac.csv" >"$work/uac.log" 2>&1; } 2>&1 ) || true
  # The callees dump their counters every second: wait for the last dump after the call ends.
  [ -z "$uas_xml" ] || sleep 1.2
  stop_callees
  read -r user system wall <<<"$times"
  sipp_cpu=$(echo "$user + $system" | bc)
  eval "$($python "$bench/lib/sipp_stats.py" "$work/uac.csv" "${callee_stats[@]}")"
}
