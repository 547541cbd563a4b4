#!/usr/bin/env bash
# Sets up sceau on Debian 12 (packages, Release build), then shows the main job on shipped data:
# every shipped referential validated, and the criteria graph of the CEDRE label summarised.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
sceau_setup
cd "$SCEAU_ROOT"
echo "\$ build/sceau validate referentials/*.yaml"
build/sceau validate referentials/*.yaml
echo
echo "\$ build/sceau graph --format summary referentials/cedre-iso9001.yaml"
build/sceau graph --format summary referentials/cedre-iso9001.yaml
mkdir -p out
build/sceau graph referentials/cedre-iso9001.yaml -o out/cedre-iso9001.dot
if command -v dot >/dev/null; then
  dot -Tsvg out/cedre-iso9001.dot -o out/cedre-iso9001.svg
  echo
  echo "Graph drawn: out/cedre-iso9001.svg (from out/cedre-iso9001.dot)"
fi
