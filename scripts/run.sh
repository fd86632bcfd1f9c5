#!/usr/bin/env bash
# Installs what is missing, builds into build/ (optimised, with debug information: the same
# build scripts/test.sh makes, so the two share it), and opens the explorer. Without a
# display it renders the default dashboard to build/dashboard.png instead.
# Usage: scripts/run.sh [SCENARIO.json]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

build_dir=$MFU_ROOT/build
mfu_install_packages
mfu_build "$build_dir" RelWithDebInfo
app=$build_dir/src/app/mfu-explorer
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  if "$app" --help | grep -q -- "--report"; then
    "$app" --report "${1:-$MFU_ROOT/presets/scenarios/default.json}" -o "$build_dir/dashboard.png" < /dev/null
    echo "No display: rendered the dashboard to $build_dir/dashboard.png"
  else
    echo "No display: the window needs one. Try: $app --eval $MFU_ROOT/presets/scenarios/default.json"
  fi
  exit 0
fi
exec "$app" "$@"
