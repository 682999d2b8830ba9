# Sourced by scripts/soak.sh and scripts/leak-check.sh: the soak's mixed sipp traffic against a
# sipline on 127.0.0.1:5060 (tests/soak/soak.toml), inside a loopback-only network namespace,
# and the accounting that checks sipline's counters against what sipp sent.
#
#   peer           port  scenario          what sipline does with it
#   options        5071  options_uac.xml   UDP OPTIONS, answered 200 by sl
#   relay_udp      5072  call_uac.xml      UDP calls, relayed statefully (sipp -s relay)
#   forward_udp    5073  call_uac.xml      UDP calls, forwarded statelessly (sipp -s forward)
#   relay_tcp      5074  call_uac.xml      TCP calls, relayed statefully (downstream over UDP)
#   relay_uas      5080  call_uas.xml      the callee of the relayed calls
#   forward_uas    5090  call_uas.xml      the callee of the forwarded calls
#
# Rates (calls per second): OPTIONS_RATE, RELAY_RATE, FORWARD_RATE, TCP_RATE.

soak_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
soak_uacs=() soak_uases=() # the peers started (a rate of 0 starts none)
declare -A soak_pid soak_calls

# Writes the daemon's config for run folder $1.
soak_write_config() {
  sed "s#@DIR@#$1#g" "$soak_dir/soak.toml" >"$1/sipline.toml"
}

# soak_sipp NAME CALLS SECONDS ARGS...: one sipp in $run/NAME/, its statistics every 10 s and its
# per-message counts in files there, bounded by -timeout and by timeout(1) on top.
soak_sipp() {
  local name=$1 calls=$2 seconds=$3
  shift 3
  mkdir -p "$run/$name"
  soak_calls[$name]=$calls
  (cd "$run/$name" && exec timeout -k 5 $((seconds + 30)) sipp "$@" -i 127.0.0.1 -m "$calls" -nostdin \
    -timeout "${seconds}s" -timeout_error -trace_stat -stf stat.csv -fd 10 -trace_counts -trace_err \
    >sipp.out 2>&1) &
  soak_pid[$name]=$!
}

# soak_start_traffic SECONDS: every peer whose rate is not 0, each UAC sending its rate for
# SECONDS. Needs $run.
soak_start_traffic() {
  local seconds=$1 bound=$(($1 + 120))
  local options=$((OPTIONS_RATE * seconds)) relay_udp=$((RELAY_RATE * seconds))
  local forward_udp=$((FORWARD_RATE * seconds)) relay_tcp=$((TCP_RATE * seconds))
  soak_uacs=() soak_uases=()
  if [ $((relay_udp + relay_tcp)) -gt 0 ]; then
    soak_uases+=(relay_uas)
    soak_sipp relay_uas $((relay_udp + relay_tcp)) "$bound" -sf "$soak_dir/call_uas.xml" -p 5080
  fi
  if [ "$forward_udp" -gt 0 ]; then
    soak_uases+=(forward_uas)
    soak_sipp forward_uas "$forward_udp" "$bound" -sf "$soak_dir/call_uas.xml" -p 5090
  fi
  sleep 0.5 # the callees listen before the first INVITE
  if [ "$options" -gt 0 ]; then
    soak_uacs+=(options)
    soak_sipp options "$options" "$bound" 127.0.0.1:5060 -sf "$soak_dir/options_uac.xml" -p 5071 -r "$OPTIONS_RATE"
  fi
  if [ "$relay_udp" -gt 0 ]; then
    soak_uacs+=(relay_udp)
    soak_sipp relay_udp "$relay_udp" "$bound" 127.0.0.1:5080 -rsa 127.0.0.1:5060 -sf "$soak_dir/call_uac.xml" \
      -s relay -p 5072 -r "$RELAY_RATE"
  fi
  if [ "$forward_udp" -gt 0 ]; then
    soak_uacs+=(forward_udp)
    soak_sipp forward_udp "$forward_udp" "$bound" 127.0.0.1:5090 -rsa 127.0.0.1:5060 -sf "$soak_dir/call_uac.xml" \
      -s forward -p 5073 -r "$FORWARD_RATE"
  fi
  if [ "$relay_tcp" -gt 0 ]; then
    soak_uacs+=(relay_tcp)
    soak_sipp relay_tcp "$relay_tcp" "$bound" 127.0.0.1:5080 -rsa 127.0.0.1:5060 -t t1 -sf "$soak_dir/call_uac.xml" \
      -s relay -p 5074 -r "$TCP_RATE"
  fi
}

soak_traffic_running() {
  local name
  for name in "${soak_uacs[@]}" "${soak_uases[@]}"; do
    kill -0 "${soak_pid[$name]}" 2>/dev/null && return 0
  done
  return 1
}

# Waits for every sipp (each is bounded by its own timeout); records their exit codes.
declare -A soak_exit
soak_wait_traffic() {
  local name status
  for name in "${soak_uacs[@]}" "${soak_uases[@]}"; do
    status=0
    wait "${soak_pid[$name]}" || status=$?
    soak_exit[$name]=$status
  done
}

soak_stop_traffic() {
  local name
  for name in "${!soak_pid[@]}"; do kill "${soak_pid[$name]}" 2>/dev/null || true; done
}

# soak_stat NAME COLUMN: a column of the last line of sipp's statistics file (cumulative values).
soak_stat() {
  awk -F';' -v col="$2" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == col) c = i; next }
    { last = $0 } END { split(last, f, ";"); print (c && f[c] != "") ? f[c] + 0 : "?" }' "$run/$1/stat.csv"
}

# soak_count NAME KIND WHAT: from sipp's per-message counts (last line), the sum over the
# scenario's send elements of KIND (request: a method; reply: a status code) of WHAT (first:
# first transmissions; all: with retransmissions), optionally only METHOD_OR_CODE ($4).
soak_count() {
  awk -F';' -v kind="$2" -v what="$3" -v only="${4:-}" '
    NR == 1 { for (i = 1; i <= NF; i++) head[i] = $i; n = NF; next }
    { last = $0 }
    END {
      split(last, v, ";"); sum = 0
      for (i = 1; i <= n; i++) {
        if (head[i] !~ /_Sent$/) continue
        split(head[i], part, "_"); name = part[2]
        if ((kind == "reply") != (name ~ /^[0-9]+$/)) continue
        if (only != "" && name != only) continue
        sum += v[i]
        if (what == "all" && head[i + 1] ~ /_Retrans$/) sum += v[i + 1]
      }
      print sum
    }' "$run/$1/"*_counts.csv
}

# The per-run folder's sipp totals, summed over peers: soak_sum KIND WHAT [ONLY] PEERS...
soak_sum() {
  local kind=$1 what=$2 only=$3 total=0 name
  shift 3
  for name in "$@"; do
    [ -d "$run/$name" ] && total=$((total + $(soak_count "$name" "$kind" "$what" "$only")))
  done
  echo "$total"
}

# Result table: soak_check LABEL VALUE EXPECTED OK(0/1). Sets soak_failed on a failure, unless
# soak_lenient is 1 (then the line says "info": the leak check under valgrind, where a daemon
# 30 times slower makes sipp retransmit and give up on its first calls).
soak_failed=0 soak_lenient=0
soak_check() {
  local verdict=PASS
  if [ "$4" != 0 ] && [ "$soak_lenient" = 1 ]; then verdict=info
  elif [ "$4" != 0 ]; then verdict=FAIL; soak_failed=1; fi
  printf '  %-52s %14s   %-28s %s\n' "$1" "$2" "$3" "$verdict"
}
soak_equal() { soak_check "$1" "$2" "= $3" "$([ "$2" = "$3" ] && echo 0 || echo 1)"; }
soak_between() { soak_check "$1" "$2" "$3..$4" "$([ "$2" -ge "$3" ] && [ "$2" -le "$4" ] && echo 0 || echo 1)"; }

# Every sipp: exited 0, every call it made or took succeeded, nothing unexpected.
soak_check_sipp() {
  local name
  for name in "${soak_uacs[@]}" "${soak_uases[@]}"; do
    soak_equal "sipp $name: exit code" "${soak_exit[$name]:-?}" 0
    soak_equal "sipp $name: successful calls" "$(soak_stat "$name" 'SuccessfulCall(C)')" "${soak_calls[$name]}"
    soak_equal "sipp $name: failed calls" "$(soak_stat "$name" 'FailedCall(C)')" 0
    soak_equal "sipp $name: unexpected messages" "$(soak_stat "$name" 'FailedUnexpectedMessage(C)')" 0
    soak_equal "sipp $name: out-of-call messages" "$(soak_stat "$name" 'OutOfCallMsgs(C)')" 0
  done
}

# json_number JSON KEY: a number member of a flat JSON object (siplinectl -j output).
json_number() { grep -o "\"$2\": *-\?[0-9]*" <<<"$1" | head -1 | grep -o -- '-\?[0-9]*$' || echo "?"; }

# htable_value CTL SOCKET TABLE KEY: an integer item (0 when missing).
htable_value() {
  local out
  if out=$("$1" -s "$2" -j htable.get "$3" "s:$4" 2>/dev/null); then json_number "$out" value; else echo 0; fi
}

# Every retransmission sipp saw, sent or received, in every peer's per-message counts.
soak_retransmissions() {
  local total=0 name
  for name in "$@"; do
    total=$((total + $(awk -F';' 'NR == 1 { for (i = 1; i <= NF; i++) r[i] = ($i ~ /_Retrans$/); n = NF; next }
      { last = $0 } END { split(last, v, ";"); s = 0; for (i = 1; i <= n; i++) if (r[i]) s += v[i]; print s }' \
      "$run/$name/"*_counts.csv)))
  done
  echo "$total"
}

# soak_counter LABEL VALUE FIRST ALL: a count sipline kept against sipp's first transmissions and
# its transmissions with retransmissions. Without retransmissions the two are equal and so must
# the count be. With some, sipp does not book every message a retransmission makes it send (an
# ACK sent again for a 200 received again), so the count may exceed ALL by at most the number of
# retransmission events sipp saw (soak_slack), never more.
soak_counter() {
  soak_between "$1" "$2" "$3" $(($4 + soak_slack))
}

# core.stats and htable's counters against sipp's counts. CTL is siplinectl, SOCKET the daemon's.
soak_check_counters() {
  local ctl=$1 socket=$2 stats
  stats=$("$ctl" -s "$socket" -j core.stats)
  soak_slack=$(soak_retransmissions "${soak_uacs[@]}" "${soak_uases[@]}")
  soak_check "retransmissions seen by sipp (the slack below)" "$soak_slack" "informative" 0
  soak_counter "core.stats requests_received = sipp requests sent" "$(json_number "$stats" requests_received)" \
    "$(soak_sum request first "" "${soak_uacs[@]}")" "$(soak_sum request all "" "${soak_uacs[@]}")"
  soak_counter "core.stats replies_received = sipp replies sent" "$(json_number "$stats" replies_received)" \
    "$(soak_sum reply first "" "${soak_uases[@]}")" "$(soak_sum reply all "" "${soak_uases[@]}")"
  # sl's 200 to every OPTIONS; the relay's 100 Trying is the transaction's, not counted here.
  soak_counter "core.stats local_replies_sent = OPTIONS sent" "$(json_number "$stats" local_replies_sent)" \
    "$(soak_sum request first OPTIONS options)" "$(soak_sum request all OPTIONS options)"
  # Stateless: the forwarded calls' requests, and the relayed calls' ACKs for 2xx (end to end).
  soak_counter "core.stats requests_forwarded = stateless requests" "$(json_number "$stats" requests_forwarded)" \
    "$(($(soak_sum request first "" forward_udp) + $(soak_sum request first ACK relay_udp relay_tcp)))" \
    "$(($(soak_sum request all "" forward_udp) + $(soak_sum request all ACK relay_udp relay_tcp)))"
  soak_counter "core.stats replies_forwarded = forward_uas replies" "$(json_number "$stats" replies_forwarded)" \
    "$(soak_sum reply first "" forward_uas)" "$(soak_sum reply all "" forward_uas)"
  local counter
  for counter in parse_errors send_errors dropped transactions tcp_connections; do
    soak_equal "core.stats $counter (after the drain)" "$(json_number "$stats" "$counter")" 0
  done
  # htable counted each request the route ran on: all of them, except the retransmissions the
  # relay's transactions absorbed.
  local method
  for method in OPTIONS INVITE ACK BYE; do
    soak_counter "htable requests=>$method = sipp $method sent" "$(htable_value "$ctl" "$socket" requests "$method")" \
      "$(soak_sum request first "$method" "${soak_uacs[@]}")" "$(soak_sum request all "$method" "${soak_uacs[@]}")"
  done
  for method in 180 200; do
    soak_counter "htable replies=>$method = sipp $method sent" "$(htable_value "$ctl" "$socket" replies "$method")" \
      "$(soak_sum reply first "$method" "${soak_uases[@]}")" "$(soak_sum reply all "$method" "${soak_uases[@]}")"
  done
}

# soak_wait_drained CTL SOCKET SECONDS: until no transaction and no TCP connection is left.
soak_wait_drained() {
  local stats deadline=$((SECONDS + $3))
  while [ $SECONDS -lt $deadline ]; do
    stats=$("$1" -s "$2" -j core.stats 2>/dev/null) || true
    [ "$(json_number "$stats" transactions)" = 0 ] && [ "$(json_number "$stats" tcp_connections)" = 0 ] && return 0
    sleep 1
  done
  return 1
}

# Messages sipline received, for the rate figures.
soak_messages_received() {
  local stats
  stats=$("$1" -s "$2" -j core.stats 2>/dev/null) || { echo 0; return; }
  echo $(($(json_number "$stats" requests_received) + $(json_number "$stats" replies_received)))
}
