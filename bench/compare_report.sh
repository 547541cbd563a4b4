#!/usr/bin/env bash
# Compares two builds' PDF reports in one run, on the same content (bench/RESULTS.md, "PDF report:
# this build against an earlier one"): sceau_bench_report's 52-page report, and every sample
# dossier audited into a PDF (pages, bytes, median time of 7 runs). The two builds take turns, so
# a slower moment of the machine weighs on both. Builds nothing.
#
#   bench/compare_report.sh OLD_BUILD [NEW_BUILD]      (NEW_BUILD default: build)
#
# An earlier build, e.g.: git worktree add /tmp/old COMMIT && cmake -S /tmp/old -B /tmp/old/build
# -DCMAKE_BUILD_TYPE=Release && cmake --build /tmp/old/build -j2 --target sceau sceau_bench_report
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
old=${1:?usage: compare_report.sh OLD_BUILD [NEW_BUILD]}
new=${2:-$root/build}
cd "$root"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

median() { sort -n | awk '{v[NR]=$1} END {print (NR % 2) ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2}'; }
field() { awk -v k="$1:" '$1 == k {print $2}'; }

echo "## sceau_bench_report --runs 7 --gaps 180, three turns each (median of the turns)"
for turn in 1 2 3; do
  for b in old new; do
    dir=$old; [[ $b == new ]] && dir=$new
    "$dir/bench/sceau_bench_report" --runs 7 --gaps 180 >"$tmp/bench-$b-$turn"
  done
done
printf '%-28s %12s %12s %8s\n' measure old new new/old
for k in pages pdf_bytes pdf_median_ms json_median_ms pages_per_second_per_core; do
  o=$(for t in 1 2 3; do field "$k" <"$tmp/bench-old-$t"; done | median)
  n=$(for t in 1 2 3; do field "$k" <"$tmp/bench-new-$t"; done | median)
  printf '%-28s %12s %12s %8.3f\n' "$k" "$o" "$n" "$(echo "$n / $o" | bc -l)"
done

echo
echo "## Sample reports: pages, bytes, median ms of 7 runs of \`sceau -q audit X --format pdf\`"
printf '%-22s %9s %9s %9s %9s %8s %8s %6s\n' dossier old_pages new_pages old_bytes new_bytes \
  old_ms new_ms ratio
for f in audits/*.yaml; do
  stem=$(basename "$f" .yaml)
  for b in old new; do : >"$tmp/ms-$b"; done
  for run in 1 2 3 4 5 6 7; do
    for b in old new; do
      dir=$old; [[ $b == new ]] && dir=$new
      mkdir -p "$tmp/$b"
      start=$(date +%s%N)
      "$dir/sceau" -q audit "$f" --format pdf --out "$tmp/$b"
      echo $((($(date +%s%N) - start) / 1000)) >>"$tmp/ms-$b"
    done
  done
  om=$(median <"$tmp/ms-old"); nm=$(median <"$tmp/ms-new")
  printf '%-22s %9s %9s %9s %9s %8.1f %8.1f %6.3f\n' "$stem" \
    "$(pdfinfo "$tmp/old/$stem.pdf" | awk '/^Pages/{print $2}')" \
    "$(pdfinfo "$tmp/new/$stem.pdf" | awk '/^Pages/{print $2}')" \
    "$(stat -c %s "$tmp/old/$stem.pdf")" "$(stat -c %s "$tmp/new/$stem.pdf")" \
    "$(echo "$om / 1000" | bc -l)" "$(echo "$nm / 1000" | bc -l)" "$(echo "$nm / $om" | bc -l)"
done
