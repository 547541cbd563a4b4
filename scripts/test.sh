#!/usr/bin/env bash
# Sets up sceau on Debian 12 (packages, Release build), then runs the whole test suite via ctest.
set -euo pipefail
SCEAU_WITH_TEST_PACKAGES=1
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
sceau_setup
cd "$SCEAU_ROOT"
ctest --test-dir build --output-on-failure -j "$(nproc)"
