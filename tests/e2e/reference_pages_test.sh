#!/usr/bin/env bash
# Each plugin's committed REFERENCE.md is exactly what the built plugin declares
# (sipline --describe-plugin): the reference cannot drift from the code.
# Usage: reference_pages_test.sh <sipline> <plugin-dir> <source-dir>
set -euo pipefail
daemon=$1 plugin_dir=$2 source_dir=$3
checked=0
for so in "$plugin_dir"/*.so; do
  name=$(basename "$so" .so)
  page=$source_dir/plugins/$name/REFERENCE.md
  [ -d "$source_dir/plugins/$name" ] || continue # a test fixture, not a shipped plugin
  [ -f "$page" ] || { echo "FAIL: $page is missing: run scripts/plugin-reference.sh"; exit 1; }
  diff -u "$page" <("$daemon" --plugin-dir "$plugin_dir" --describe-plugin "$name") ||
    { echo "FAIL: $page differs from the plugin: run scripts/plugin-reference.sh"; exit 1; }
  checked=$((checked + 1))
done
[ "$checked" -gt 0 ] || { echo "FAIL: no plugin found in $plugin_dir"; exit 1; }
listed=$("$daemon" --plugin-dir "$plugin_dir" --list-plugins)
grep -q "^sl 1\.0\.0  Stateless replies" <<<"$listed" || { echo "FAIL: --list-plugins: $listed"; exit 1; }
if out=$("$daemon" --plugin-dir "$plugin_dir" --describe-plugin nosuch 2>&1); then
  echo "FAIL: a missing plugin was described"; exit 1
fi
grep -q "nosuch.so" <<<"$out" || { echo "FAIL: the error does not name the file: $out"; exit 1; }
echo "PASS: $checked reference pages match their plugins"
