#!/usr/bin/env bash
# The Debian packages end to end, on this machine (needs root; CI machines are throwaway):
# builds them with CPack, installs the core and the sl plugin alone with apt, checks the
# daemon answers OPTIONS with the packaged config (inside a loopback-only namespace), that the
# config is a conffile kept across a reinstall, that removing the plugin the config uses is a
# clear start-up error, that apt refuses a plugin built for another ABI, and that the SDK
# package builds the example plugin out of tree for the installed daemon. Removes it all after.
# Usage: packages_test.sh <build-dir>
set -euo pipefail
build_dir=$(cd "$1" && pwd)
source_dir=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
export DEBIAN_FRONTEND=noninteractive
fail() { echo "FAIL: $*"; exit 1; }
cleanup() {
  local installed
  installed=$(dpkg-query -W -f='${Package} ${Status}\n' 'sipline*' 2>/dev/null | awk '$NF != "not-installed" {print $1}')
  [ -z "$installed" ] || apt-get purge -y -qq $installed >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
[ "$(id -u)" = 0 ] || fail "installing packages needs root"
command -v sipline >/dev/null && fail "a sipline is installed already; this test installs and purges its own"

(cd "$build_dir" && cpack -G DEB -B "$work/debs" >"$work/cpack.log" 2>&1) || { cat "$work/cpack.log"; fail "cpack"; }
debs=$work/debs
deb() { ls "$debs"/"$1"_*.deb; }

# The ABI is a virtual package: the core provides it, every plugin depends on it.
[ "$(dpkg-deb -f "$(deb sipline)" Provides)" = sipline-abi-1 ] || fail "sipline does not provide sipline-abi-1"
for plugin in "$debs"/sipline-plugin-*.deb; do
  dpkg-deb -f "$plugin" Depends | grep -q '^sipline-abi-1' || fail "$(basename "$plugin") does not depend on sipline-abi-1"
done

apt-get install -y -qq "$(deb sipline)" "$(deb sipline-plugin-sl)" >"$work/apt.log" 2>&1 || { cat "$work/apt.log"; fail "apt install"; }
getent passwd sipline >/dev/null || fail "no sipline system user"
dpkg-query -W -f='${Conffiles}\n' sipline | grep -q /etc/sipline/sipline.toml || fail "sipline.toml is not a conffile"
[ -f /usr/lib/systemd/system/sipline.service ] || fail "no systemd unit"
/usr/bin/sipline --check-config >/dev/null 2>&1 || fail "the packaged config is refused"

# The installed daemon with its packaged config answers OPTIONS (the netns has its own 5060).
mkdir -p /run/sipline
"$source_dir/tests/support/netns-run.sh" bash -c '
  /usr/bin/sipline >'"$work"'/daemon.log 2>&1 & pid=$!
  for _ in $(seq 50); do [ -S /run/sipline/sipline.sock ] && break; sleep 0.1; done
  sipsak -vv -s sip:ping@127.0.0.1:5060 >'"$work"'/sipsak.log 2>&1; rc=$?
  kill $pid; wait $pid || true; exit $rc' || { cat "$work/sipsak.log" "$work/daemon.log"; fail "no 200 OK to OPTIONS"; }
grep -q "SIP/2.0 200 OK" "$work/sipsak.log" || fail "sipsak saw no 200 OK"

# An edited config survives a reinstall of the same package (conffile handling).
echo "# edited by the package test" >> /etc/sipline/sipline.toml
dpkg -i --force-confold "$(deb sipline)" >/dev/null
grep -q "edited by the package test" /etc/sipline/sipline.toml || fail "the reinstall lost the config edit"

# Removing the plugin the config uses: refused at start, naming the plugin.
apt-get remove -y -qq sipline-plugin-sl >/dev/null
if out=$(/usr/bin/sipline --check-config 2>&1); then fail "started without sl.so"; fi
grep -q "sl" <<<"$out" && grep -q "sipline.toml" <<<"$out" || fail "unclear refusal: $out"

# A plugin built for ABI 2: apt refuses it, nothing gets installed.
dpkg-deb -R "$(deb sipline-plugin-maxfwd)" "$work/abi2"
sed -i -e 's/^Package: .*/Package: sipline-plugin-future/' -e 's/sipline-abi-1/sipline-abi-2/' "$work/abi2/DEBIAN/control"
dpkg-deb -b "$work/abi2" "$work/future.deb" >/dev/null
if apt-get install -y "$work/future.deb" >"$work/future.log" 2>&1; then fail "a plugin for ABI 2 was installed"; fi
grep -q "sipline-abi-2" "$work/future.log" || fail "apt refused for another reason: $(cat "$work/future.log")"
dpkg -s sipline-plugin-future >/dev/null 2>&1 && fail "the ABI 2 plugin is on the system"

# The SDK package: the example plugin builds against it and the installed daemon loads it.
apt-get install -y -qq "$(deb sipline-sdk)" >/dev/null
cmake -S /usr/share/sipline-sdk/examples/hello -B "$work/hello" >/dev/null
cmake --build "$work/hello" >/dev/null
cat > "$work/hello.toml" <<TOML
[core]
listen = ["udp:127.0.0.1:5060"]

[plugins.hello]
plugin_file = "$work/hello/hello.so"
greeting = "hi"

[[route.request]]
call = "hello.stamp"
args = ["from \$si"]
then = "drop"
TOML
/usr/bin/sipline --check-config -c "$work/hello.toml" || fail "the installed daemon refused the SDK-built plugin"
echo "PASS: packages install, run, keep their config, refuse a wrong ABI and build plugins out of tree"
