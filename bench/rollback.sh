#!/usr/bin/env bash
# Rollback: time from starting `./build.sh Rollback --emergency` to the previous release answering on production's
# port, when that release is one of the stopped releases production keeps (--keep-releases): a start and a proxy
# switch. The floor, in the same run: a bare `docker-compose up -d --force-recreate` of the same image in place, on a
# port of its own, until it answers.
#
#   bash bench/rollback.sh        (RUNS=5 by default)
#
# Needs artifacts/release.json (./build.sh PromoteToProduction once). The two releases are the release and its debug
# image (the debug stage serves the same API with another digest). Before each timed run production is promoted to the
# other one (not timed), which records the rollback point the emergency rollback goes back to.
# Goal: under 1 s, and at most 0.6x the floor.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
RUNS="${RUNS:-5}"
PORT="${PRODUCTION_PORT:-8080}"
FLOOR_PORT="${FLOOR_PORT:-18180}"
export CI=true

now_ms() { echo $(($(date +%s%N) / 1000000)); }
median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }
fail() { echo "bench/rollback.sh: $*" >&2; exit 1; }
quiet() { # command...: its output shown only when it fails, and then the bench stops
  local log status=0
  log="$(mktemp)"
  "$@" >"$log" 2>&1 </dev/null || status=$?
  if [[ $status -ne 0 ]]; then cat "$log" >&2; rm -f "$log"; fail "'$*' failed (exit code $status); its output is above"; fi
  rm -f "$log"
}
[[ -f artifacts/release.json ]] || fail "no artifacts/release.json: run ./build.sh PromoteToProduction first"

work="$(mktemp -d)"
floor_down() { # by label, so it works whatever the compose files need
  docker ps -aq --filter label=com.docker.compose.project=bench-floor | xargs -r docker rm -f >/dev/null
  docker network rm bench-floor_default >/dev/null 2>&1 || true
  docker volume rm bench-floor_data >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap floor_down EXIT
debug_manifest="$work/release-debug.json"
json 'json.dumps({**d, "images": {"production": d["images"]["debug"]}})' < artifacts/release.json > "$debug_manifest"
release_image="$(json 'd["images"]["production"]' < artifacts/release.json)"
debug_image="$(json 'd["images"]["debug"]' < artifacts/release.json)"
printf 'services:\n  app:\n    ports:\n      - "127.0.0.1:%s:8080"\n' "$FLOOR_PORT" > "$work/floor.yaml"

served() { curl -fs "http://127.0.0.1:$1/version" 2>/dev/null || true; }
wait_served() { # port body-fragment; at most 60 s
  local until=$(($(now_ms) + 60000))
  until [[ "$(served "$1")" == *"$2"* ]]; do
    (($(now_ms) < until)) || fail "127.0.0.1:$1 did not serve $2 within 60 s"
    sleep 0.02
  done
}
floor_up() { # image
  APP_IMAGE="$1" APP_VERSION=floor APP_COMMIT=bench APP_DIGEST="${1#*@}" APP_ENVIRONMENT=production APP_DATA_VOLUME=bench-floor_data \
    quiet docker-compose --project-directory deploy -p bench-floor -f deploy/compose.yaml -f deploy/compose.production.yaml \
    -f "$work/floor.yaml" up -d --no-build --force-recreate
}
debugging() { [[ "$1" == "$debug_image" ]] && echo '"debuggingEnabled":true' || echo '"debuggingEnabled":false'; }

curl -fs "http://127.0.0.1:$PORT/health" >/dev/null || quiet ./build.sh PromoteToProduction --no-logo
floor_up "$debug_image"; wait_served "$FLOOR_PORT" "$(debugging "$debug_image")"

floor_runs=()
rollback_runs=()
for ((i = 1; i <= RUNS; i++)); do
  # which release serves now; the other one is promoted (not timed), then the emergency rollback brings this one back
  if [[ "$(served "$PORT")" == *'"debuggingEnabled":true'* ]]; then back="$debug_image"; newer=artifacts/release.json; else back="$release_image"; newer="$debug_manifest"; fi
  quiet ./build.sh PromoteToProduction --skip --release-manifest-file "$newer" --reason "bench/rollback.sh" --no-logo
  start="$(now_ms)"
  quiet ./build.sh Rollback --emergency --no-logo
  wait_served "$PORT" "$(debugging "$back")"
  r=$(($(now_ms) - start))
  if [[ "$(served "$FLOOR_PORT")" == *'"debuggingEnabled":true'* ]]; then image="$release_image"; else image="$debug_image"; fi
  start="$(now_ms)"
  floor_up "$image"
  wait_served "$FLOOR_PORT" "$(debugging "$image")"
  f=$(($(now_ms) - start))
  floor_runs+=("$f")
  rollback_runs+=("$r")
  echo "run $i: Rollback --emergency ${r} ms, floor ${f} ms"
done
floor="$(printf '%s\n' "${floor_runs[@]}" | median)"
rollback="$(printf '%s\n' "${rollback_runs[@]}" | median)"
echo "median ./build.sh Rollback --emergency (kept release: start + switch): ${rollback} ms"
echo "median floor (docker-compose up -d --force-recreate, in place):        ${floor} ms"
awk -v r="$rollback" -v f="$floor" 'BEGIN { printf "ratio: %.2fx the floor (goal: under 1000 ms and at most 0.6x)\n", r / f }'
