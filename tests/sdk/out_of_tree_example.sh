#!/usr/bin/env bash
# Installs the SDK from this build into a temporary prefix, builds sdk/examples/hello against
# that installed copy only (as a third party would), checks the .so exports exactly one symbol,
# and has the real daemon load it and validate a route that calls it.
# Usage: out_of_tree_example.sh <build-dir> <sipline-binary>
set -euo pipefail
build_dir=$1
daemon=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cmake --install "$build_dir" --component sdk --prefix "$work/prefix" >/dev/null
example="$work/prefix/share/sipline-sdk/examples/hello"
test -f "$example/CMakeLists.txt" || { echo "FAIL: example not installed at $example"; exit 1; }

cmake -S "$example" -B "$work/build" -DCMAKE_PREFIX_PATH="$work/prefix" >/dev/null
cmake --build "$work/build" >/dev/null
plugin="$work/build/hello.so"

exported=$(nm -D --defined-only "$plugin" | awk '{print $3}' | sort -u | tr '\n' ' ')
[ "$exported" = "sipline_plugin_entry " ] || { echo "FAIL: exports '$exported'"; exit 1; }

cat > "$work/hello.toml" <<TOML
[core]
listen = ["udp:127.0.0.1:5060"]

[plugins.hello]
plugin_file = "$plugin"
greeting = "hi"

[[route.request]]
call = "hello.stamp"
args = ["from \$si"]
then = "drop"
TOML
"$daemon" --check-config -c "$work/hello.toml"

# And a wrong argument count is refused by the core against the example's own declaration.
sed -i 's/^args = .*/args = ["a", "b"]/' "$work/hello.toml"
if out=$("$daemon" --check-config -c "$work/hello.toml" 2>&1); then
  echo "FAIL: two arguments were accepted"; exit 1
fi
grep -q "hello.toml:9: hello.stamp takes 0 to 1 argument" <<<"$out" || { echo "FAIL: unexpected refusal: $out"; exit 1; }
echo "PASS: out-of-tree plugin built against the installed SDK and loaded by sipline"
