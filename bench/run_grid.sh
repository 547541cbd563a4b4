#!/usr/bin/env bash
# Reproduces the "Audit grids" figures of bench/RESULTS.md: writing the CEDRE grid
# (`sceau template --format xlsx`), and reading a grid of 1,600 criteria (`sceau check` on it)
# next to reading the same dossier as YAML.
#
#   bench/run_grid.sh [path/to/sceau] [criteria]
#
# Builds nothing (build/sceau by default). A generated referential of 1,600 criteria and a full
# dossier are made once in /tmp/sceau-bench/grid/, and its grid with `template --from`. Each
# command runs 9 times; the median wall time and the peak memory are printed as Markdown on
# stdout. Each time is the whole process: start, loading the referential, the work, exit.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
source "$root/bench/bench_lib.sh"
bin=${1:-$root/build/sceau}
criteria=${2:-1600}
runs=9
data=/tmp/sceau-bench/grid
need_gnu_time
export LANG=en_GB.UTF-8
[[ -x $bin ]] || { echo "run_grid.sh: no sceau binary at $bin (build it first)" >&2; exit 1; }

mkdir -p "$data/refs"
ref=$data/refs/ref-$criteria.yaml
dossier=$data/dossier-$criteria.yaml
grid=$data/grid-$criteria.xlsx
if [[ ! -f $grid ]]; then
  echo "Generating a referential of $criteria criteria, its dossier and its grid (once)..." >&2
  python3 "$root/bench/gen_referential.py" --criteria "$criteria" --deps "$criteria" --seed 1 >"$ref"
  python3 "$root/bench/gen_dossier.py" "$ref" --seed 1 >"$dossier" 2>/dev/null
  "$bin" template "$ref" --format xlsx --from "$dossier" --out "$grid" >/dev/null
fi

# time_it LABEL CMD...: the median of $runs runs, with the peak memory of the last.
time_it() {
  local label=$1 times=() i
  shift
  for ((i = 0; i < runs; i++)); do
    run_timed "$@"
    times+=("$TIMED_MS")
  done
  printf '| %s | %s ms | %s MiB |\n' "$label" "$(median "${times[@]}")" "$(calc 1 "$TIMED_KIB / 1024")"
}

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
echo "| command | median wall time | peak memory |"
echo "|---|---|---|"
write_cedre() {
  rm -f "$out/cedre.xlsx"
  "$bin" template "$root/referentials/cedre-iso9001.yaml" --kind ACI --format xlsx --out "$out/cedre.xlsx"
}
export -f write_cedre
export bin root out
time_it "template cedre-iso9001 --format xlsx (the CEDRE grid)" bash -c write_cedre
time_it "template cedre-iso9001 (the YAML template, for comparison)" \
  "$bin" template "$root/referentials/cedre-iso9001.yaml" --kind ACI
time_it "check grid-$criteria.xlsx ($(stat -c %s "$grid") bytes)" \
  "$bin" check "$grid" --referentials "$data/refs"
time_it "check dossier-$criteria.yaml (the same dossier as YAML)" \
  "$bin" check "$dossier" --referentials "$data/refs"
