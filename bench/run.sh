#!/usr/bin/env bash
# sipline and Kamailio side by side on one scenario, in one run, inside a loopback-only network
# namespace. For each server: step the call rate up (doubling, then bisecting) to find the
# highest loss-free rate; then, at a fixed rate (half Kamailio's highest), three rounds of CPU
# steps with the servers taking turns (the median counts) and one response-time step each.
# Prints a table and the sipline/Kamailio ratios.
#
#   bench/run.sh SCENARIO [--workers 1[,2]] [--servers sipline,kamailio] [--quick] [--build DIR]
#                         [--fixed RATE]
#
# SCENARIO: options   OPTIONS answered 200 after maxfwd, sanity, an htable lookup + increment
#           proxy     stateless dispatcher proxy, INVITE/180/200/ACK/BYE/200 to two sipp callees
#           stateful  the same through transactions (relay / t_relay)
#           ceiling   sipp's OPTIONS against a trivial UDP echo: the harness's own limit
#           ceiling-calls  the call scenario's caller straight to one callee, no proxy
#           memory    sipline's RSS with 1M htable entries (16-byte keys, integer values)
#           all       every one of them in turn (about 10 minutes; --workers applies to the three)
# --quick: 2 s steps, at most 4 of them (a check that everything works, not a measurement).
# --build: the build tree with daemon/sipline and plugins-out/ (default: build).
# --fixed RATE: no search, only the fixed run at RATE calls/s (to compare a change quickly).
# Installs sipp and kamailio with apt when missing (before entering the namespace).
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
bench=$repo/bench
original_args=("$@")

usage() { sed -n '2,21p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }
scenario=${1:-}
[ $# -gt 0 ] && shift
workers_list=1 servers=sipline,kamailio quick=0 build=$repo/build fixed=0
while [ $# -gt 0 ]; do
  case $1 in
    --workers) workers_list=$2; shift 2 ;;
    --servers) servers=$2; shift 2 ;;
    --quick) quick=1; shift ;;
    --build) build=$(cd "$2" && pwd); shift 2 ;;
    --fixed) fixed=$2; shift 2 ;;
    *) usage ;;
  esac
done
case $scenario in options|proxy|stateful|ceiling|ceiling-calls|memory|all) ;; *) usage ;; esac
if [ "$scenario" = all ]; then
  extra=(--build "$build")
  [ "$quick" = 1 ] && extra+=(--quick)
  for one in options proxy stateful; do "$0" "$one" "${original_args[@]:1}"; echo; done
  for one in ceiling ceiling-calls memory; do "$0" "$one" "${extra[@]}"; echo; done
  exit 0
fi

# Packages first: apt needs the network, which the namespace does not have.
if [ "${SIPLINE_IN_NETNS:-}" != 1 ]; then
  "$bench/lib/install_tools.sh" "$servers"
  [ -x "$build/daemon/sipline" ] || { echo "bench: no $build/daemon/sipline (build it, or --build DIR)"; exit 1; }
  exec unshare --net -- env SIPLINE_IN_NETNS=1 \
    bash -c 'ip link set lo up && exec "$@"' run.sh "$0" "$scenario" "${original_args[@]:1}"
fi

work=$(mktemp -d /tmp/sipline-bench.XXXXXX)
source "$bench/lib/cpu_time.sh"
source "$bench/lib/servers.sh"
source "$bench/lib/sipp_load.sh"
# BENCH_KEEP=1 keeps the servers' logs and sipp's traces for a look afterwards.
trap 'stop_callees; stop_server; [ "${BENCH_KEEP:-0}" = 1 ] && echo "kept: $work" || rm -rf "$work"' EXIT
trap 'exit 130' INT TERM # so the EXIT trap stops the servers: nothing may outlive the namespace
cd "$work" # sipp writes its traces in the working directory
# Debian's interpreter: a pyenv shim in PATH can take seconds to start.
python=/usr/bin/python3
[ -x "$python" ] || python=python3
# The wire latency capture: the C++ one (built with -DSIPLINE_BUILD_BENCH=ON) costs little CPU;
# the Python one is the fallback, and takes a good part of a core at high rates.
if [ -x "$build/bench/latency_sniffer" ]; then
  sniffer_command=$build/bench/latency_sniffer
else
  sniffer_command="$python $bench/lib/latency_sniffer.py"
  echo "note: no $build/bench/latency_sniffer (-DSIPLINE_BUILD_BENCH=ON): the Python capture will load the CPUs"
fi

if [ "$scenario" = memory ]; then
  source "$bench/lib/memory.sh"
  exit 0
fi

# The scenario: sipp files, what one call is worth, where the rate search starts and stops.
case $scenario in
  options | ceiling)
    uac_xml=$bench/sipp/options_uac.xml uas_xml= answer_code=200
    units_per_call=1 unit="request answered" first_rate=8000 rate_cap=256000 ;;
  proxy | stateful | ceiling-calls)
    uac_xml=$bench/sipp/call_uac.xml uas_xml=$bench/sipp/call_uas.xml answer_code=180
    units_per_call=6 unit="message relayed" first_rate=1000 rate_cap=64000 ;;
esac
if [ "$quick" = 1 ]; then step_seconds=2 max_steps=4 cpu_rounds=1; else step_seconds=3 max_steps=8 cpu_rounds=3; fi
[ "$scenario" = ceiling ] && servers=echo
[ "$scenario" = ceiling-calls ] && servers=direct target_port=5071

# start SERVER WORKERS
start() {
  case $1 in
    sipline) start_sipline "$bench/$scenario.toml" "$2" ;;
    kamailio) start_kamailio "$bench/kamailio/$scenario.cfg" "$2" ;;
    echo) start_echo ;;
    direct) start_direct ;;
  esac
}

# measured_step RATE SECONDS: one load step with the server's CPU around it. Sets what
# load_step sets, plus cpu_s and loss_free (every call answered, nothing retransmitted or
# unexpected, and sipp kept the pace: the step took at most 25 % + 1 s longer than planned).
# Every step has a fresh server: nothing left from an overloaded step (queued datagrams, open
# transactions still retransmitting) can spoil the next one.
measured_step() {
  local rate=$1 count=$(($1 * $2)) runtime0 user0 system0 runtime1 user1 system1 steal0 all0 steal1 all1
  start "$server" "$workers"
  read -r runtime0 user0 system0 <<<"$(cpu_sample "$server_pid")"
  read -r steal0 all0 <<<"$(cpu_counters)"
  load_step "$rate" "$count"
  read -r steal1 all1 <<<"$(cpu_counters)"
  read -r runtime1 user1 system1 <<<"$(cpu_sample "$server_pid")"
  stop_server
  steal_pct=$(( (steal1 - steal0) * 100 / (all1 - all0 + (all1 == all0)) ))
  cpu_s=$(echo "scale=4; ($runtime1 - $runtime0) / 1000000000" | bc)
  # The share of it in user space, from the ticks (a sample, so only roughly).
  local ticks=$((user1 + system1 - user0 - system0))
  cpu_user_s=$(echo "scale=3; $cpu_s * ($user1 - $user0) / ($ticks + ($ticks == 0))" | bc)
  loss_free=0 on_pace=$(echo "$wall <= $2 * 1.25 + 1" | bc)
  if [ "$ok" = "$count" ] && [ "$failed" = 0 ] && [ "$retrans" = 0 ] && [ "$unexpected" = 0 ] &&
     [ "$on_pace" = 1 ]; then loss_free=1; fi
  printf '  %-8s %6s calls/s x %ss: %s ok, %s failed, %s retrans, %s unexpected, %.1f s, server CPU %s s (user %s), sipp CPU %s s, steal %s %% -> %s\n' \
    "$server" "$rate" "$2" "$ok" "$failed" "$retrans" "$unexpected" "$wall" "$cpu_s" "$cpu_user_s" "$sipp_cpu" "$steal_pct" \
    "$([ $loss_free = 1 ] && echo loss-free || echo LOSS)"
}

# find_max_rate: doubling from first_rate while loss-free, then bisecting between the last
# loss-free and the first lossy rate; at most max_steps steps. The first lossy step is run once
# more before it counts, so one scheduling hiccup of sipp on a busy machine does not end the
# search early. Sets max_rate (0: none).
find_max_rate() {
  local rate=$first_rate good=0 bad=0 step retries=1
  for step in $(seq "$max_steps"); do
    measured_step "$rate" "$step_seconds"
    if [ "$loss_free" = 0 ] && [ "$retries" -gt 0 ]; then
      retries=$((retries - 1))
      echo "  (once more, to be sure)"
      measured_step "$rate" "$step_seconds"
    fi
    if [ "$loss_free" = 1 ]; then good=$rate; else bad=$rate; fi
    if [ "$bad" = 0 ]; then
      [ $((rate * 2)) -le "$rate_cap" ] || break
      rate=$((rate * 2))
    else
      [ "$good" = 0 ] && rate=$((bad / 2)) || rate=$(((good + bad) / 2))
      # Bisecting finer than 5 % of the rate measures noise, not the server.
      [ $((bad - good)) -gt $((bad / 20)) ] && [ "$rate" -gt 0 ] || break
    fi
  done
  max_rate=$good
}

# cpu_step RATE: one CPU step of the fixed run, twice as long as a search step, with nothing
# watching the traffic (the wire capture's packet tap adds kernel work to every datagram the
# server sends, the same for both servers, which would pull the ratio towards 1). Sets cpu_us.
cpu_step() {
  measured_step "$1" $((step_seconds * 2))
  cpu_us=$(echo "scale=2; $cpu_s * 1000000 / ($ok * $units_per_call + ($ok == 0))" | bc)
}

# latency_step RATE: the response times at the fixed rate, with the latency sniffer. Sets
# p50_us, p99_us, samples (and load_step's counters, loss_free).
latency_step() {
  rm -f "$work/sniffer.ready"
  $sniffer_command "$CALLER_PORT" "$answer_code" "$work/sniffer.ready" >"$work/sniffer.out" 2>&1 &
  local sniffer=$! _
  for _ in $(seq 100); do [ -e "$work/sniffer.ready" ] && break; sleep 0.1; done
  measured_step "$1" "$step_seconds"
  kill -TERM "$sniffer"; wait "$sniffer" || true
  eval "$(grep '^samples=' "$work/sniffer.out" || echo 'samples=0 p50_us=0 p99_us=0')"
}

# median N...: the middle value (the mean of the two middle ones for an even count).
median() {
  printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'
}

declare -A result spread steal
IFS=, read -r -a server_list <<<"$servers"
IFS=, read -r -a worker_counts <<<"$workers_list"
# Kamailio first: its highest rate sets the fixed rate both servers are compared at.
ordered=()
for s in "${server_list[@]}"; do [ "$s" = kamailio ] && ordered=(kamailio "${ordered[@]}") || ordered+=("$s"); done

echo "scenario $scenario: $step_seconds s steps, at most $max_steps; $(nproc) CPUs; $(date -u '+%F %T') UTC"
# sipp, the server and anything else share the CPUs: say so when something else is running.
read -r load _ < /proc/loadavg
if [ "$(echo "$load > $(nproc) / 4" | bc -l)" = 1 ]; then
  echo "WARNING: load average $load before the run: other work is using the CPUs, the figures will be noisy"
fi
for workers in "${worker_counts[@]}"; do
  fixed_rate=0
  declare -A max_of=() cpu_of=() cpu_loss_free=() steal_of=()
  for server in "${ordered[@]}"; do
    if [ "$fixed" = 0 ]; then
      echo "$server, $workers worker(s): searching the highest loss-free rate"
      find_max_rate
    else
      max_rate=0 fixed_rate=$fixed
    fi
    max_of[$server]=$max_rate
    # Half of Kamailio's highest rate, or of this server's when Kamailio is not in the run.
    [ "$fixed_rate" = 0 ] && fixed_rate=$((max_rate / 2))
  done
  [ "$fixed_rate" = 0 ] && fixed_rate=$((first_rate / 2))
  # The CPU steps of the servers take turns, round after round: this machine's speed drifts
  # by 10 % and more over minutes, and taking turns makes a drift touch both alike. Each
  # server's figure is the median of its rounds.
  for round in $(seq "$cpu_rounds"); do
    for server in "${ordered[@]}"; do
      echo "$server, $workers worker(s): fixed run at $fixed_rate calls/s, CPU step $round of $cpu_rounds"
      cpu_step "$fixed_rate"
      cpu_of[$server]="${cpu_of[$server]:-} $cpu_us"
      steal_of[$server]="${steal_of[$server]:-} $steal_pct"
      [ "$loss_free" = 1 ] || cpu_loss_free[$server]=0
    done
  done
  for server in "${ordered[@]}"; do
    echo "$server, $workers worker(s): fixed run at $fixed_rate calls/s, response times"
    latency_step "$fixed_rate"
    [ "${cpu_loss_free[$server]:-1}" = 1 ] || loss_free=0
    read -r -a rounds <<<"${cpu_of[$server]}"
    cpu_us=$(median "${rounds[@]}")
    spread[$server,$workers]=$(printf '%s\n' "${rounds[@]}" | sort -g | paste -sd/)
    read -r -a steals <<<"${steal_of[$server]}"
    steal[$server,$workers]=$(printf '%s\n' "${steals[@]}" | sort -g | tail -1)
    result[$server,$workers]="${max_of[$server]} $fixed_rate $cpu_us $p50_us $p99_us $samples $failed $retrans $unexpected $loss_free $on_pace"
  done
done

echo
echo "| scenario | server | workers | highest loss-free rate (calls/s) | fixed rate (calls/s) | CPU µs per $unit (median) | each round | most steal % | p50 µs | p99 µs | samples | fixed run loss-free |"
echo "|---|---|---|---|---|---|---|---|---|---|---|---|"
for workers in "${worker_counts[@]}"; do
  for server in "${ordered[@]}"; do
    read -r max fixed cpu p50 p99 n f r u lf pace <<<"${result[$server,$workers]}"
    verdict="no: $f failed, $r retrans, $u unexpected$([ "$pace" = 1 ] || echo ", sipp fell behind")"
    echo "| $scenario | $server | $workers | $max | $fixed | $cpu | ${spread[$server,$workers]} | ${steal[$server,$workers]} | $p50 | $p99 | $n | $([ "$lf" = 1 ] && echo yes || echo "$verdict") |"
  done
done

ratio() { [ "$(echo "$2 > 0" | bc)" = 1 ] && printf '%.3gx' "$(echo "scale=6; $1 / $2" | bc)" || echo "n/a"; }
if [ -n "${result[sipline,${worker_counts[0]}]:-}" ] && [ -n "${result[kamailio,${worker_counts[0]}]:-}" ]; then
  echo
  for workers in "${worker_counts[@]}"; do
    read -r s_max _ s_cpu _ s_p99 _ <<<"${result[sipline,$workers]}"
    read -r k_max _ k_cpu _ k_p99 _ <<<"${result[kamailio,$workers]}"
    echo "sipline/Kamailio, $workers worker(s): CPU per $unit $(ratio "$s_cpu" "$k_cpu")," \
         "highest loss-free rate $(ratio "$s_max" "$k_max"), p99 at the fixed rate $(ratio "$s_p99" "$k_p99")"
  done
fi
if [ -n "${result[sipline,1]:-}" ] && [ -n "${result[sipline,2]:-}" ]; then
  for server in "${ordered[@]}"; do
    read -r one _ <<<"${result[$server,1]}"
    read -r two _ <<<"${result[$server,2]}"
    echo "$server scaling, 2 workers / 1 worker: $(ratio "$two" "$one")"
  done
fi
