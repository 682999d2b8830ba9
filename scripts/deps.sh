#!/usr/bin/env bash
# Installs what building and testing sipline needs, from Debian's packages (bookworm).
# Does nothing when everything is already there.
set -euo pipefail

packages=(
  cmake g++ make pkg-config
  libboost-dev libboost-system-dev libboost-filesystem-dev
  libtomlplusplus-dev nlohmann-json3-dev libsqlite3-dev libre2-dev
  libgtest-dev libgmock-dev
  libpq-dev postgresql
  sip-tester sipsak iproute2 procps
  dpkg-dev adduser
  clang libclang-rt-14-dev
  libhiredis-dev redis-server sipvicious
  libbenchmark-dev valgrind psmisc bc
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "deps: installing ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
