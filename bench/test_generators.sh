#!/usr/bin/env bash
# Checks the benchmark generators against the engine (a ctest when the tests are built):
#
#   bench/test_generators.sh SCEAU
#
# 1. gen_campaign.py --members 40 --seed 3: every dossier passes `sceau check` with no error and no
#    warning, and `sceau audit` takes exactly the decision the generator planned for each member;
#    the same seed gives the same bytes.
# 2. gen_referential.py --criteria 300 --density 1.5 and gen_dossier.py on it (a surveillance, so
#    with the certificate's dates): `sceau validate` and `sceau check` with no error and no warning.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
sceau=${1:?usage: test_generators.sh SCEAU}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "test_generators.sh: FAIL: $*" >&2; exit 1; }
# sceau speaks English here, whatever the locale of the machine (the checks read its words).
export LANG=en_GB.UTF-8
unset LC_ALL LC_MESSAGES

python3 "$root/bench/gen_campaign.py" --out "$tmp/c" --members 40 --seed 3 2>/dev/null
python3 "$root/bench/gen_campaign.py" --out "$tmp/c2" --members 40 --seed 3 2>/dev/null
diff -r "$tmp/c" "$tmp/c2" >/dev/null || fail "gen_campaign.py is not deterministic"
[[ $(find "$tmp/c" -name '*.yaml' | wc -l) == 40 ]] || fail "expected 40 dossiers"
while IFS=, read -r file _; do
  out=$("$sceau" check "$tmp/c/$file" --referentials "$root/referentials" 2>&1) || fail "$file: $out"
  [[ $out == *", 0 warning(s)" ]] || fail "$file: warnings: $out"
done < <(tail -n +2 "$tmp/c/campaign.csv")
python3 - "$sceau" "$tmp/c" "$root/referentials" <<'PY'
import csv, json, os, subprocess, sys
sceau, camp, refs = sys.argv[1:]
bad = []
for r in csv.DictReader(open(os.path.join(camp, "campaign.csv"), encoding="utf-8")):
    out = os.path.join(camp, "out", os.path.dirname(r["file"]))
    subprocess.run([sceau, "-q", "audit", os.path.join(camp, r["file"]), "--referentials", refs,
                    "--out", out, "--format", "json"], check=True)
    d = json.load(open(os.path.join(camp, "out", r["file"][:-5] + ".json"), encoding="utf-8"))["decision"]
    got = d["outcome"] if d["decision"] == "refused" else d["decision"]
    if got != r["planned_decision"]:
        bad.append("%s: planned %s, got %s" % (r["file"], r["planned_decision"], got))
if bad:
    sys.exit("test_generators.sh: FAIL: " + "; ".join(bad))
PY

python3 "$root/bench/gen_referential.py" --criteria 300 --density 1.5 --seed 2 >"$tmp/ref.yaml"
grep -q -- '--deps 450 ' "$tmp/ref.yaml" || fail "--density 1.5 did not give 450 links"
mkdir "$tmp/refs" && cp "$tmp/ref.yaml" "$tmp/refs/"
out=$("$sceau" validate "$tmp/ref.yaml" 2>&1) || fail "validate: $out"
for seed in 1 2 3; do
  python3 "$root/bench/gen_dossier.py" "$tmp/ref.yaml" --seed "$seed" --kind AI >"$tmp/d.yaml" 2>/dev/null
  out=$("$sceau" check "$tmp/d.yaml" --referentials "$tmp/refs" 2>&1) || fail "gen_dossier seed $seed: $out"
  [[ $out == *", 0 warning(s)" ]] || fail "gen_dossier seed $seed: warnings: $out"
done
echo "test_generators.sh: ok"
