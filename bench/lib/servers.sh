# Starting and stopping the servers under test on udp 127.0.0.1:5060, from the scenario's
# config with the worker count (and paths) rewritten in a copy. Sourced by bench/run.sh, which
# sets: repo, bench, build, work. Each start_* sets server_pid.

server_pid=

# wait_for_port PORT: until something listens on udp 127.0.0.1:PORT (at most 10 s).
wait_for_port() {
  local _
  for _ in $(seq 100); do
    ss -Hlun "sport = :$1" | grep -q . && return 0
    sleep 0.1
  done
  return 1
}

# start_sipline CONFIG WORKERS
start_sipline() {
  sed -e "s|^workers = .*|workers = $2|" \
      -e "s|^socket = .*|socket = \"$work/sipline.sock\"|" \
      -e "s|^list_file = .*|list_file = \"$bench/dispatcher.list\"|" \
      -e "s|^db_url = .*|db_url = \"sqlite:$work/htable.db\"|" \
      "$1" > "$work/sipline.toml"
  "$build/daemon/sipline" -c "$work/sipline.toml" --plugin-dir "$build/plugins-out" \
    >"$work/sipline.log" 2>&1 &
  server_pid=$!
  wait_for_port 5060 && kill -0 "$server_pid" 2>/dev/null ||
    { echo "bench: sipline did not start:"; cat "$work/sipline.log"; exit 1; }
}

# start_kamailio CONFIG WORKERS: children=WORKERS UDP workers; 1 GiB of shared memory so the
# stateful scenario's transactions never run out of it at high rates.
start_kamailio() {
  sed -e "s|^children=.*|children=$2|" \
      -e "s|\"\\.\\./dispatcher.list\"|\"$bench/dispatcher.list\"|" \
      "$1" > "$work/kamailio.cfg"
  kamailio -f "$work/kamailio.cfg" -DD -E -m 1024 -M 16 -Y "$work" -P "$work/kamailio.pid" \
    >"$work/kamailio.log" 2>&1 &
  server_pid=$!
  wait_for_port 5060 && kill -0 "$server_pid" 2>/dev/null ||
    { echo "bench: kamailio did not start:"; cat "$work/kamailio.log"; exit 1; }
}

# start_echo: the harness ceiling's "server", bench/lib/sip_echo.py.
start_echo() {
  $python "$bench/lib/sip_echo.py" 5060 >"$work/echo.log" 2>&1 &
  server_pid=$!
  wait_for_port 5060 || { echo "bench: the echo did not start:"; cat "$work/echo.log"; exit 1; }
}

# start_direct: no server (ceiling-calls: the caller talks to a callee straight); a sleeping
# stand-in so there is a process whose CPU is read (none).
start_direct() {
  sleep 100000 &
  server_pid=$!
}

# stop_server: SIGTERM, then SIGKILL after 5 s; waits until the port is free again.
stop_server() {
  [ -n "$server_pid" ] || return 0
  local tree
  tree=$(descendants "$server_pid")  # Kamailio's children too, should one outlive the main process
  kill "$server_pid" 2>/dev/null || true
  for _ in $(seq 50); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.1; done
  kill -9 $tree 2>/dev/null || true
  wait "$server_pid" 2>/dev/null || true
  server_pid=
  for _ in $(seq 50); do ss -Hlun "sport = :5060" | grep -q . || break; sleep 0.1; done
  return 0
}
