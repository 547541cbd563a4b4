#!/usr/bin/env bash
# Builds sceau with AddressSanitizer and UndefinedBehaviorSanitizer in build-asan/ and runs the
# whole test suite there: any leak, overflow or undefined behaviour fails it. Same set-up as
# scripts/test.sh (Debian packages); CI runs it after the normal suite.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
sceau_install_packages
build="$SCEAU_ROOT/build-asan"
log="$build/build.log"
mkdir -p "$build"
if [ ! -f "$build/CMakeCache.txt" ]; then
  echo "Configuring the sanitized build in build-asan/"
  if ! cmake -S "$SCEAU_ROOT" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
       -DSCEAU_ENABLE_ASAN=ON -DSCEAU_ENABLE_UBSAN=ON -DSCEAU_BUILD_BENCH=OFF >"$log" 2>&1; then
    cat "$log" >&2
    exit 1
  fi
fi
if ! cmake --build "$build" -j "$(nproc)" >"$log" 2>&1; then
  grep -E "error|Error" -A5 "$log" | head -60 >&2
  echo "sanitized build failed; the whole log is in build-asan/build.log" >&2
  exit 1
fi
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:strict_string_checks=1
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
# Leaks of the Debian libraries themselves, reported upstream, not sceau's (see the file).
export LSAN_OPTIONS=suppressions=$SCEAU_ROOT/tests/lsan.supp:print_suppressions=0
cd "$SCEAU_ROOT"
ctest --test-dir build-asan --output-on-failure -j "$(nproc)"
