# Shared by scripts/run and scripts/test: install what is missing from
# Debian's packages, then configure (once) and build in ./build.

VUM_PACKAGES=(
  cmake ninja-build g++ pkg-config
  libprotobuf-dev protobuf-compiler libabsl-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  libssl-dev libboost-dev libzstd-dev libsimdjson-dev rapidjson-dev libsqlite3-dev libcpp-httplib-dev libcli11-dev libglpk-dev
  clang-14 libfuzzer-14-dev clang-format python3 python3-protobuf python3-pytest chromium
  openjdk-17-jdk-headless libjna-java junit5 libprotobuf-java mono-devel
)

vum_install_missing() {
  local missing=()
  for p in "${VUM_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
      missing+=("$p")
  done
  # npm, for the OpenAPI lint (Redocly's CLI from the npm registry): Debian's
  # nodejs and npm, unless a Node.js with npm is installed already.
  command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)
  [ ${#missing[@]} -eq 0 ] && return 0
  vum_apt_install "${missing[@]}"
}

# vum_apt_install PACKAGE...: installs them from Debian's packages (with sudo
# unless root).
vum_apt_install() {
  echo "Installing missing packages: $*" >&2
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
    "$@" >&2
}

# vum_build [extra cmake -D options...]: configures build/ on first use and
# builds it; later runs only rebuild what changed.
vum_build() {
  if [ ! -f build/CMakeCache.txt ]; then
    cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" >&2
  elif [ $# -gt 0 ]; then
    cmake build "$@" >/dev/null
  fi
  cmake --build build --parallel "$(nproc)" >&2
}

# vum_build_fuzzers: the libFuzzer targets, built with clang-14 and
# sanitizers in ./build-fuzz (a separate tree: the library is instrumented).
vum_build_fuzzers() {
  if [ ! -f build-fuzz/CMakeCache.txt ]; then
    CC=clang-14 CXX=clang++-14 cmake -S . -B build-fuzz -G Ninja \
      -DCMAKE_BUILD_TYPE=RelWithDebInfo -DVUM_BUILD_TESTS=OFF -DVUM_BUILD_TOOLS=OFF \
      -DVUM_BUILD_CONFORMANCE=OFF -DVUM_BUILD_FUZZERS=ON >&2
  fi
  cmake --build build-fuzz --parallel "$(nproc)" >&2
}
