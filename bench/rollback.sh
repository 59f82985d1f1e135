#!/usr/bin/env bash
# Rollback: time from starting `./build.sh Rollback --emergency` to the previous version answering on
# production's port, against the floor of a bare `docker-compose up -d` of the same digest.
#
#   bash bench/rollback.sh        (RUNS=5 by default)
#
# Needs a production with a rollback point (run ./build.sh PromoteToProduction twice first). Before each run
# production is put back on the newest release (not timed), so every run really switches versions.
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

tag="$(git tag -l 'rollback-*' --sort=-refname | head -1)"
[[ -n "$tag" ]] || { echo "no rollback point: run ./build.sh PromoteToProduction twice first" >&2; exit 1; }
manifest="$(git tag -l --format='%(contents)' "$tag")"
old_image="$(echo "$manifest" | json 'list(d["images"].values())[0]')"
old_version="$(echo "$manifest" | json 'd["version"]')"
new_image="$(json 'd["images"]["production"]' < artifacts/release.json)"
new_version="$(json 'd["version"]' < artifacts/release.json)"
[[ "$old_image" != "$new_image" ]] || { echo "the rollback point runs the same image as the release; promote a newer one first" >&2; exit 1; }
echo "rollback point $tag: $old_version; release: $new_version"

compose_up() { # image version
  APP_IMAGE="$1" APP_VERSION="$2" APP_PORT="$PORT" APP_COMMIT=bench APP_DIGEST="${1#*@}" APP_ENVIRONMENT=production \
    docker-compose --project-directory deploy -p "$PROJECT" -f deploy/compose.yaml -f deploy/compose.production.yaml \
    -f deploy/compose.laptop.yaml up -d --no-build --remove-orphans >/dev/null 2>&1 </dev/null
}

wait_version() { # version
  until curl -fs "http://127.0.0.1:$PORT/version" 2>/dev/null | grep -q "\"version\":\"$1\""; do sleep 0.05; done
}

timed() { # command...
  local start
  compose_up "$new_image" "$new_version"
  wait_version "$new_version"
  start="$(now_ms)"
  "$@"
  wait_version "$old_version"
  echo $(($(now_ms) - start))
}

emergency() { ./build.sh Rollback --emergency --no-logo >/dev/null 2>&1 </dev/null; }

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
