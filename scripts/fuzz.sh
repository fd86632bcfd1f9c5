#!/usr/bin/env bash
# Fuzzes every benchmark parser with libFuzzer for SECONDS each (default 30), under
# AddressSanitizer and UndefinedBehaviorSanitizer, seeded with the fixtures of tests/data/import
# (copied: the fuzzer writes new inputs into its corpus). Any crash, sanitizer report, leak,
# timeout or out-of-memory fails the run; the input that caused it is kept in
# build-fuzz/artifacts/. Builds with clang in its own folder, build-fuzz/, engine and io only.
# Usage: scripts/fuzz.sh [SECONDS]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

seconds=${1:-30}
if ! [[ "$seconds" =~ ^[0-9]+$ ]] || [ "$seconds" -lt 1 ]; then
  echo "usage: scripts/fuzz.sh [SECONDS]" >&2
  exit 2
fi
mfu_install_packages
if ! command -v clang++ >/dev/null; then
  echo "scripts/fuzz.sh: clang++ not found (libFuzzer needs clang and libclang-rt-14-dev)" >&2
  exit 1
fi

build=$MFU_ROOT/build-fuzz
targets=(fuzz_benchmarks_json fuzz_benchmarks_csv fuzz_megatron fuzz_torchtitan fuzz_nanogpt
         fuzz_hf_trainer fuzz_import)
# Warnings stay warnings here: clang warns about things GCC does not, and this build looks for
# crashes, not style.
cmake -S "$MFU_ROOT" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_COMPILER=clang++ -DMFU_BUILD_GUI=OFF -DMFU_FUZZ=ON -DMFU_SANITIZE=ON \
  -DMFU_WERROR=OFF >/dev/null
cmake --build "$build" --parallel "$(nproc)" --target "${targets[@]}"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:halt_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
artifacts=$build/artifacts
mkdir -p "$artifacts"
failed=()
for target in "${targets[@]}"; do
  corpus=$work/$target
  mkdir -p "$corpus"
  cp "$MFU_ROOT"/tests/data/import/* "$corpus"/
  echo "fuzzing ${target#fuzz_} for ${seconds} s"
  if "$build/tests/fuzz/$target" "$corpus" -max_total_time="$seconds" -timeout=10 \
      -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$artifacts/$target-" \
      >"$work/$target.log" 2>&1; then
    grep -E "^stat::number_of_executed_units|^stat::new_units_added" "$work/$target.log" | tr '\n' ' '
    echo
  else
    tail -n 60 "$work/$target.log" >&2
    failed+=("$target")
  fi
done

if [ ${#failed[@]} -gt 0 ]; then
  echo "scripts/fuzz.sh: findings in ${failed[*]}; inputs in $artifacts" >&2
  exit 1
fi
echo "fuzzing: no findings"
