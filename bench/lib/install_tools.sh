#!/usr/bin/env bash
# What bench/run.sh needs, installed from Debian when missing: sipp, bc, sqlite3, and Kamailio
# 5.6 when it is among the servers (SERVERS, comma-separated). Kamailio's package would start
# its own service on 5060: a policy-rc.d refusing service starts is in place while it installs
# (an existing one, as in containers, is left as it is).
set -euo pipefail
servers=${1:-sipline,kamailio}
missing=()
command -v sipp >/dev/null || missing+=(sip-tester)
command -v bc >/dev/null || missing+=(bc)
command -v sqlite3 >/dev/null || missing+=(sqlite3)
command -v ss >/dev/null || missing+=(iproute2)
if [[ ,$servers, == *,kamailio,* ]] && ! command -v kamailio >/dev/null; then missing+=(kamailio); fi
[ ${#missing[@]} -gt 0 ] || exit 0

policy=/usr/sbin/policy-rc.d
ours=0
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' > "$policy" && chmod +x "$policy"
  ours=1
fi
trap '[ $ours = 1 ] && rm -f "$policy"' EXIT
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
