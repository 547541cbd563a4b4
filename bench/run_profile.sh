#!/usr/bin/env bash
# Where the time goes in `sceau audit`, stage by stage (the "Profile" section of bench/RESULTS.md).
#
#   bench/run_profile.sh [BUILD_DIR]      (default: build-bench under the checkout)
#
# Samples the CPU with `perf record -e cpu-clock -F 999 --call-graph dwarf` (a software clock: it
# works in virtual machines without hardware counters; `perf stat -e instructions` may say "not
# supported" there), then sums, for each stage, the samples whose call stack goes through the
# stage's function (perf report --children: inclusive). Two workloads:
#   large:    sceau audit bench/out/data/dossier-10k.yaml --format json,csv,pdf (10,000 criteria;
#             run bench/run_e2e.sh or bench/run_micro.sh once to generate it)
#   campaign: sceau batch bench/out/campaign --jobs 1 --format json,csv,pdf (560 realistic dossiers;
#             run bench/run_campaign.sh once to generate it)
# Needs perf (linux-perf) and python3; if perf cannot sample, try `valgrind --tool=callgrind`
# by hand instead (slower, same breakdown with callgrind_annotate --inclusive=yes).
# Prints a Markdown snippet on stdout. perf.data files stay in bench/out/profile (git-ignored).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=bench/bench_lib.sh
source "$root/bench/bench_lib.sh"
build=${1:-$root/build-bench}
build=$(cd "$build" && pwd)
sceau=$build/sceau
dir=$root/bench/out/profile
need_cmd perf linux-perf
need_cmd python3 python3
[[ -x $sceau ]] || { echo "run_profile.sh: no binary at $sceau" >&2; exit 1; }
mkdir -p "$dir"
cd "$root"
warn_if_busy

# profile NAME CMD...: records CMD into $dir/NAME.data and prints its stage table.
profile() {
  local name=$1
  shift
  rm -rf "$dir/$name-out"
  perf record -q -e cpu-clock -F 999 --call-graph dwarf,16384 -o "$dir/$name.data" -- "$@" \
    >/dev/null 2>"$dir/$name.log" || { echo "run_profile.sh: perf record failed, see $dir/$name.log" >&2; exit 1; }
  perf report -i "$dir/$name.data" --children --sort symbol --stdio -g none --percent-limit 0 \
    2>/dev/null >"$dir/$name.txt"
  perf report -i "$dir/$name.data" --no-children --sort dso --stdio -g none --percent-limit 0 \
    2>/dev/null >"$dir/$name-dso.txt"
  python3 - "$dir/$name.txt" "$dir/$name-dso.txt" <<'PY'
import re, sys
text = open(sys.argv[1], encoding="utf-8", errors="replace").read()
m = re.search(r"Event count \(approx.\): (\d+)", text)
cpu_ms = int(m.group(1)) / 1e6 if m else 0.0  # cpu-clock counts nanoseconds
ROW = re.compile(r"\s+([\d.]+)%\s+([\d.]+)%\s+\[[.k]\]\s+(.*\S)")
def name_of(s):
    return re.sub(r"\s{2,}.*$", "", s)  # drop the padding and the IPC columns
incl = {}
for line in text.splitlines():
    m = ROW.match(line)
    if m:
        sym = name_of(m.group(3))
        incl[sym] = max(incl.get(sym, 0.0), float(m.group(1)))
def pct(*names):
    """The largest inclusive share among the symbols named (perf prints names without parameters;
    an ABI tag such as [abi:cxx11] may follow)."""
    best = 0.0
    for sym, p in incl.items():
        if any(sym == n or sym.startswith(n + "[") for n in names):
            best = max(best, p)
    return best
stages = [
    ("referentials folder scan (`ReferentialLibrary::Scan`: id and version of each file)",
     pct("sceau::ReferentialLibrary::Scan")),
    ("referential load + validation (`LoadReferentialFromString`)", pct("sceau::LoadReferentialFromString")),
    ("criteria graph (`CriteriaGraph`, built by the evaluator)", pct("sceau::CriteriaGraph::CriteriaGraph")),
    ("dossier load + checks, referential excluded (`LoadDossierFromString` minus `ReferentialLibrary::Resolve`)",
     max(0.0, pct("sceau::LoadDossierFromString") - pct("sceau::ReferentialLibrary::Resolve"))),
    ("evaluation (`Evaluate`)", pct("sceau::Evaluate")),
    ("JSON result (`ResultToJson`)", pct("sceau::ResultToJson")),
    ("CSV (`ActionsToCsv`)", pct("sceau::ActionsToCsv")),
    ("PDF: JSON read back (`report::ReadModel`)", pct("sceau::report::ReadModel")),
    ("PDF: rendering (`RenderPdf`, libharu)", pct("sceau::RenderPdf")),
    ("PDF: zlib `deflate` (libharu saving the PDF: page streams, fonts, CIDToGIDMaps; its stacks often do not unwind up to `RenderPdf`)", pct("deflate")),
    ("writing the files (`WriteFilesAtomically` / `WriteFileAtomically`)",
     max(pct("sceau::WriteFilesAtomically"), pct("sceau::WriteFileAtomically"))),
    ("of which `fsync` (kernel)", pct("__x64_sys_fsync")),
    ("batch: resume bookkeeping (`DependentFiles`: the JSON result parsed again to list the evidence files)",
     pct("sceau::cli::(anonymous namespace)::DependentFiles")),
    ("SHA-256 (`Sha256Hex`, inputs and stamps)", pct("sceau::Sha256Hex")),
]
print("| Stage (inclusive: samples whose stack goes through it) | Share of CPU samples | ≈ CPU ms |")
print("|---|---|---|")
for name, p in stages:
    print("| %s | %.1f %% | %.0f |" % (name, p, p / 100.0 * cpu_ms))
print("| whole process (all threads) | 100 %% | %.0f |" % cpu_ms)
print("| samples whose stack perf could not unwind to a stage (0xffffffffffffffff) | %.1f %% | |"
      % incl.get("0xffffffffffffffff", 0.0))
# The hottest functions by self time.
selfs = []
for line in text.splitlines():
    m = ROW.match(line)
    if m and float(m.group(2)) > 0:
        selfs.append((float(m.group(2)), name_of(m.group(3))))
selfs.sort(reverse=True)
print()
print("Self time by library (no unwinding needed): " + "; ".join(
    "%s %.1f %%" % (m.group(2), float(m.group(1)))
    for m in (re.match(r"\s+([\d.]+)%\s+(\S+)", l) for l in open(sys.argv[2], errors="replace"))
    if m) + ".")
print()
print("Hottest functions (self time): " + "; ".join(
    "`%s` %.1f %%" % (re.sub(r"<.*|\(.*", "", s)[:70], p) for p, s in selfs[:10]) + ".")
PY
}

echo "### Large: one 10,000-criterion audit" 
echo
profile large "$sceau" -q audit bench/out/data/dossier-10k.yaml --referentials bench/out/data/refs-10k \
  --out "$dir/large-out" --format json,csv,pdf
echo
echo "### Campaign: 560 realistic dossiers, one job"
echo
profile campaign "$sceau" -q batch bench/out/campaign --jobs 1 --out "$dir/campaign-out" \
  --referentials referentials --progress none --force --format json,csv,pdf
echo
shown=${build#"$root"/}
cat <<EOF
Machine: $(machine_line "$build").

Commands:

\`\`\`sh
bench/run_profile.sh $shown     # which runs, for each workload:
perf record -e cpu-clock -F 999 --call-graph dwarf,16384 -o bench/out/profile/large.data -- \\
  $shown/sceau -q audit bench/out/data/dossier-10k.yaml --referentials bench/out/data/refs-10k --out bench/out/profile/large-out --format json,csv,pdf
perf record -e cpu-clock -F 999 --call-graph dwarf,16384 -o bench/out/profile/campaign.data -- \\
  $shown/sceau -q batch bench/out/campaign --jobs 1 --out bench/out/profile/campaign-out --referentials referentials --progress none --force
perf report -i bench/out/profile/NAME.data --children --sort symbol --stdio -g none
\`\`\`
EOF
