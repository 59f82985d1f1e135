#!/usr/bin/env bash
# Debugging: how long DebugSnapshot takes and how big the archive is, and how long DebugLocal takes to serve the
# snapshot's data (start to healthy) and to stop, on a private staging site with USERS rows.
#
#   bash bench/debug.sh        (RUNS=3, USERS=500 by default)
#
# Needs artifacts/release.json (run ./build.sh PushImages first). The build's output goes to stderr, the figures to
# stdout; a failing step stops the bench with its output. Everything it deploys is removed at the end.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

RUNS="${RUNS:-3}"
USERS="${USERS:-500}"
PREFIX="benchdbg$$"
STAGING_PORT="${STAGING_PORT:-18571}"
LOCAL_PORT="${LOCAL_PORT:-18573}"
SITE=(--environment-prefix "$PREFIX" --staging-port "$STAGING_PORT" --debug-local-port "$LOCAL_PORT" --no-logo)
export CI=true

now_ms() { echo $(($(date +%s%N) / 1000000)); }
# Runs a command with its output shown on stderr (the figures go to stdout) and kept in $last; stops the bench, saying
# so, when it fails.
last=""
run() {
  local log status=0
  log="$(mktemp)"
  "$@" 2>&1 | tee "$log" >&2 || status=$?
  last="$(cat "$log")"
  rm -f "$log"
  if [[ $status -ne 0 ]]; then
    echo "bench/debug.sh: '$*' failed (exit code $status); its output is above." >&2
    exit "$status"
  fi
}
median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
snapshots=()
cleanup() {
  ./build.sh DebugLocal --stop "${SITE[@]}" >/dev/null 2>&1 || true
  docker rm -f "$PREFIX-staging_app_1" >/dev/null 2>&1 || true
  docker volume rm "$PREFIX-staging_data" >/dev/null 2>&1 || true
  docker network rm "$PREFIX-staging_default" >/dev/null 2>&1 || true
  rm -rf ".deploy/locks/$PREFIX" "${snapshots[@]}"
}
trap cleanup EXIT

[[ -f artifacts/release.json ]] || { echo "no artifacts/release.json: run ./build.sh PushImages first" >&2; exit 1; }
run ./build.sh DeployStaging "${SITE[@]}"
for i in $(seq 1 "$USERS"); do
  curl -fs -o /dev/null -H 'content-type: application/json' -d "{\"name\":\"Bench User $i\",\"email\":\"bench$i@corp.example\",\"phone\":\"+44 7700 9$(printf %05d "$i")\"}" "http://127.0.0.1:$STAGING_PORT/api/users" \
    || { echo "bench/debug.sh: POST /api/users on staging (127.0.0.1:$STAGING_PORT) failed for user $i" >&2; exit 1; }
done

snapshot_ms=(); local_ms=(); stop_ms=()
for _ in $(seq 1 "$RUNS"); do
  start=$(now_ms)
  run ./build.sh DebugSnapshot --environment staging "${SITE[@]}"
  snapshot_ms+=($(($(now_ms) - start)))
  file="$(echo "$last" | sed -n 's/^Snapshot of staging (.*): \(.*\.tar\.gz\)$/\1/p')"
  [[ -f "$file" ]] || { echo "bench/debug.sh: DebugSnapshot printed no snapshot path (see its output above)" >&2; exit 1; }
  snapshots+=("$file")
  start=$(now_ms)
  run ./build.sh DebugLocal --snapshot "$file" "${SITE[@]}"
  local_ms+=($(($(now_ms) - start)))
  start=$(now_ms)
  run ./build.sh DebugLocal --stop "${SITE[@]}"
  stop_ms+=($(($(now_ms) - start)))
done

echo "users in staging:            $USERS"
echo "snapshot size:               $(stat -c %s "${snapshots[0]}") bytes"
echo "DebugSnapshot (median of $RUNS): $(printf '%s\n' "${snapshot_ms[@]}" | median) ms"
echo "DebugLocal start (median):   $(printf '%s\n' "${local_ms[@]}" | median) ms"
echo "DebugLocal --stop (median):  $(printf '%s\n' "${stop_ms[@]}" | median) ms"
