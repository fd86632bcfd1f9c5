#!/usr/bin/env bash
# Builds Release and runs every benchmark; prints one line per benchmark:
#   BENCH <name> <median> <unit>
# Usage: scripts/bench.sh [BUILD_DIR]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

build_dir=${1:-$MFU_ROOT/build-release}
mfu_release_build "$build_dir"
export QT_QPA_PLATFORM=offscreen
for bench in "$build_dir"/tests/bench/bench_*; do
  # Executables only: CMake leaves bench_*_autogen folders beside them.
  [ -f "$bench" ] && [ -x "$bench" ] || continue
  "$bench" | grep '^BENCH '
done
