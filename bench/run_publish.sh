#!/usr/bin/env bash
# Reproduces the "Publishing the directory" figures of bench/RESULTS.md: `sceau register publish`
# of a register of 5,600 certificates (ten times the network), and the weight of its pages.
#
#   bench/run_publish.sh [path/to/sceau] [certificates]
#
# Builds nothing (build/sceau by default). The register is made once in /tmp/sceau-bench/publish/
# from generated results (1 to 9 sites each, the regions and kinds of the network), recorded with
# `sceau register record`, one in ten then suspended and one in twenty withdrawn; it is reused
# while it holds the number asked for. Publishes 5 times into a fresh folder (median wall time,
# peak memory), then prints the sizes of the certificate pages and of the index, as Markdown on
# stdout, progress on stderr.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
source "$root/bench/bench_lib.sh"
bin=${1:-$root/build/sceau}
count=${2:-5600}
runs=5
data_dir=/tmp/sceau-bench/publish
db=$data_dir/register-$count.sqlite3
need_gnu_time
export LANG=en_GB.UTF-8
[[ -x $bin ]] || { echo "run_publish.sh: no sceau binary at $bin (build it first)" >&2; exit 1; }

if [[ ! -f $db ]]; then
  echo "Recording $count certificates into $db (once)..." >&2
  rm -rf "$data_dir/results" "$db.tmp"
  mkdir -p "$data_dir/results"
  python3 - "$data_dir/results" "$count" <<'PY'
import json, random, sys
out, count = sys.argv[1], int(sys.argv[2])
random.seed(7)
regions = ["Auvergne-Rhône-Alpes", "Bourgogne-Franche-Comté", "Bretagne", "Centre-Val de Loire",
           "Grand Est", "Hauts-de-France", "Île-de-France", "Normandie", "Nouvelle-Aquitaine",
           "Occitanie", "Pays de la Loire", "Provence-Alpes-Côte d'Azur"]
kinds = ["ACI", "AI", "EI", "ETTI", "GES", "EBE"]
words = ["Jardins", "Ateliers", "Chantiers", "Régie", "Ressourcerie", "Passerelles", "Solidarité",
         "Emploi", "Insertion", "Tremplin", "Avenir", "Bocage", "Estuaire", "Vallée", "Berges"]
for n in range(count):
    ref, version = (("cedre-iso9001", "2026.1") if n % 3 else ("rse-iso26000", "2026.1"))
    year = 2024 + n % 3
    day = 1 + n % 28
    date = "%d-%02d-%02d" % (year, 1 + n % 12, day)
    expiry = "%d-%02d-%02d" % (year + 3, 1 + n % 12, day)
    name = "Association %s %s n°%d" % (random.choice(words), random.choice(words), n)
    sites = [{"id": "s%d" % i, "name": "Site %d de %s" % (i + 1, name),
              "address": "%d rue de la République, 69000 Lyon" % (i + 1)}
             for i in range(1 + n % 9)]
    result = {
        "format": "sceau-result", "format_version": 1, "generator": "bench",
        "referential": {"id": ref, "version": version},
        "organisation": {"name": name, "siret": "%014d" % (40000000000000 + n),
                         "kind": kinds[n % len(kinds)], "region": regions[n % len(regions)],
                         "headcount": {"permanent": 5, "pathway": 20}, "sites": sites},
        "audit": {"id": "AUD-%d" % n, "kind": "initial", "start": date, "end": date,
                  "decision_date": date,
                  "scope": {"fr": "Accompagnement socioprofessionnel et production de %s" % name}},
        "decision": {"outcome": "granted", "decision": "granted"},
        "score": {"percent": 80.0},
        "certificate": {"effective": date, "expiry": expiry,
                        "first_surveillance_due": "%d-%02d-%02d" % (year + 1, 1 + n % 12, day)},
    }
    with open("%s/%05d.json" % (out, n), "w", encoding="utf-8") as f:
        json.dump(result, f, ensure_ascii=False)
PY
  for f in "$data_dir"/results/*.json; do
    "$bin" register --db "$db.tmp" record "$f" >/dev/null
  done
  i=0
  "$bin" register --db "$db.tmp" list --format csv --today 2026-12-01 | tail -n +2 | cut -d, -f1 |
    while read -r number; do
      i=$((i + 1))
      if (( i % 10 == 0 )); then
        "$bin" register --db "$db.tmp" suspend "$number" --reason bench --today 2026-12-01 >/dev/null
      elif (( i % 20 == 5 )); then
        "$bin" register --db "$db.tmp" withdraw "$number" --reason bench --today 2026-12-01 >/dev/null
      fi
    done
  mv "$db.tmp" "$db"
fi

site=$data_dir/site
times=() rss=()
for ((r = 1; r <= runs; r++)); do
  rm -rf "$site"
  run_timed "$bin" register --db "$db" publish --out "$site" --today 2026-12-07 \
    --config "$root/certifier/sceau.yaml"
  times+=("$TIMED_MS") rss+=("$TIMED_KIB")
  echo "run $r: ${TIMED_MS} ms, ${TIMED_KIB} KiB" >&2
done
pages=$(find "$site/certificats" "$site/en/certificates" -name '*.html' | wc -l)
largest=$(find "$site/certificats" "$site/en/certificates" -name '*.html' -printf '%s\n' | sort -n | tail -1)
median_page=$(median $(find "$site/certificats" -name '*.html' -printf '%s\n'))
echo "| certificates | pages | publish, median of $runs | peak memory | largest certificate page | median page | index.html | certificates.json |"
echo "|---|---|---|---|---|---|---|---|"
echo "| $count | $pages | $(calc 2 "$(median "${times[@]}") / 1000") s | $(calc 0 "$(median "${rss[@]}") / 1024") MiB | $largest B | $median_page B | $(stat -c %s "$site/index.html") B | $(stat -c %s "$site/certificates.json") B |"
