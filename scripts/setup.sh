# Shared set-up for demo.sh and test.sh: Debian packages, then a Release build in build/.
# Sourced, not run. Quiet when there is nothing to do; idempotent.

SCEAU_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SCEAU_BUILD="$SCEAU_ROOT/build"

# What sceau needs from Debian 12 to build, test and render (see README "Dependencies").
SCEAU_PACKAGES=(
  g++ cmake make pkg-config
  libyaml-dev libyaml-cpp-dev libboost-graph-dev libspdlog-dev libfmt-dev libcli11-dev nlohmann-json3-dev libssl-dev
  libhpdf-dev fonts-dejavu-core fonttools libqrencode-dev zlib1g-dev
  libkainjow-mustache-dev liborcus-dev libxlsxwriter-dev
  libsqlite3-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  graphviz python3 python3-yaml python3-jsonschema qpdf poppler-utils
  ghostscript mupdf-tools
)

# What only the tests need, installed by test.sh alone: a real browser for the public directory,
# a QR decoder for the certificates' codes, LibreOffice and openpyxl for the audit grids.
SCEAU_TEST_PACKAGES=(chromium zbar-tools libreoffice-calc-nogui python3-openpyxl)

sceau_missing_packages() {
  local missing=() p
  for p in "${SCEAU_PACKAGES[@]}" ${SCEAU_WITH_TEST_PACKAGES:+"${SCEAU_TEST_PACKAGES[@]}"}; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
      missing+=("$p")
    fi
  done
  echo "${missing[@]}"
}

sceau_install_packages() {
  local missing
  missing=$(sceau_missing_packages)
  [ -z "$missing" ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    echo "sceau needs these Debian packages: $missing" >&2
    echo "Install them as root, then run this script again:" >&2
    echo "  apt-get update && apt-get install -y --no-install-recommends $missing" >&2
    exit 1
  fi
  echo "Installing Debian packages: $missing"
  local log
  log=$(mktemp)
  if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
         apt-get install -y -qq --no-install-recommends $missing; } >"$log" 2>&1; then
    cat "$log" >&2
    rm -f "$log"
    echo "apt-get failed; see above" >&2
    exit 1
  fi
  rm -f "$log"
}

sceau_build() {
  local log="$SCEAU_BUILD/build.log"
  mkdir -p "$SCEAU_BUILD"
  if [ ! -f "$SCEAU_BUILD/CMakeCache.txt" ]; then
    echo "Configuring sceau (Release) in build/"
    if ! cmake -S "$SCEAU_ROOT" -B "$SCEAU_BUILD" -DCMAKE_BUILD_TYPE=Release >"$log" 2>&1; then
      cat "$log" >&2
      echo "cmake configuration failed" >&2
      exit 1
    fi
  fi
  if ! cmake --build "$SCEAU_BUILD" -j "$(nproc)" >"$log" 2>&1; then
    grep -E "error|Error" -A5 "$log" | head -60 >&2
    echo "build failed; the whole log is in build/build.log" >&2
    exit 1
  fi
  if grep -q "Building CXX" "$log"; then echo "Built build/sceau"; fi
}

sceau_setup() {
  sceau_install_packages
  sceau_build
}
