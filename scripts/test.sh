#!/usr/bin/env bash
# Installs what is missing, builds, and runs the whole test suite headless.
# Usage: scripts/test.sh [BUILD_DIR] [extra cmake args...]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

build_dir=${1:-$MFU_ROOT/build}
[ $# -gt 0 ] && shift
mfu_install_packages
mfu_build "$build_dir" RelWithDebInfo "$@"
export QT_QPA_PLATFORM=offscreen
cd "$build_dir"
ctest --output-on-failure --parallel "$(nproc)" --timeout 600
