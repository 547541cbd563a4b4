#!/usr/bin/env bash
# Formats the C++ sources with the project's .clang-format (Google style, 100 columns).
#   scripts/format.sh          rewrite every tracked .cc and .h in place
#   scripts/format.sh --check  change nothing; list the files that differ and exit 1 if any does
# Needs clang-format (Debian package clang-format); installed like the build's packages when root.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
if ! command -v clang-format >/dev/null; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "scripts/format.sh needs clang-format:" >&2
    echo "  apt-get update && apt-get install -y --no-install-recommends clang-format" >&2
    exit 1
  fi
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
      apt-get install -y -qq --no-install-recommends clang-format; } >/dev/null
fi
mapfile -t files < <(git ls-files '*.cc' '*.h')
if [ "${1:-}" = "--check" ]; then
  bad=()
  for f in "${files[@]}"; do
    if ! clang-format --dry-run --Werror "$f" >/dev/null 2>&1; then bad+=("$f"); fi
  done
  if [ ${#bad[@]} -gt 0 ]; then
    echo "not formatted with .clang-format (run scripts/format.sh):" >&2
    printf '  %s\n' "${bad[@]}" >&2
    exit 1
  fi
  exit 0
fi
clang-format -i "${files[@]}"
