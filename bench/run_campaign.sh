#!/usr/bin/env bash
# The campaign figures of bench/RESULTS.md: a whole synthetic network (560 members) audited with
# PDFs by `sceau batch`, on 1 and on 2 jobs.
#
#   bench/run_campaign.sh [BUILD_DIR]       (default: build-bench under the checkout)
#
# Builds nothing: build the target `sceau` first. Needs GNU time (apt-get install time), pdfinfo
# (poppler-utils) and python3.
#
# 1. Generates the campaign when missing: bench/gen_campaign.py --seed SEED --members MEMBERS
#    --out bench/out/campaign (defaults 1 and 560), and checks every dossier with `sceau check`.
# 2. RUNS times (default 5), interleaved: `sceau -q batch bench/out/campaign --jobs J --out OUT
#    --referentials referentials --progress none --force` for J = 1 and J = 2, each into an empty
#    OUT (bench/out/campaign-out-J). Wall time and peak RSS (GNU time %M; batch runs its jobs as
#    threads of one process, so this is the whole batch's peak). Medians; dossiers per second;
#    speed-up wall(1) / wall(2).
# 3. Counts the reports written, the PDF pages, and the decisions the engine took against the
#    ones the generator planned (bench/out/campaign/campaign.csv).
# Prints a Markdown snippet on stdout; progress on stderr.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=bench/bench_lib.sh
source "$root/bench/bench_lib.sh"
build=${1:-$root/build-bench}
build=$(cd "$build" && pwd)
sceau=$build/sceau
runs=${RUNS:-5}
seed=${SEED:-1}
members=${MEMBERS:-560}
campaign=$root/bench/out/campaign
outs=$root/bench/out

[[ -x $sceau ]] || { echo "run_campaign.sh: no binary at $sceau (build the sceau target)" >&2; exit 1; }
if ! "$sceau" batch --help >/dev/null 2>&1; then
  echo "run_campaign.sh: this sceau has no 'batch' command" >&2
  exit 1
fi
need_gnu_time
need_cmd pdfinfo poppler-utils
need_cmd python3 python3
cd "$root"

stamp="seed $seed members $members"
if [[ ! -s $campaign/campaign.csv || $(cat "$campaign/.generated" 2>/dev/null) != "$stamp" ||
      $campaign/campaign.csv -ot bench/gen_campaign.py || $campaign/campaign.csv -ot bench/gen_dossier.py ]]; then
  echo "generating the campaign: bench/gen_campaign.py --out $campaign --seed $seed --members $members" >&2
  rm -rf "$campaign"
  python3 bench/gen_campaign.py --out "$campaign" --seed "$seed" --members "$members" 2>"$outs/gen_campaign.txt"
  echo "$stamp" >"$campaign/.generated"
  # Every dossier must load with no error.
  bad=0
  while IFS= read -r f; do
    "$sceau" -q check "$campaign/$f" --referentials referentials || bad=$((bad + 1))
  done < <(tail -n +2 "$campaign/campaign.csv" | cut -d, -f1)
  if ((bad > 0)); then
    echo "run_campaign.sh: $bad generated dossiers do not pass sceau check" >&2
    exit 1
  fi
fi
cat "$outs/gen_campaign.txt" >&2 2>/dev/null || true
n=$(find "$campaign" -name '*.yaml' | wc -l)
warn_if_busy

declare -A walls rss cpus
for ((i = 1; i <= runs; i++)); do
  for j in 1 2; do
    o=$outs/campaign-out-$j
    rm -rf "$o"
    TIMED_LOG=$outs/batch-$j.log run_timed "$sceau" -q batch "$campaign" --jobs "$j" --out "$o" \
      --referentials referentials --progress none --force
    walls[$j]+="$TIMED_MS "
    rss[$j]+="$TIMED_KIB "
    cpus[$j]+="$TIMED_CPU_MS "
    echo "batch --jobs $j run $i: $TIMED_MS ms (CPU $TIMED_CPU_MS ms), peak RSS $TIMED_KIB KiB" >&2
  done
done
# shellcheck disable=SC2086
w1=$(median ${walls[1]}); w2=$(median ${walls[2]}); r1=$(median ${rss[1]}); r2=$(median ${rss[2]})
# shellcheck disable=SC2086
c1=$(median ${cpus[1]}); c2=$(median ${cpus[2]})
o=$outs/campaign-out-2
count() { find "$o" -name "*.$1" | wc -l; }
pages=0
while IFS= read -r p; do pages=$((pages + $(pdf_pages "$p"))); done < <(find "$o" -name '*.pdf')
pdf_bytes=$(find "$o" -name '*.pdf' -printf '%s\n' | awk '{ s += $1 } END { print s }')

decisions=$(python3 - "$campaign/campaign.csv" "$o" <<'PY'
import collections, csv, json, os, sys
plan_csv, out = sys.argv[1], sys.argv[2]
rows = list(csv.DictReader(open(plan_csv, encoding="utf-8")))
cats = []
by = collections.Counter()
agree = 0
for r in rows:
    if r["category"] not in cats:
        cats.append(r["category"])
    path = os.path.join(out, r["file"][:-5] + ".json")
    try:
        d = json.load(open(path, encoding="utf-8"))["decision"]
        got = d["outcome"] if d["decision"] == "refused" else d["decision"]
    except (OSError, ValueError, KeyError):
        got = "missing"
    by[(r["category"], got)] += 1
    agree += got == r["planned_decision"]
cols = ["granted", "conditional", "refused-major", "refused-blocking", "refused-score", "missing"]
cols = [c for c in cols if any(by[(k, c)] for k in cats)]
print("| category | " + " | ".join(cols) + " | total |")
print("|---" * (len(cols) + 2) + "|")
for k in cats:
    print("| %s | %s | %d |" % (k, " | ".join(str(by[(k, c)]) for c in cols), sum(by[(k, c)] for c in cols)))
tot = [sum(by[(k, c)] for k in cats) for c in cols]
print("| **total** | %s | %d |" % (" | ".join("%d (%.0f %%)" % (t, 100.0 * t / len(rows)) for t in tot), len(rows)))
print()
print("The engine's decision equals the planned one for %d of %d members." % (agree, len(rows)))
PY
)

met_time=$(awk -v w="$w2" 'BEGIN { print (w < 60000 ? "met" : "not met") }')
met_mem=$(awk -v r="$r2" 'BEGIN { print (r < 300 * 1024 ? "met" : "not met") }')
shown=${build#"$root"/}
cat <<EOF
| Measure | 1 job | 2 jobs |
|---|---|---|
| Wall time, median of $runs | $(calc 2 "$w1 / 1000") s | **$(calc 2 "$w2 / 1000") s** |
| Dossiers per second | $(calc 1 "$n / ($w1 / 1000)") | **$(calc 1 "$n / ($w2 / 1000)")** |
| CPU time (user + sys, GNU time), median | $(calc 2 "$c1 / 1000") s | $(calc 2 "$c2 / 1000") s |
| CPU time per dossier (json + csv + pdf) | $(calc 1 "$c1 / $n") ms | $(calc 1 "$c2 / $n") ms |
| Share of the CPU time it could use: CPU time / (wall time x jobs) | $(calc 0 "100 * $c1 / $w1") % | $(calc 0 "100 * $c2 / (2 * $w2)") % |
| Peak RSS (GNU time %M), median | $(calc 1 "$r1 / 1024") MiB | **$(calc 1 "$r2 / 1024") MiB** |
| Speed-up from 1 to 2 jobs | | **$(calc 2 "$w1 / $w2")x** |

Campaign: $n dossiers (\`bench/gen_campaign.py --seed $seed --members $members\`); written by the
2-job run: $(count json) JSON, $(count csv) CSV, $(count pdf) PDF ($pages pages, $(calc 1 "$pdf_bytes / 1048576") MiB).

Decisions taken by the engine, by category:

$decisions

Target: a $members-member campaign with PDFs in under 60 s on 2 cores: **$met_time** ($(calc 2 "$w2 / 1000") s); under 300 MB peak: **$met_mem** ($(calc 1 "$r2 / 1024") MiB).

Machine: $(machine_line "$build").

Commands:

\`\`\`sh
python3 bench/gen_campaign.py --out bench/out/campaign --seed $seed --members $members
bench/run_campaign.sh $shown      # RUNS=$runs; which times, interleaved, for J = 1 and 2:
$shown/sceau -q batch bench/out/campaign --jobs J --out bench/out/campaign-out-J --referentials referentials --progress none --force
\`\`\`
EOF
