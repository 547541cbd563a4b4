#!/usr/bin/env bash
# Regenerates the pictures of the PDF report shown in README.md: the first two pages of the report
# of audits/conditional.yaml, rendered with pdftoppm (Debian poppler-utils). Run after a build.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
build/sceau -q audit audits/conditional.yaml --format pdf --out "$tmp"
pdftoppm -png -r 60 -f 1 -l 2 "$tmp/conditional.pdf" "$tmp/page" 2>/dev/null
mv "$tmp/page-01.png" docs/images/report-page-1.png
mv "$tmp/page-02.png" docs/images/report-page-2.png
echo "Wrote docs/images/report-page-1.png and docs/images/report-page-2.png"
