#!/usr/bin/env bash
# Images: cold and warm (no change) BuildImages wall time, ValidateProduction wall time,
# and the production image size.
#
#   bash bench/images.sh        (RUNS=3 warm runs by default)
#
# "Cold" removes the app's images and the published output first (base images stay: they
# are a machine-wide cache measured by bench/base-images.sh).
# Goals: warm no-change BuildImages under 5 s; production image under 120 MB.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

RUNS="${RUNS:-3}"
IMAGE="${IMAGE_NAME:-app}"
export CI=true

now_ms() { echo $(($(date +%s%N) / 1000000)); }

run_timed() {
  local start end
  start="$(now_ms)"
  if ! ./build.sh "$@" --no-logo >/tmp/bench-images.log 2>&1 </dev/null; then
    echo "'./build.sh $*' failed; last lines:" >&2
    tail -30 /tmp/bench-images.log >&2
    exit 1
  fi
  end="$(now_ms)"
  echo $((end - start))
}

median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

./build.sh Setup --no-logo >/dev/null 2>&1 </dev/null
./build.sh BaseImages --no-logo >/dev/null 2>&1 </dev/null

docker image ls --format '{{.Repository}}:{{.Tag}}' | { grep -E "^(${IMAGE}|localhost:5000/${IMAGE}):" || true; } | xargs -r docker rmi -f >/dev/null
rm -rf src/App/bin/publish
cold="$(run_timed BuildImages)"
echo "cold BuildImages:                 ${cold} ms"

warm=()
for ((i = 1; i <= RUNS; i++)); do
  t="$(run_timed BuildImages)"
  warm+=("$t")
  echo "warm BuildImages run $i:          ${t} ms"
done
warm_median="$(printf '%s\n' "${warm[@]}" | median)"
echo "warm BuildImages median:          ${warm_median} ms   (goal: under 5000 ms)"

validate="$(run_timed ValidateProduction)"
target_time="$(awk '$1 == "ValidateProduction" && $2 == "Succeeded" { print $3 }' /tmp/bench-images.log)"
echo "ValidateProduction run:           ${validate} ms wall, of which the target itself: ${target_time}"

version_tag="$(docker image ls "${IMAGE}" --format '{{.Tag}}' | grep -vE -- '-(dev|debug)$' | head -1)"
bytes="$(docker image inspect "${IMAGE}:${version_tag}" --format '{{.Size}}')"
echo "production image ${IMAGE}:${version_tag}: $((bytes / 1000000)) MB   (goal: under 120 MB)"
