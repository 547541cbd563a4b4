#!/usr/bin/env bash
# Sets up sceau on Debian 12 (packages, Release build), then runs the main job on shipped data:
# the shipped referentials validated, and a sample audit dossier evaluated, its reports written
# to out/.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
sceau_setup
cd "$SCEAU_ROOT"
mkdir -p out
echo "\$ build/sceau validate referentials/*.yaml"
build/sceau validate referentials/*.yaml
echo
echo "\$ build/sceau audit audits/conditional.yaml --out out"
build/sceau audit audits/conditional.yaml --out out
build/sceau graph referentials/cedre-iso9001.yaml -o out/cedre-iso9001.dot
if command -v dot >/dev/null; then
  dot -Tsvg out/cedre-iso9001.dot -o out/cedre-iso9001.svg
fi
echo
echo "Also in out/: the criteria graph of the CEDRE label (cedre-iso9001.dot, .svg)."
echo "Other sample dossiers: audits/*.yaml; the formats: referentials/README.md, audits/README.md."
