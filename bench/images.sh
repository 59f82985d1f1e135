#!/usr/bin/env bash
# Images: cold and warm (no change) BuildImages wall time, ValidateProduction wall time,
# and the sizes of the production image and of the runtime base image it is built on.
#
#   bash bench/images.sh        (RUNS=3 warm runs by default; IMAGE_NAME=app by default)
#
# "Cold" removes the images of IMAGE_NAME (local and localhost:5000/ tags, and untagged ones
# of those repositories) and the published output first (base images stay: they are a
# machine-wide cache measured by bench/base-images.sh). On an engine shared with others, pick
# an IMAGE_NAME of your own so their images stay.
# Goals: warm no-change BuildImages under 5 s; production image under 60 MB.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

RUNS="${RUNS:-3}"
IMAGE="${IMAGE_NAME:-app}"
export CI=true
LOG="$(mktemp)"
trap 'rm -f "$LOG"' EXIT

now_ms() { echo $(($(date +%s%N) / 1000000)); }

run_timed() {
  local start end
  start="$(now_ms)"
  if ! ./build.sh "$@" --image-name "$IMAGE" --no-logo >"$LOG" 2>&1 </dev/null; then
    echo "'./build.sh $*' failed; last lines:" >&2
    tail -30 "$LOG" >&2
    exit 1
  fi
  end="$(now_ms)"
  echo $((end - start))
}

median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

# BaseImages' summary notes "RUNTIME_IMAGE: <image> (<source>)": the runtime base actually used.
run_timed Setup >/dev/null
run_timed BaseImages >/dev/null
runtime_base="$(sed -n 's/.*RUNTIME_IMAGE: \([^ ;]*\) (.*/\1/p' "$LOG" | tail -n 1)"

# By name:tag, or by name@digest for those listed with the tag <none> ("docker rmi name:<none>" fails);
# never by id, which would also untag other repositories' images that share it.
docker image ls --digests --format '{{.Repository}} {{.Tag}} {{.Digest}}' \
  | awk -v a="$IMAGE" -v b="localhost:5000/$IMAGE" '$1 == a || $1 == b { if ($2 != "<none>") print $1 ":" $2; else if ($3 != "<none>") print $1 "@" $3 }' \
  | sort -u \
  | xargs -r docker rmi -f >/dev/null || echo "(some ${IMAGE} images could not be removed: in use by a container?)" >&2
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
target_time="$(awk '$1 == "ValidateProduction" && $2 == "Succeeded" { print $3 }' "$LOG")"
echo "ValidateProduction run:           ${validate} ms wall, of which the target itself: ${target_time}"

megabytes() { docker image inspect "$1" --format '{{.Size}}' | awk '{ printf "%.1f", $1 / 1e6 }'; }
version_tag="$(docker image ls "${IMAGE}" --format '{{.Tag}}' | grep -vE -- '^<none>$|-(dev|debug)$' | head -n 1)"
if [[ -z "$version_tag" ]]; then
  echo "no production image ${IMAGE}:<version> after BuildImages" >&2
  exit 1
fi
echo "production image ${IMAGE}:${version_tag}:   $(megabytes "${IMAGE}:${version_tag}") MB   (goal: under 60 MB)"
if [[ -n "$runtime_base" ]]; then
  echo "  on the runtime base ${runtime_base}:   $(megabytes "$runtime_base") MB"
else
  echo "  (the runtime base was not found in the BaseImages summary)" >&2
fi
