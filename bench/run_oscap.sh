#!/usr/bin/env bash
# The peer comparison of bench/RESULTS.md: OpenSCAP's report rendering against sceau's, on results
# with the same number of rules / criteria.
#
#   bench/run_oscap.sh [BUILD_DIR]       (default: build-bench under the checkout)
#
# Needs `oscap` (Debian package openscap-scanner) and the SCAP Security Guide content for Debian
# (ssg-debian); the script checks for them and prints the apt-get line when they are missing. Also
# GNU time (apt-get install time) and python3. Builds nothing: build the target `sceau` first.
#
# 1. Once (cached in bench/out/oscap/, git-ignored): `oscap xccdf eval --profile PROFILE --results
#    results.xml DATASTREAM` on this machine, with the newest ssg-debian*-ds.xml shipped and the
#    profile with the most selected rules. Counts the results file's <rule-result> elements: N.
# 2. Once: a referential of N criteria (bench/gen_referential.py --criteria N --density 2 --seed 1),
#    a dossier for it (bench/gen_dossier.py --seed 1), `sceau audit --format json`: the result.
# 3. RUNS times (default 5), interleaved: `oscap xccdf generate report results.xml` (HTML to a file)
#    and `sceau report RESULT.json` (PDF), each timed (wall) with its peak RSS (GNU time %M).
#    Medians; ratios oscap / sceau for time and memory.
# Prints a Markdown snippet on stdout; progress on stderr.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=bench/bench_lib.sh
source "$root/bench/bench_lib.sh"
build=${1:-$root/build-bench}
build=$(cd "$build" && pwd)
sceau=$build/sceau
runs=${RUNS:-7}
dir=$root/bench/out/oscap
content=/usr/share/xml/scap/ssg/content

[[ -x $sceau ]] || { echo "run_oscap.sh: no binary at $sceau (build the sceau target)" >&2; exit 1; }
if ! command -v oscap >/dev/null 2>&1; then
  echo "run_oscap.sh: oscap is missing; install it with: sudo apt-get install openscap-scanner ssg-debian" >&2
  exit 1
fi
ds=$(for f in "$content"/ssg-debian*-ds.xml; do [[ -e $f ]] && echo "$f"; done | sort -V | tail -n 1)
if [[ -z $ds ]]; then
  echo "run_oscap.sh: no ssg-debian datastream in $content; install it with: sudo apt-get install ssg-debian" >&2
  exit 1
fi
need_gnu_time
need_cmd python3 python3
mkdir -p "$dir"
cd "$root"

# -- 1. the XCCDF results file, once --------------------------------------------------------------
results=$dir/results.xml
if [[ ! -s $results || $(cat "$dir/results.source" 2>/dev/null) != "$ds" ]]; then
  # The profile that selects the most rules.
  profile=$(python3 - "$ds" <<'PY'
import sys, xml.etree.ElementTree as ET
X = "{http://checklists.nist.gov/xccdf/1.2}"
best = (-1, None)
for _, el in ET.iterparse(sys.argv[1]):
    if el.tag == X + "Profile":
        n = sum(1 for s in el.iter(X + "select") if s.get("selected") == "true")
        best = max(best, (n, el.get("id")))
print(best[1])
PY
)
  echo "oscap xccdf eval --profile $profile --results $results $ds (once; cached)" >&2
  # Exit code 2 means "some rule failed", which is a normal outcome of an evaluation.
  rc=0
  oscap xccdf eval --profile "$profile" --results "$results.tmp" "$ds" >"$dir/eval.log" 2>&1 || rc=$?
  if ((rc != 0 && rc != 2)); then
    echo "run_oscap.sh: oscap xccdf eval failed ($rc); see $dir/eval.log" >&2
    exit 1
  fi
  mv "$results.tmp" "$results"
  echo "$ds" >"$dir/results.source"
  echo "$profile" >"$dir/results.profile"
fi
profile=$(cat "$dir/results.profile" 2>/dev/null || echo "?")
n=$(grep -o '<rule-result ' "$results" | wc -l)
mix=$(grep -o '<result>[a-z]*</result>' "$results" | sed 's/<[^>]*>//g' | sort | uniq -c |
      awk '{ printf "%s%s %s", (NR > 1 ? ", " : ""), $1, $2 }')
echo "results: $n rule-results ($mix)" >&2

# -- 2. a sceau result with N criteria, once ------------------------------------------------------
ref=$dir/ref-$n.yaml
dossier=$dir/dossier-$n.yaml
result=$dir/dossier-$n.json
if [[ ! -s $result || $result -ot bench/gen_referential.py || $result -ot bench/gen_dossier.py ]]; then
  mkdir -p "$dir/refs"
  python3 bench/gen_referential.py --criteria "$n" --density 2 --seed 1 >"$ref"
  python3 bench/gen_dossier.py "$ref" --seed 1 --kind ACI >"$dossier" 2>/dev/null
  rm -f "$dir/refs/"*; cp "$ref" "$dir/refs/"
  "$sceau" -q audit "$dossier" --referentials "$dir/refs" --out "$dir" --format json
fi
criteria=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(len(d["criteria"]))' "$result")
warn_if_busy

# -- 3. the two report renderers ------------------------------------------------------------------
om=() ok=() oc=() sm=() sk=() sc=() em=() ek=()
for ((i = 1; i <= runs; i++)); do
  run_timed oscap xccdf generate report --output "$dir/report.html" "$results"
  om+=("$TIMED_MS"); ok+=("$TIMED_KIB"); oc+=("$TIMED_CPU_MS")
  rm -rf "$dir/pdf"
  run_timed "$sceau" -q report "$result" --out "$dir/pdf"
  sm+=("$TIMED_MS"); sk+=("$TIMED_KIB"); sc+=("$TIMED_CPU_MS")
  # End to end: the dossier (YAML) and its referential loaded, evaluated, the PDF drawn.
  rm -rf "$dir/e2e"
  run_timed "$sceau" -q audit "$dossier" --referentials "$dir/refs" --out "$dir/e2e" --format pdf
  em+=("$TIMED_MS"); ek+=("$TIMED_KIB")
  echo "run $i: oscap ${om[-1]} ms ${ok[-1]} KiB, sceau report ${sm[-1]} ms ${sk[-1]} KiB," \
    "sceau audit ${em[-1]} ms ${ek[-1]} KiB" >&2
done
o_ms=$(median "${om[@]}"); o_kib=$(median "${ok[@]}"); s_ms=$(median "${sm[@]}"); s_kib=$(median "${sk[@]}")
o_cpu=$(median "${oc[@]}")
e_ms=$(median "${em[@]}"); e_kib=$(median "${ek[@]}")
o_min=$(printf '%s\n' "${om[@]}" | sort -g | head -n 1); s_min=$(printf '%s\n' "${sm[@]}" | sort -g | head -n 1)
# sceau's CPU time per report is near GNU time's 10 ms resolution: 20 reports in a row, $runs times.
scb=()
for ((i = 1; i <= runs; i++)); do
  cpu_per_run 20 "$sceau" -q report "$result" --out "$dir/pdf"
  scb+=("$CPU_PER_RUN_MS")
done
s_cpu=$(median "${scb[@]}")
# Each program's floor: the peak RSS of a process that only prints its version.
run_timed oscap --version; o_floor=$TIMED_KIB
run_timed "$sceau" --version; s_floor=$TIMED_KIB
speed=$(calc 1 "$o_ms / $s_ms"); mem=$(calc 4 "$s_kib / $o_kib")
pages=$(pdf_pages "$dir/pdf/dossier-$n.pdf")
met_speed=$(awk -v s="$speed" 'BEGIN { print (s >= 10 ? "met" : "not met") }')
met_speed_cpu=$(awk -v o="$o_cpu" -v s="$s_cpu" 'BEGIN { print (o >= 10 * s ? "met" : "not met") }')
met_mem=$(awk -v s="$s_kib" -v o="$o_kib" 'BEGIN { print (4 * s <= o ? "met" : "not met") }')
shown=${build#"$root"/}
cat <<EOF
End to end, each program from its own input to the report listing every rule:

| Measure | oscap \`xccdf generate report\` (XCCDF results to HTML) | sceau \`audit --format pdf\` (YAML dossier and referential to PDF) | ratio oscap / sceau |
|---|---|---|---|
| Wall time, median of $runs | $o_ms ms | $e_ms ms | **$(calc 1 "$o_ms / $e_ms") x faster** |
| Peak RSS (GNU time %M), median | $(calc 1 "$o_kib / 1024") MiB | $(calc 1 "$e_kib / 1024") MiB | **sceau uses $(calc 1 "100 * $e_kib / $o_kib") %** |

The report alone, from a JSON result already evaluated (\`sceau report\`):

| Measure | oscap \`xccdf generate report\` | sceau \`report\` | ratio oscap / sceau |
|---|---|---|---|
| Input | \`results.xml\`: $n rule-results ($mix), $(calc 1 "$(stat -c %s "$results") / 1048576") MiB; $(basename "$ds"), profile \`${profile#xccdf_org.ssgproject.content_profile_}\` | \`dossier-$n.json\`: $criteria criteria, $(calc 1 "$(stat -c %s "$result") / 1048576") MiB | |
| Output | HTML, $(calc 0 "$(stat -c %s "$dir/report.html") / 1024") KiB | PDF, $pages pages, $(calc 0 "$(stat -c %s "$dir/pdf/dossier-$n.pdf") / 1024") KiB | |
| Wall time, median of $runs | $o_ms ms | $s_ms ms | **$speed x faster** |
| Wall time, fastest of $runs (the run least disturbed by other work) | $o_min ms | $s_min ms | $(calc 1 "$o_min / $s_min") x faster |
| CPU time (user + sys), median (sceau: $runs blocks of 20 reports) | $o_cpu ms | $s_cpu ms | **$(calc 1 "$o_cpu / $s_cpu") x less** |
| Peak RSS (GNU time %M), median | $(calc 1 "$o_kib / 1024") MiB | $(calc 1 "$s_kib / 1024") MiB | **sceau uses $(calc 1 "$mem * 100") %** |
| Floor: peak RSS of \`--version\` (binary and shared libraries) | $(calc 1 "$o_floor / 1024") MiB | $(calc 1 "$s_floor / 1024") MiB | |
| Above the floor: what rendering the report takes | $(calc 1 "($o_kib - $o_floor) / 1024") MiB | $(calc 1 "($s_kib - $s_floor) / 1024") MiB | sceau uses $(calc 0 "100 * ($s_kib - $s_floor) / ($o_kib - $o_floor)") % |

Target: at least 10x faster than oscap's report rendering: **$met_speed** on the median wall time (${speed}x), **$met_speed_cpu** on CPU time ($(calc 1 "$o_cpu / $s_cpu")x); at a quarter of its memory: **$met_mem** ($(calc 1 "$mem * 100") % of oscap's peak RSS; $(calc 1 "$s_kib / 1024") MiB against a budget of $(calc 1 "$o_kib / 4096") MiB).

$(oscap --version | head -n 1); Machine: $(machine_line "$build").

Commands:

\`\`\`sh
oscap xccdf eval --profile $profile --results bench/out/oscap/results.xml $ds   # once
python3 bench/gen_referential.py --criteria $n --density 2 --seed 1 > bench/out/oscap/ref-$n.yaml
python3 bench/gen_dossier.py bench/out/oscap/ref-$n.yaml --seed 1 --kind ACI > bench/out/oscap/dossier-$n.yaml
$shown/sceau audit bench/out/oscap/dossier-$n.yaml --referentials bench/out/oscap/refs --out bench/out/oscap --format json
bench/run_oscap.sh $shown      # RUNS=$runs; which times, interleaved:
oscap xccdf generate report --output bench/out/oscap/report.html bench/out/oscap/results.xml
$shown/sceau -q report bench/out/oscap/dossier-$n.json --out bench/out/oscap/pdf
$shown/sceau -q audit bench/out/oscap/dossier-$n.yaml --referentials bench/out/oscap/refs --out bench/out/oscap/e2e --format pdf
\`\`\`
EOF
