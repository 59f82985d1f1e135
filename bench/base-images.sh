#!/usr/bin/env bash
# Base images: warm wall time of `./build.sh BaseImages` (the Dockerfile's base images are
# already on the machine, or their local equivalents are, with the current recipe), and the
# sizes of the local equivalents.
#
#   bash bench/base-images.sh            (RUNS=5 by default; BASE_IMAGE_CACHE to point at the cache)
#
# The first run is a warm-up: on a fresh machine it debootstraps and builds the local
# equivalents (about a minute); it is timed and reported but not part of the median.
# Goal: the BaseImages step itself (its "Base images resolved in" log line) under 2 s.
# Exits 0 when the measurements ran (goals are reported, not enforced), unless
# BENCH_STRICT=1, which makes a missed goal exit 1.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

RUNS="${RUNS:-5}"
GOAL_S="2.0"
OUTPUT="$(mktemp)"
trap 'rm -f "$OUTPUT"' EXIT

now_us() {
  local ns
  ns="$(date +%s%N)"
  echo $((ns / 1000))
}

ms() { awk -v us="$1" 'BEGIN { printf "%.1f", us / 1000 }'; }

median() { sort -n | awk '{ a[NR] = $1 } END { if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

# Runs ./build.sh BaseImages once; sets RUN_US (wall time) and RESOLVE_S (what the step logged).
run_once() {
  local start end code=0
  start="$(now_us)"
  ./build.sh BaseImages --no-logo >"$OUTPUT" 2>&1 </dev/null || code=$?
  end="$(now_us)"
  if [[ $code -ne 0 ]]; then
    echo "./build.sh BaseImages exited with $code; its output:" >&2
    cat "$OUTPUT" >&2
    exit 1
  fi
  RUN_US=$((end - start))
  RESOLVE_S="$(sed -n 's/.*Base images resolved in \([0-9.]*\) s.*/\1/p' "$OUTPUT" | tail -n 1)"
  RESOLVE_S="${RESOLVE_S:-?}"
}

echo "base images: $RUNS warm runs of ./build.sh BaseImages ($(uname -sm))"
echo
run_once
echo "warm-up (may build the local equivalents): $(ms "$RUN_US") ms, resolve ${RESOLVE_S} s"
grep -E 'INF (RUNTIME|SDK|[A-Z_]+): ' "$OUTPUT" | sed 's/^/  /' || true
echo

walls=()
resolves=()
for ((i = 1; i <= RUNS; i++)); do
  run_once
  walls+=("$RUN_US")
  resolves+=("$RESOLVE_S")
  printf '  run %d: %8s ms wall, resolve %s s\n' "$i" "$(ms "$RUN_US")" "$RESOLVE_S"
done
wall_median="$(printf '%s\n' "${walls[@]}" | median)"
resolve_median="$(printf '%s\n' "${resolves[@]}" | grep -v '?' | median || true)"
echo
printf 'median: %s ms wall (./build.sh BaseImages), %s s in ResolveAsync\n' "$(ms "$wall_median")" "${resolve_median:-?}"
echo
echo "local base images:"
docker image ls 'local/*' --format '  {{.Repository}}:{{.Tag}}\t{{.Size}}\t{{.CreatedSince}}' | sort
cache="${BASE_IMAGE_CACHE:-}"
if [[ -z "$cache" && $EUID -eq 0 ]]; then
  cache=/var/cache/app-pipeline
elif [[ -z "$cache" ]]; then
  cache="${XDG_CACHE_HOME:-$HOME/.cache}/app-pipeline"
fi
if compgen -G "$cache/debian-*-minbase-*.tar" >/dev/null; then
  echo "rootfs tarballs in $cache:"
  du -h "$cache"/debian-*-minbase-*.tar | sed 's/^/  /'
fi
echo
echo "goal: resolve under ${GOAL_S} s when the images exist"
if [[ -n "${resolve_median:-}" ]] && awk -v r="$resolve_median" -v g="$GOAL_S" 'BEGIN { exit !(r < g) }'; then
  echo "  met (${resolve_median} s)"
else
  echo "  MISSED (${resolve_median:-?} s)"
  if [[ "${BENCH_STRICT:-0}" == "1" ]]; then
    exit 1
  fi
fi
