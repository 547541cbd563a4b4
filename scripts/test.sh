#!/usr/bin/env bash
# Sets up sceau on Debian 12 (packages, Release build), then runs the whole test suite via ctest.
set -euo pipefail
SCEAU_WITH_TEST_PACKAGES=1
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
# The independent verifier of Open Badges credentials (tests/verifier) runs on node: Debian's
# nodejs and npm, installed only when the commands are missing (a node from elsewhere is kept).
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  SCEAU_TEST_PACKAGES+=(nodejs npm)
fi
sceau_setup
cd "$SCEAU_ROOT"
# Its npm packages, at the versions package-lock.json pins: installed when node_modules is
# missing or older than the lock file.
verifier="$SCEAU_ROOT/tests/verifier"
if [ ! -f "$verifier/node_modules/.package-lock.json" ] ||
   [ "$verifier/package-lock.json" -nt "$verifier/node_modules/.package-lock.json" ]; then
  log=$(mktemp)
  if ! (cd "$verifier" && npm ci --no-audit --no-fund) >"$log" 2>&1; then
    cat "$log" >&2
    rm -f "$log"
    echo "npm ci failed in tests/verifier; see above" >&2
    exit 1
  fi
  rm -f "$log"
fi
ctest --test-dir build --output-on-failure -j "$(nproc)"
