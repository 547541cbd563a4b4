#!/usr/bin/env bash
# Builds the libFuzzer targets of fuzz/ in build-fuzz/ (clang, ASan, UBSan) and runs each one in
# turn for SECONDS_PER_TARGET seconds (default 60). Usage: scripts/fuzz.sh [SECONDS_PER_TARGET]
#
# Each target grows its working corpus build-fuzz/corpus/<target>/, seeded from
# fuzz/corpus/<target>/, and writes any crashing, leaking or slow input to build-fuzz/crashes/.
# Prints one line per target; exits 1 on the first target that finds a crash, a leak, undefined
# behaviour, a timeout (10 s per input) or an out-of-memory (2 GB), with the reproduction command.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"

SECONDS_PER_TARGET=${1:-60}
if ! [[ "$SECONDS_PER_TARGET" =~ ^[1-9][0-9]*$ ]]; then
  echo "usage: scripts/fuzz.sh [SECONDS_PER_TARGET]   (a positive number of seconds; default 60)" >&2
  exit 2
fi
TARGETS=(referential_fuzz dossier_fuzz evaluator_fuzz pdf_fuzz previous_result_fuzz group_fuzz
  result_readers_fuzz pdf_attachments_fuzz config_fuzz credential_fuzz workbook_fuzz grid_layout_fuzz)
FUZZ_BUILD="$SCEAU_ROOT/build-fuzz"

# sceau's own packages plus clang and its sanitizer and libFuzzer runtimes.
SCEAU_PACKAGES+=(clang libclang-rt-14-dev)
sceau_install_packages

cd "$SCEAU_ROOT"
mkdir -p "$FUZZ_BUILD"
log="$FUZZ_BUILD/build.log"
if [ ! -f "$FUZZ_BUILD/CMakeCache.txt" ]; then
  echo "Configuring the fuzz targets (clang, RelWithDebInfo) in build-fuzz/"
  if ! CC=clang CXX=clang++ cmake -S "$SCEAU_ROOT" -B "$FUZZ_BUILD" -DSCEAU_BUILD_FUZZ=ON \
      -DSCEAU_BUILD_TESTS=OFF -DSCEAU_BUILD_BENCH=OFF -DCMAKE_BUILD_TYPE=RelWithDebInfo \
      >"$log" 2>&1; then
    cat "$log" >&2
    rm -f "$FUZZ_BUILD/CMakeCache.txt"
    echo "cmake configuration of build-fuzz/ failed" >&2
    exit 1
  fi
fi
# Only the fuzz targets: the rest of this build is instrumented for libFuzzer and not meant to run.
if ! cmake --build "$FUZZ_BUILD" -j "$(nproc)" --target "${TARGETS[@]}" >"$log" 2>&1; then
  grep -E "error|Error" -A5 "$log" | head -60 >&2
  echo "build of the fuzz targets failed; the whole log is in build-fuzz/build.log" >&2
  exit 1
fi

mkdir -p "$FUZZ_BUILD/crashes" "$FUZZ_BUILD/logs"
# The libraries are built with recoverable UBSan checks: make every report fatal, so that
# libFuzzer records the input (a suppressions= file can still silence a known one locally).
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}
for t in "${TARGETS[@]}"; do
  corpus="$FUZZ_BUILD/corpus/$t"
  tlog="$FUZZ_BUILD/logs/$t.log"
  mkdir -p "$corpus"
  # New inputs go to the first folder (the working corpus); the seeds are only read.
  extra=()
  # A full-size result renders in about a second under ASan: keep pdf_fuzz inputs small.
  if [ "$t" = pdf_fuzz ]; then extra=(-max_len=16384); fi
  # Signed PDFs are large; their structure (xref, trailer, objects) is what is fuzzed.
  if [ "$t" = pdf_attachments_fuzz ]; then extra=(-max_len=65536); fi
  rc=0
  SCEAU_SOURCE_DIR="$SCEAU_ROOT" "$FUZZ_BUILD/fuzz/$t" \
    -max_total_time="$SECONDS_PER_TARGET" -timeout=10 -rss_limit_mb=2048 \
    -dict="$SCEAU_ROOT/fuzz/yaml.dict" -artifact_prefix="$FUZZ_BUILD/crashes/$t-" \
    -print_final_stats=1 -print_funcs=0 "${extra[@]}" \
    "$corpus" "$SCEAU_ROOT/fuzz/corpus/$t" >"$tlog" 2>&1 || rc=$?
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$tlog" | tail -n 1)
  speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$tlog" | tail -n 1)
  files=$(find "$corpus" -type f | wc -l)
  if [ "$rc" -ne 0 ]; then
    echo "$t: FAILED (exit $rc) after ${runs:-?} runs; log: build-fuzz/logs/$t.log" >&2
    grep -E "^==[0-9]+==ERROR|runtime error|SUMMARY|ALARM|out-of-memory|Test unit written to" \
      "$tlog" | head -n 12 >&2
    artifact=$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$tlog" | tail -n 1)
    if [ -n "$artifact" ]; then
      echo "reproduce: build-fuzz/fuzz/$t ${artifact#"$SCEAU_ROOT/"}" >&2
    fi
    exit 1
  fi
  printf '%-22s %ss  %s runs  %s exec/s  corpus %s files\n' \
    "$t:" "$SECONDS_PER_TARGET" "${runs:-?}" "${speed:-?}" "$files"
done
