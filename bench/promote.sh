#!/usr/bin/env bash
# Promotion: wall time of a warm `./build.sh PromoteToProduction` (no source change since the last run) and
# each target's share of it, read from the run's summary table.
#
#   bash bench/promote.sh
#
# The PromoteToProduction line is the promotion itself (lock, backup, rollback tag, cutover, verification).
# Goal: under 90 s on this machine; the PromoteToProduction step under 12 s.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
export CI=true
log="$(mktemp)"
trap 'rm -f "$log"' EXIT

./build.sh PromoteToProduction --no-logo >/dev/null 2>&1 </dev/null || true   # warm-up: images built, staging up

start="$(date +%s%N)"
if ! ./build.sh PromoteToProduction --no-logo >"$log" 2>&1 </dev/null; then
  echo "PromoteToProduction failed; last lines:" >&2
  tail -30 "$log" >&2
  exit 1
fi
wall_ms=$((($(date +%s%N) - start) / 1000000))

echo "warm PromoteToProduction: ${wall_ms} ms wall   (goal: under 90000 ms; the PromoteToProduction step under 12 s)"
echo "per target (from the summary table):"
awk -v wall="$wall_ms" '
  function seconds(d,   parts) {
    if (d ~ /s$/) { sub(/s$/, "", d); return d + 0 }
    split(d, parts, ":"); return parts[1] * 60 + parts[2]
  }
  $2 == "Succeeded" && $3 ~ /^[0-9.:]+s?$/ {
    s = seconds($3); printf "  %-20s %7.1f s  %5.1f%%\n", $1, s, 100 * s * 1000 / wall
  }' "$log"
