#!/usr/bin/env bash
# Rollback: time from starting `./build.sh Rollback --emergency` to the previous version answering on
# production's port, against the floor of a bare `docker-compose up -d` of the same digest.
#
#   bash bench/rollback.sh        (RUNS=5 by default)
#
# Needs a promoted production (./build.sh PromoteToProduction). It measures between the newest rollback point and
# artifacts/release.json; when they hold the same image (two promotions of one commit), it first promotes the release's
# debug image as a stand-in newer release (the debug stage serves the same API; not timed), which adds a rollback point
# holding the release. Before each run production is put back on the newer image (not timed), so every run really
# switches images; it ends on the older one. Build output is shown only when a step fails, and then the bench stops.
# Goal: emergency rollback within 2x of the floor and under 5 s.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

RUNS="${RUNS:-5}"
PORT="${PRODUCTION_PORT:-8080}"
PROJECT="${PROJECT:-app-production}"
export CI=true

now_ms() { echo $(($(date +%s%N) / 1000000)); }
median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }
fail() { echo "bench/rollback.sh: $*" >&2; exit 1; }
quiet() { # command...: runs it with its output kept; on failure shows the output and stops the bench
  local log status=0
  log="$(mktemp)"
  "$@" >"$log" 2>&1 </dev/null || status=$?
  if [[ $status -ne 0 ]]; then
    cat "$log" >&2
    rm -f "$log"
    fail "'$*' failed (exit code $status); its output is above"
  fi
  rm -f "$log"
}
newest_tag() { git tag -l 'rollback-*' --sort=-refname | head -1; }
tag_image() { git tag -l --format='%(contents)' "$1" | json 'list(d["images"].values())[0]'; }
tag_version() { git tag -l --format='%(contents)' "$1" | json 'd["version"]'; }

[[ -f artifacts/release.json ]] || fail "no artifacts/release.json: run ./build.sh PromoteToProduction first"
new_image="$(json 'd["images"]["production"]' < artifacts/release.json)"
new_version="$(json 'd["version"]' < artifacts/release.json)"
tag="$(newest_tag)"
if [[ -z "$tag" || "$(tag_image "$tag")" == "$new_image" ]]; then
  stand_in="$(json 'd["images"].get("debug", "")' < artifacts/release.json)"
  [[ -n "$stand_in" ]] || fail "no rollback point with another image, and no debug image to stand in: promote a newer commit first"
  manifest="$(mktemp)"
  json 'json.dumps({**d, "images": {"production": d["images"]["debug"]}})' < artifacts/release.json > "$manifest"
  echo "setting up: promoting the debug image $stand_in as a stand-in newer release (not timed)"
  quiet ./build.sh PromoteToProduction --skip --release-manifest-file "$manifest" --reason "bench/rollback.sh stand-in" --no-logo
  rm -f "$manifest"
  tag="$(newest_tag)"
  new_image="$stand_in"
fi
old_image="$(tag_image "$tag")"
old_version="$(tag_version "$tag")"
[[ "$old_image" != "$new_image" ]] || fail "the rollback point $tag runs the same image as the release"
echo "rollback point $tag: $old_version ($old_image)"
echo "newer:                           $new_version ($new_image)"

compose_up() { # image version
  APP_IMAGE="$1" APP_VERSION="$2" APP_PORT="$PORT" APP_COMMIT=bench APP_DIGEST="${1#*@}" APP_ENVIRONMENT=production \
    quiet docker-compose --project-directory deploy -p "$PROJECT" -f deploy/compose.yaml -f deploy/compose.production.yaml \
    -f deploy/compose.laptop.yaml up -d --no-build --remove-orphans
}

served() { curl -fs "http://127.0.0.1:$PORT/version" 2>/dev/null || true; }

wait_served() { # body ("" for any answer); at most 60 s
  local until=$(($(now_ms) + 60000)) body
  while true; do
    body="$(served)"
    [[ -n "$body" && ( -z "$1" || "$body" == "$1" ) ]] && return
    (($(now_ms) < until)) || fail "production (127.0.0.1:$PORT) did not serve ${1:-an answer} within 60 s"
    sleep 0.05
  done
}

# What each image answers on /version, to know which one serves.
compose_up "$old_image" "$old_version"
wait_served ""
old_body="$(served)"
compose_up "$new_image" "$new_version"
wait_served ""
new_body="$(served)"
[[ "$old_body" != "$new_body" ]] || fail "both images answer /version alike ($old_body): cannot tell them apart"

timed() { # command...
  local start
  compose_up "$new_image" "$new_version"
  wait_served "$new_body"
  start="$(now_ms)"
  "$@"
  wait_served "$old_body"
  echo $(($(now_ms) - start))
}

emergency() { quiet ./build.sh Rollback --emergency --no-logo; }

floor_runs=()
rollback_runs=()
for ((i = 1; i <= RUNS; i++)); do
  f="$(timed compose_up "$old_image" "$old_version")"
  r="$(timed emergency)"
  floor_runs+=("$f")
  rollback_runs+=("$r")
  echo "run $i: floor ${f} ms, Rollback --emergency ${r} ms"
done
floor="$(printf '%s\n' "${floor_runs[@]}" | median)"
rollback="$(printf '%s\n' "${rollback_runs[@]}" | median)"
echo "median floor (docker-compose up -d + /version):   ${floor} ms"
echo "median ./build.sh Rollback --emergency:           ${rollback} ms"
awk -v r="$rollback" -v f="$floor" 'BEGIN { printf "ratio: %.2fx the floor (goal: within 2x and under 5000 ms)\n", r / f }'
