#!/usr/bin/env bash
# Reproduces the "Id lookups at scale" figures of bench/RESULTS.md: `sceau check` on dossiers whose
# id lists are huge, so that any lookup slower than O(log n) shows as minutes.
#
#   bench/run_lookups.sh [path/to/sceau]
#
# Then, on the evidence file, the bare event parse of yaml-cpp 0.7 and of libyaml (the parser
# sceau reads its YAML with), 5 runs each, interleaved: the floor under any loader built on each.
#
# Builds nothing (build/sceau by default; build/bench/sceau_bench_parse beside it for the parsers'
# own figures). The inputs are generated from audits/granted.yaml into
# /tmp/sceau-bench/: 200,000 evidence items (about 10 MB), and 50,000 sites all visited. Each is
# checked 5 times; prints the median wall time and the peak memory (maximum resident set size) as
# a Markdown table on stdout, progress on stderr.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bin=${1:-$root/build/sceau}
runs=5
data_dir=/tmp/sceau-bench
mkdir -p "$data_dir"

if [[ ! -x $bin ]]; then
  echo "run_lookups.sh: no sceau binary at $bin (build it first)" >&2
  exit 1
fi

python3 - "$root/audits/granted.yaml" "$data_dir" <<'EOF'
import os, sys
src = open(sys.argv[1], encoding="utf-8").read()
out = sys.argv[2]
# 200,000 evidence items before the shipped ones.
at = src.index("evidence:\n") + len("evidence:\n")
items = "".join('  - {id: X%06d, kind: record, title: "P %d"}\n' % (n, n) for n in range(200000))
with open(os.path.join(out, "lookups-evidence.yaml"), "w", encoding="utf-8") as f:
    f.write(src[:at] + items + src[at:])
# 50,000 sites, every one visited (the shipped site stays first).
site = "    - id: saint-aurele\n"
at = src.index(site)
sites = "".join('    - {id: s%05d, name: "Site %d"}\n' % (n, n) for n in range(50000))
text = src[:at] + sites + src[at:]
visited = ", ".join("s%05d" % n for n in range(50000))
text = text.replace("sites_visited: [saint-aurele]", "sites_visited: [saint-aurele, %s]" % visited)
with open(os.path.join(out, "lookups-sites.yaml"), "w", encoding="utf-8") as f:
    f.write(text)
EOF

# median of the numbers on stdin
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

echo "| input | size | median wall (s) | peak memory (MB) |"
echo "|---|---|---|---|"
for name in evidence sites; do
  file=$data_dir/lookups-$name.yaml
  walls=()
  peak=0
  for ((i = 0; i < runs; i++)); do
    echo "check $file (run $((i + 1))/$runs)" >&2
    /usr/bin/time -o "$data_dir/lookups.time" -f "%e %M" "$bin" -q check "$file" \
      --referentials "$root/referentials" >/dev/null 2>&1 || true
    line=$(tail -n 1 "$data_dir/lookups.time")
    walls+=("${line% *}")
    kb=${line#* }
    ((kb > peak)) && peak=$kb
  done
  wall=$(printf '%s\n' "${walls[@]}" | median)
  size=$(du -m "$file" | cut -f1)
  printf '| %s | %s MB | %s | %s |\n' "$name" "$size" "$wall" "$((peak / 1024))"
done

parse_bin=$(dirname "$bin")/bench/sceau_bench_parse
if [[ -x $parse_bin ]]; then
  echo
  echo "| bare event parse of lookups-evidence.yaml | median in-process (ms) |"
  echo "|---|---|"
  cpp=()
  lib=()
  for ((i = 0; i < runs; i++)); do
    echo "bare parse (run $((i + 1))/$runs)" >&2
    cpp+=("$("$parse_bin" --events yaml-cpp "$data_dir/lookups-evidence.yaml" | sed -n 's/^parse_ms: //p')")
    lib+=("$("$parse_bin" --events libyaml "$data_dir/lookups-evidence.yaml" | sed -n 's/^parse_ms: //p')")
  done
  printf '| yaml-cpp 0.7 | %s |\n' "$(printf '%s\n' "${cpp[@]}" | median)"
  printf '| libyaml 0.2.5 | %s |\n' "$(printf '%s\n' "${lib[@]}" | median)"
fi
