#!/usr/bin/env bash
# Regenerates the pictures shown in README.md. Run after a build.
# - the first two pages of the report of audits/conditional.yaml, rendered with pdftoppm (Debian
#   poppler-utils);
# - the public directory of a register of a few sample results, on 2026-12-07: its French index
#   and a suspended certificate's English page, as headless Chromium shows them (Debian chromium).
# - the CEDRE audit grid of audits/granted.yaml, as LibreOffice prints it.
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

export LANG=en_GB.UTF-8
for d in granted conditional rse-confirme rse-initial multisite-ai-9-sites root-cause; do
  build/sceau -q audit "audits/$d.yaml" --format json --out "$tmp/results"
done
for f in "$tmp"/results/*.json; do
  build/sceau -q register --db "$tmp/register.sqlite3" record "$f" --new-certificate
done
build/sceau -q register --db "$tmp/register.sqlite3" suspend CEDRE-2026-00002 \
  --reason "NC majeure non levée" --today 2026-11-02
build/sceau -q register --db "$tmp/register.sqlite3" withdraw RSE-2026-00001 \
  --reason "retrait" --today 2026-11-20
build/sceau -q register --db "$tmp/register.sqlite3" publish --out "$tmp/site" \
  --today 2026-12-07 --config certifier/sceau.yaml
shot() {
  chromium --headless=new --no-sandbox --disable-gpu --hide-scrollbars --no-first-run \
    --user-data-dir="$tmp/chromium" --window-size="$2" --screenshot="$3" "file://$tmp/site/$1" \
    >/dev/null 2>&1
}
shot index.html 1100,1000 docs/images/directory-index.png
shot en/certificates/CEDRE-2026-00002.html 1000,1000 docs/images/directory-certificate.png
echo "Wrote docs/images/directory-index.png and docs/images/directory-certificate.png"

# The CEDRE grid of audits/granted.yaml as LibreOffice prints its assessments sheet (Debian
# libreoffice-calc-nogui, headless), the top left of the page.
build/sceau -q template referentials/cedre-iso9001.yaml --format xlsx --from audits/granted.yaml \
  --lang fr --out "$tmp/grille.xlsx"
(cd "$tmp" && LC_ALL=C.UTF-8 soffice --headless "-env:UserInstallation=file://$tmp/lo" \
  --convert-to pdf grille.xlsx >/dev/null 2>&1)
page=$(pdftotext -layout "$tmp/grille.pdf" - | awk 'BEGIN { RS = "\f" } /Évaluation des critères/ { print NR; exit }')
pdftoppm -png -r 150 -f "$page" -l "$page" -x 40 -y 60 -W 1500 -H 700 "$tmp/grille.pdf" "$tmp/grid"
mv "$tmp"/grid-*.png docs/images/grid-libreoffice.png
echo "Wrote docs/images/grid-libreoffice.png"
