#!/usr/bin/env bash
# Bounded libFuzzer runs over the config loader and compiler, the condition language and the
# JSON-RPC handler, everything built with clang, ASan and UBSan in build-fuzz-core/. Any
# finding (crash, sanitizer report, timeout, leak) fails the run and leaves its input in
# build-fuzz-core/findings/. FUZZ_SECONDS (20) bounds each target.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${FUZZ_BUILD_DIR:-$root/build-fuzz-core}
seconds=${FUZZ_SECONDS:-20}

"$root/scripts/deps.sh" # clang and libclang-rt-14-dev among them

cmake -S "$root" -B "$build" -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSIPLINE_FUZZERS=ON >/dev/null
cmake --build "$build" -j "${JOBS:-2}" --target config_fuzzer condition_fuzzer jsonrpc_fuzzer >/dev/null

declare -A seeds=(
  [config]="$root/conf $root/conf/examples"
  [condition]="$root/tests/fixtures/conditions"
  [jsonrpc]="$root/tests/fixtures/jsonrpc"
)
mkdir -p "$build/findings"
status=0
for target in config condition jsonrpc; do
  corpus=$build/corpus/$target
  mkdir -p "$corpus"
  # shellcheck disable=SC2086 # the seed folders are a list
  if "$build/tests/fuzz/${target}_fuzzer" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
      -max_len=8192 -artifact_prefix="$build/findings/$target-" "$corpus" ${seeds[$target]} \
      >"$build/$target.log" 2>&1; then
    echo "fuzz-core: $target: $(grep -o 'Done [0-9]* runs in [0-9]* second(s)' "$build/$target.log"), no finding"
  else
    echo "fuzz-core: $target: FINDING" >&2
    tail -40 "$build/$target.log" >&2
    status=1
  fi
done
exit "$status"
