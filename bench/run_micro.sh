#!/usr/bin/env bash
# The micro-benchmark figures of bench/RESULTS.md (Google Benchmark): referential load + validation
# against yaml-cpp's bare parse, evaluation alone, the in-process pipeline and the PDF, on the
# 10,000-criterion pair and on a realistic pair (the CEDRE referential and audits/conditional.yaml).
#
#   bench/run_micro.sh [BUILD_DIR]        (default: build-bench under the checkout)
#
# Builds nothing: build the target `sceau_bench_micro` first (needs libbenchmark-dev). Inputs,
# generated under bench/out/data when missing (deterministic):
#   ref-10k.yaml      bench/gen_referential.py --criteria 10000 --deps 20000 --seed 1
#   dossier-10k.yaml  bench/gen_dossier.py ref-10k.yaml --seed 1 --kind ACI
# Each benchmark: 5 repetitions, interleaved at random with the others (Google Benchmark's
# --benchmark_enable_random_interleaving), medians; ratios from the medians of the same run, on
# wall time and on CPU time. Prints a Markdown snippet on stdout; the full output on stderr and in
# bench/out/micro-*.json (Google Benchmark's JSON).
# shellcheck disable=SC2154  # large_out and small_out are set by run() through printf -v
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=bench/bench_lib.sh
source "$root/bench/bench_lib.sh"
build=${1:-$root/build-bench}
build=$(cd "$build" && pwd)
bin=$build/bench/sceau_bench_micro
reps=${REPS:-5}
data=$root/bench/out/data
[[ -x $bin ]] || { echo "run_micro.sh: no binary at $bin (build the sceau_bench_micro target)" >&2; exit 1; }
mkdir -p "$data"
cd "$root"
if [[ ! -s $data/ref-10k.yaml ]]; then
  python3 bench/gen_referential.py --criteria 10000 --deps 20000 --seed 1 >"$data/ref-10k.yaml.tmp"
  mv "$data/ref-10k.yaml.tmp" "$data/ref-10k.yaml"
fi
if [[ ! -s $data/dossier-10k.yaml || $data/dossier-10k.yaml -ot $data/ref-10k.yaml || $data/dossier-10k.yaml -ot bench/gen_dossier.py ]]; then
  python3 bench/gen_dossier.py "$data/ref-10k.yaml" --seed 1 --kind ACI >"$data/dossier-10k.yaml.tmp"
  mv "$data/dossier-10k.yaml.tmp" "$data/dossier-10k.yaml"
fi
warn_if_busy

get() { awk -v k="$2" -F': ' '$1 == k { print $2; exit }' <<<"$1"; }
# run NAME REF DOSSIER: the benchmark's "key: value" lines into ${NAME}_out.
run() {
  local name=$1 r
  echo "$bin --benchmark_repetitions=$reps --benchmark_out=bench/out/micro-$name.json $2 $3" >&2
  r=$("$bin" --benchmark_repetitions="$reps" --benchmark_color=false \
    --benchmark_out="$root/bench/out/micro-$name.json" --benchmark_out_format=json "$2" "$3")
  echo "$r" >&2
  printf -v "${name}_out" '%s' "$r"
}
run large "$data/ref-10k.yaml" "$data/dossier-10k.yaml"
run small referentials/cedre-iso9001.yaml audits/conditional.yaml

row() {  # row LABEL BENCH: wall and CPU medians for both pairs
  printf '| %s | %s | %s | %s | %s |\n' "$1" \
    "$(get "$large_out" "median_wall_ms $2")" "$(get "$large_out" "median_cpu_ms $2")" \
    "$(get "$small_out" "median_wall_ms $2")" "$(get "$small_out" "median_cpu_ms $2")"
}
ov_wall=$(get "$large_out" wall_validation_overhead_percent)
ov_cpu=$(get "$large_out" cpu_validation_overhead_percent)
sh_wall=$(get "$large_out" wall_evaluation_share_of_pipeline_percent)
sh_cpu=$(get "$large_out" cpu_evaluation_share_of_pipeline_percent)
verdict() { awk -v x="$1" -v t="$2" 'BEGIN { print (x <= t ? "met" : "not met") }'; }
shown=${build#"$root"/}
cat <<EOF
Inputs: \`ref-10k.yaml\` ($(get "$large_out" criteria) criteria, $(get "$large_out" referential_bytes) bytes) with
\`dossier-10k.yaml\` ($(get "$large_out" dossier_bytes) bytes, JSON result $(get "$large_out" json_bytes) bytes); and
\`referentials/cedre-iso9001.yaml\` ($(get "$small_out" criteria) criteria, $(get "$small_out" referential_bytes) bytes) with
\`audits/conditional.yaml\` ($(get "$small_out" dossier_bytes) bytes). Medians of $reps repetitions, in ms:

| Benchmark | 10k wall | 10k CPU | CEDRE wall | CEDRE CPU |
|---|---|---|---|---|
$(row "(a) \`BM_BareParse/referential\`: \`YAML::LoadAll\` of the referential" BM_BareParse/referential)
$(row "(b) \`BM_LoadValidateGraph\`: load + validation + graph + order" BM_LoadValidateGraph)
$(row "\`BM_BareParse/dossier\`: \`YAML::LoadAll\` of the dossier" BM_BareParse/dossier)
$(row "\`BM_LoadDossier\`: dossier load + checks against the referential" BM_LoadDossier)
$(row "(d) \`BM_Evaluate\`: evaluation alone" BM_Evaluate)
$(row "\`BM_JsonCsv\`: JSON + CSV to strings" BM_JsonCsv)
$(row "(f) \`BM_Pipeline\`: referential + dossier load, evaluation, JSON + CSV" BM_Pipeline)
$(row "\`BM_Pdf\`: JSON read back + PDF rendered" BM_Pdf)
| **b / a** (validation overhead) | **$(get "$large_out" wall_ratio_load_validate_graph_over_bare_parse)** (+$ov_wall %) | **$(get "$large_out" cpu_ratio_load_validate_graph_over_bare_parse)** (+$ov_cpu %) | $(get "$small_out" wall_ratio_load_validate_graph_over_bare_parse) | $(get "$small_out" cpu_ratio_load_validate_graph_over_bare_parse) |
| **d / f** (evaluation share) | **$sh_wall %** | **$sh_cpu %** | $(get "$small_out" wall_evaluation_share_of_pipeline_percent) % | $(get "$small_out" cpu_evaluation_share_of_pipeline_percent) % |
| PDF pages per second, one thread (CPU time) | $(get "$large_out" "pdf_pages_per_second_one_thread BM_Pdf") | | $(get "$small_out" "pdf_pages_per_second_one_thread BM_Pdf") | |

Targets: validation adds at most 50 % to the bare parse: **$(verdict "$ov_wall" 50)** on wall time (+$ov_wall %), **$(verdict "$ov_cpu" 50)** on CPU time (+$ov_cpu %).
Evaluation under 10 % of the pipeline: **$(verdict "$sh_wall" 10)** ($sh_wall % wall, $sh_cpu % CPU).

Machine: $(machine_line "$build").

Commands:

\`\`\`sh
bench/run_micro.sh $shown     # which runs:
$shown/bench/sceau_bench_micro --benchmark_repetitions=$reps bench/out/data/ref-10k.yaml bench/out/data/dossier-10k.yaml
$shown/bench/sceau_bench_micro --benchmark_repetitions=$reps referentials/cedre-iso9001.yaml audits/conditional.yaml
\`\`\`
EOF
