# Shared by run.sh, test.sh and bench.sh: installs what is missing and configures a build.
# Sourced, not run.

MFU_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

# Debian/Ubuntu packages the build, the tests and the window need.
MFU_PACKAGES=(
  cmake ninja-build g++ pkg-config
  qt6-base-dev qt6-svg-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
  libqcustomplot-dev libqcustomplot2.1-qt6 nlohmann-json3-dev libgl1-mesa-dev libeigen3-dev
  xvfb xauth fonts-noto-cjk fonts-dejavu-core
  clang libclang-rt-14-dev clang-format
)

mfu_install_packages() {
  local missing=()
  for pkg in "${MFU_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "Installing missing packages: ${missing[*]}"
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# mfu_build DIR BUILD_TYPE [extra cmake args...]
mfu_build() {
  local dir=$1 type=$2
  shift 2
  cmake -S "$MFU_ROOT" -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE="$type" "$@" >/dev/null
  cmake --build "$dir" --parallel "$(nproc)"
}

# mfu_release_build DIR: what is missing installed, then a quiet Release build into DIR.
mfu_release_build() {
  mfu_install_packages
  mfu_build "$1" Release >/dev/null
}
