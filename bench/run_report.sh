#!/usr/bin/env bash
# Reproduces the "PDF report" figures of bench/RESULTS.md: pages per second per core for a report
# of about 50 pages, the time to write a report against the time to evaluate the audit, and the
# size of the sample reports. Builds nothing: build sceau and sceau_bench_report first.
#
#   bench/run_report.sh [BUILD_DIR]      (default: build)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${1:-$root/build}
cd "$root"
echo "## sceau_bench_report --runs 7 --gaps 180"
"$build/bench/sceau_bench_report" --runs 7 --gaps 180
echo
echo "## Sample reports (pages, bytes)"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for f in audits/*.yaml; do
  stem=$(basename "$f" .yaml)
  "$build/sceau" -q audit "$f" --format pdf --out "$tmp"
  printf '%-22s %3s pages %7s bytes\n' "$stem" \
    "$(pdfinfo "$tmp/$stem.pdf" 2>/dev/null | awk '/^Pages/{print $2}')" "$(stat -c %s "$tmp/$stem.pdf")"
done
