#!/usr/bin/env bash
# The independent verifier's test (ctest badge.independent_verifier): sceau issues a badge for the
# story's first certificate; Digital Bazaar's libraries (verify.mjs, offline) must accept it, and
# refuse a copy with one changed character and the credential once expired.
# Usage: run.sh SCEAU_BINARY STANDARDS_DIR. Needs node and tests/verifier/node_modules (npm ci, done
# by scripts/test.sh): fails, never skips, when they are missing.
set -euo pipefail
sceau=$1
standards=$2
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
if ! command -v node >/dev/null || [ ! -d "$here/node_modules/@digitalbazaar/vc" ]; then
  echo "FAIL: node or tests/verifier/node_modules is missing: run scripts/test.sh (npm ci)" >&2
  exit 1
fi
context="$standards/openbadges-3.0/context-3.0.3.json"
[ -f "$context" ] || { echo "FAIL: $context is missing" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$root"
"$sceau" -q register --db "$tmp/r.db" record audits/story/2023-initial.json --by T
"$sceau" -q keygen --out "$tmp/issuer" >/dev/null
cat >"$tmp/sceau.yaml" <<YAML
format: 1
issuer:
  id: https://labels.reseau-exemple.fr/emetteur
  name: Réseau Exemple
directory:
  base_url: https://labels.reseau-exemple.fr/annuaire
YAML
"$sceau" -q register --db "$tmp/r.db" badge CEDRE-2023-00001 --key "$tmp/issuer.key" \
  --config "$tmp/sceau.yaml" --out "$tmp/badge.json" --today 2024-01-15
sed 's/Haut-Olbène/Haut-Olbene/' "$tmp/badge.json" >"$tmp/tampered.json"
cmp -s "$tmp/badge.json" "$tmp/tampered.json" && { echo "FAIL: nothing tampered" >&2; exit 1; }

check() {  # expected-output credential now
  local got
  got=$(node "$here/verify.mjs" "$2" "$tmp/issuer.pub" "$context" "$3" 2>&1) || true
  if [ "$got" != "$1" ]; then
    echo "FAIL: $2 on $3: expected '$1', got '$got'" >&2
    exit 1
  fi
  echo "ok: $(basename "$2") on $3: $got"
}
check "verified" "$tmp/badge.json" 2024-01-20T12:00:00Z
check "refused: Invalid signature." "$tmp/tampered.json" 2024-01-20T12:00:00Z
check "refused: The current date time (2026-10-01T00:00:00.000Z) is after \"validUntil\" (2026-09-27T23:59:59Z)." \
  "$tmp/badge.json" 2026-10-01T00:00:00Z
