#!/usr/bin/env bash
# Reproduces the "Evaluation and end-to-end audit" figures of bench/RESULTS.md.
#
#   bench/run_audit.sh [BUILD_DIR]
#
# Builds nothing: build first, e.g.
#   cmake -S . -B build-bench -DCMAKE_BUILD_TYPE=Release -DSCEAU_BUILD_TESTS=OFF
#   cmake --build build-bench -j2 --target sceau sceau_bench_audit
# BUILD_DIR defaults to build-bench under the checkout; it must hold `sceau` and
# `bench/sceau_bench_audit`. Inputs, generated when missing (deterministic):
#   /tmp/sceau-bench/ref-10k.yaml      bench/gen_referential.py, 10,000 criteria, 20,000 deps, seed 1
#                                      (the same call and file as bench/run_load.sh)
#   /tmp/sceau-bench/dossier-10k.yaml  bench/gen_dossier.py on it, seed 1, kind ACI
#   /tmp/sceau-bench/refs/             a referentials folder holding a copy of ref-10k.yaml alone,
#                                      for `sceau audit --referentials`
# Checks the dossier with `sceau check`, runs sceau_bench_audit (in-process breakdown), then times
# the real binary end to end: `sceau audit DOSSIER --referentials refs --out out -q`, median of 5
# wall times, with its peak RSS from GNU time (`apt-get install time` if /usr/bin/time is missing),
# twice: with `--format json,csv` (the reports the in-process pipeline writes) and with the CLI's
# default formats.
# Prints a Markdown snippet on stdout; progress on stderr.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${1:-$root/build-bench}
sceau=$build/sceau
bench=$build/bench/sceau_bench_audit
criteria=10000
deps=20000
seed=1
dossier_seed=1
kind=ACI
runs=5
data_dir=/tmp/sceau-bench
ref=$data_dir/ref-10k.yaml
dossier=$data_dir/dossier-10k.yaml
refs=$data_dir/refs
out=$data_dir/out

for b in "$sceau" "$bench"; do
  if [[ ! -x $b ]]; then
    echo "run_audit.sh: no binary at $b (build the sceau and sceau_bench_audit targets)" >&2
    exit 1
  fi
done
mkdir -p "$data_dir" "$refs"
if [[ ! -s $ref ]]; then
  echo "generating $ref" >&2
  python3 "$root/bench/gen_referential.py" --criteria "$criteria" --deps "$deps" --seed "$seed" \
    >"$ref.tmp"
  mv "$ref.tmp" "$ref"
fi
# The referentials folder holds this referential alone (the CLI scans every *.yaml in it).
find "$refs" -mindepth 1 -maxdepth 1 ! -name "$(basename "$ref")" -exec rm -rf {} +
cmp -s "$ref" "$refs/$(basename "$ref")" || cp "$ref" "$refs/"
if [[ ! -s $dossier || $dossier -ot $ref || $dossier -ot $root/bench/gen_dossier.py ]]; then
  echo "generating $dossier" >&2
  python3 "$root/bench/gen_dossier.py" "$ref" --seed "$dossier_seed" --kind "$kind" \
    >"$dossier.tmp"
  mv "$dossier.tmp" "$dossier"
fi

# Timings mean little on a busy machine (a build running beside, say): say so. The load average
# lags by a minute or so, and counts a build of ours that has just ended.
load=$(cut -d' ' -f1 /proc/loadavg)
if awk -v l="$load" 'BEGIN { exit !(l > 0.5) }'; then
  echo "run_audit.sh: warning: load average $load: other work is running, timings will be noisy" >&2
fi

echo "check: $sceau check $dossier --referentials $refs" >&2
check=$("$sceau" check "$dossier" --referentials "$refs")
echo "$check" >&2

echo "bench: $bench --runs $runs --library $refs $ref $dossier" >&2
result=$("$bench" --runs "$runs" --library "$refs" "$ref" "$dossier")
echo "$result" >&2

# The real binary, end to end: wall time (bash) and peak RSS (GNU time), median of $runs.
# time_audit NAME [EXTRA ARGS...]: sets wall_ms_NAME, rss_NAME and files_NAME (what was written).
have_time=no
[[ -x /usr/bin/time ]] && have_time=yes
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }
time_audit() {
  local name=$1
  shift
  local walls=() rss=() wall i
  local TIMEFORMAT=%3R
  for ((i = 1; i <= runs; i++)); do
    rm -rf "$out"
    if [[ $have_time == yes ]]; then
      wall=$({ time /usr/bin/time -f %M -o "$data_dir/rss.txt" "$sceau" audit "$dossier" \
        --referentials "$refs" --out "$out" -q "$@" >/dev/null 2>"$data_dir/audit.err"; } 2>&1)
      rss+=("$(tail -n 1 "$data_dir/rss.txt")")
    else
      wall=$({ time "$sceau" audit "$dossier" --referentials "$refs" --out "$out" -q "$@" \
        >/dev/null 2>"$data_dir/audit.err"; } 2>&1)
    fi
    walls+=("$wall")
    echo "sceau audit${*:+ $*} run $i: ${wall} s${rss:+, peak RSS ${rss[-1]} KiB}" >&2
  done
  printf -v "wall_ms_$name" '%s' "$(awk -v s="$(median "${walls[@]}")" 'BEGIN { printf "%.0f", s * 1000 }')"
  if [[ $have_time == yes ]]; then
    printf -v "rss_$name" '%s' "$(awk -v k="$(median "${rss[@]}")" 'BEGIN { printf "%.1f MiB", k / 1024 }')"
  else
    printf -v "rss_$name" '%s' "n/a (no /usr/bin/time)"
  fi
  printf -v "files_$name" '%s' "$(cd "$out" && for f in *; do printf '%s %s bytes, ' "$f" "$(stat -c %s "$f")"; done)"
}
# The reports of (f), JSON and CSV; then the CLI's default formats (which may add more, e.g. PDF).
time_audit jc --format json,csv
time_audit default
default_formats=$("$sceau" audit --help | sed -n 's/.*--format TEXT=\([a-z,]*\).*/\1/p')

# get OUTPUT KEY: the value of a "key: value" line.
get() { awk -v k="$2" -F': ' '$1 == k { print $2; exit }' <<<"$1"; }
mib() { awk -v b="$1" 'BEGIN { printf "%.2f", b / 1048576 }'; }
pct() { awk -v x="$1" -v t="$2" 'BEGIN { printf "%.1f", x / t * 100 }'; }

f=$(get "$result" f_pipeline_median_ms)
share=$(get "$result" evaluation_share_percent)
verdict=$(awk -v s="$share" 'BEGIN { print (s < 10 ? "**met**" : "**not met**") }')
cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
cache=$build/CMakeCache.txt
build_type=unknown
compiler=unknown
if [[ -f $cache ]]; then
  build_type=$(sed -n 's/^CMAKE_BUILD_TYPE:[A-Z]*=//p' "$cache")
  cxx=$(sed -n 's/^CMAKE_CXX_COMPILER:[A-Z]*=//p' "$cache")
  [[ -n $cxx ]] && compiler=$("$cxx" --version | head -n 1)
fi
yaml_cpp=$(sed -n 's/^set(PACKAGE_VERSION "\([0-9.]*\)")$/\1/p' \
  /usr/lib/*/cmake/yaml-cpp/yaml-cpp-config-version.cmake 2>/dev/null | head -n 1)
shown_build=${build#"$root"/}
b=$(get "$result" b_referential_median_ms)
c=$(get "$result" c_dossier_median_ms)
d=$(get "$result" d_evaluate_median_ms)
e=$(get "$result" e_write_median_ms)

cat <<EOF
| Measure | Value |
|---|---|
| Referential | \`$ref\`: $(get "$result" criteria) criteria, $(get "$result" referential_bytes) bytes ($(mib "$(get "$result" referential_bytes)") MiB) |
| Dossier | \`$dossier\`: $(get "$result" assessments) assessments ($(get "$result" applicable) applicable criteria), $(get "$result" evidence) evidence items, $(get "$result" dossier_bytes) bytes ($(mib "$(get "$result" dossier_bytes)") MiB); $(get "$result" dossier_warnings) load warnings, $(get "$result" evaluation_warnings) evaluation warnings |
| Result | outcome \`$(get "$result" outcome)\`, score $(get "$result" score) %, $(get "$result" actions) actions; JSON $(get "$result" json_bytes) bytes ($(mib "$(get "$result" json_bytes)") MiB), CSV $(get "$result" csv_bytes) bytes |
| (a) bare yaml-cpp parse of both files, \`YAML::LoadAll\` (referential $(get "$result" a_parse_referential_median_ms) + dossier $(get "$result" a_parse_dossier_median_ms)) | $(get "$result" a_parse_median_ms) ms |
| (b) referential load + validation, \`LoadReferentialFromString\` | $b ms |
| (c) dossier load, \`LoadDossierFromString\` + \`FixedReferential\` | $c ms |
| (d) \`Evaluate\` alone | $d ms |
| (e) JSON + CSV to strings (\`ResultToJson\` $(get "$result" e_json_median_ms) ms, \`ActionsToCsv\` $(get "$result" e_csv_median_ms) ms, timed apart) | $e ms |
| (f) whole pipeline in process, b + c + d + e as one block | $f ms |
| Shares of (f), from the medians: b / c / d / e | $(pct "$b" "$f") % / $(pct "$c" "$f") % / $(pct "$d" "$f") % / $(pct "$e" "$f") % |
| **Evaluation share d / f** | **$share %** |
| Ratio f / a (end to end vs. bare parse) | $(get "$result" ratio_pipeline_to_parse) |
| Not counted: freeing yaml-cpp's trees after (a); freeing the pipeline's results after (f) | $(get "$result" yaml_cpp_free_median_ms) ms; $(get "$result" pipeline_free_median_ms) ms |
| For reference: \`ReferentialLibrary(refs).Resolve\` (the CLI's folder scan + load, instead of b) | $(get "$result" library_resolve_median_ms) ms |
| Real binary \`sceau audit ... -q --format json,csv\` (the reports of f), wall time / peak RSS (GNU time \`%M\`), median of $runs | $wall_ms_jc ms / $rss_jc |
| Real binary \`sceau audit ... -q\`, default formats (\`${default_formats:-?}\`: ${files_default%, }), wall time / peak RSS, median of $runs | $wall_ms_default ms / $rss_default |
| Evaluation (d) as a share of the real binary's wall time: json,csv / default formats | $(pct "$d" "$wall_ms_jc") % / $(pct "$d" "$wall_ms_default") % |

All timings are medians of $runs runs; (a)–(f) are interleaved in each run of \`sceau_bench_audit\`.

Target: evaluation under 10 % of the end-to-end time: $verdict ($share %).

Machine: $(nproc) CPUs ($cpu), $(uname -sr); $compiler, build type $build_type; yaml-cpp ${yaml_cpp:-unknown}.

Commands:

\`\`\`sh
python3 bench/gen_referential.py --criteria $criteria --deps $deps --seed $seed > $ref
python3 bench/gen_dossier.py $ref --seed $dossier_seed --kind $kind > $dossier
mkdir -p $refs && cp $ref $refs/
$shown_build/sceau check $dossier --referentials $refs
$shown_build/bench/sceau_bench_audit --runs $runs --library $refs $ref $dossier
$shown_build/sceau audit $dossier --referentials $refs --out $out -q --format json,csv   # x$runs, timed
$shown_build/sceau audit $dossier --referentials $refs --out $out -q                     # x$runs, timed
\`\`\`
EOF
