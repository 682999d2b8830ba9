#!/usr/bin/env bash
# Memory per open transaction of the stateful relay: COUNT INVITEs relayed to a next hop that
# never answers, so every transaction stays open; the daemon's RSS before and after, divided by
# COUNT. Then, once fr_timer has ended them all, the table must be empty again.
# Runs inside a loopback-only network namespace. Usage: bench/relay/memory.sh [COUNT]
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ "${SIPLINE_IN_NETNS:-}" != 1 ]; then exec tests/support/netns-run.sh "$0" "$@"; fi
count=${1:-20000}
here=bench/relay
work=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$work"' EXIT
[ -x build/daemon/sipline ] || scripts/build.sh

sed "s|@DIR@|$work|" "$here/sipline.toml" > "$work/sipline.toml"
build/daemon/sipline -c "$work/sipline.toml" --plugin-dir build/plugins-out >"$work/sipline.log" 2>&1 &
pid=$!
sleep 1
rss_kib() { awk '/^VmRSS/ {print $2}' "/proc/$pid/status"; }
transactions() {
  build/daemon/siplinectl/siplinectl --socket "$work/sipline.sock" --json core.stats |
    grep -o '"transactions": *[0-9]*' | grep -o '[0-9]*$'
}

before=$(rss_kib)
timeout 120 sipp -sf "$here/invite_only.xml" 127.0.0.1:5060 -i 127.0.0.1 -m "$count" -r 4000 -l "$count" \
  -timeout 100s -nostdin >"$work/sipp.log" 2>&1 || true
open=$(transactions)
after=$(rss_kib)
echo "open transactions: $open of $count INVITEs"
echo "RSS: $before KiB before, $after KiB with them open"
echo "memory per open transaction: $(( (after - before) * 1024 / (open > 0 ? open : 1) )) bytes"

for _ in $(seq 60); do [ "$(transactions)" = 0 ] && break; sleep 1; done
echo "after fr_timer: $(transactions) open transactions, RSS $(rss_kib) KiB"
