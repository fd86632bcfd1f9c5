#!/usr/bin/env bash
# Renders the README's screenshots into docs/screenshots/ without a display.
# Usage: scripts/screenshots.sh [BUILD_DIR]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

build_dir=${1:-$MFU_ROOT/build-release}
mfu_release_build "$build_dir"
export QT_QPA_PLATFORM=offscreen
shot=$build_dir/tests/gui/screenshot_tool
app=$build_dir/src/app/mfu-explorer
out=$MFU_ROOT/docs/screenshots
mkdir -p "$out"
cd "$MFU_ROOT"
# Relative, as a user types it: the status bar shows the path opened.
scenarios=presets/scenarios

# English whatever the machine's locale; the Chinese shot asks for its own.
export LANG=C.UTF-8 LC_ALL=C.UTF-8
"$shot" "$out/window.png"
"$shot" "$out/baseline.png" --baseline-dp 64
"$shot" "$out/reference_runs.png" --scenario "$scenarios/llama3-405b-h100.json" --reference --axis 2
"$shot" "$out/derivation.png" --tab 1
"$shot" "$out/derivation_time.png" --tab 1 --scroll-end
"$shot" "$out/benchmarks.png" --model llama3-8b --import tests/data/import/native.json --reference --tab 2
# A laptop at 200%: 2560 × 1440 pixels, 1280 × 720 for the window.
QT_SCALE_FACTOR=2 "$shot" "$out/window_200pct.png" --size 1280x720
LANG=zh_CN.UTF-8 LC_ALL=zh_CN.UTF-8 "$shot" "$out/window_zh_CN.png"
"$app" --report "$scenarios/default.json" -o "$out/dashboard.png" --size 1600x1000
echo "Screenshots in $out"
