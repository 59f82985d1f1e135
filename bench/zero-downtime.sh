#!/usr/bin/env bash
# Zero downtime: requests sent and failed on production's port while a promotion switches to another release, and
# while `Rollback --emergency` switches back, each under a steady load (bench/load.py, 4 keep-alive connections,
# unthrottled: several hundred requests per second here) for the whole operation; p99 latency during the operation
# against the p99 before and after it.
#
#   bash bench/zero-downtime.sh
#
# Needs artifacts/release.json (./build.sh PromoteToProduction once). The two releases are the release and its debug
# image (the debug stage serves the same API with another digest), so no second build is needed.
# Goal: 0 failed requests in both, at 100 requests per second or more.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
PORT="${PRODUCTION_PORT:-8080}"
export CI=true
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }
fail() { echo "bench/zero-downtime.sh: $*" >&2; exit 1; }
[[ -f artifacts/release.json ]] || fail "no artifacts/release.json: run ./build.sh PromoteToProduction first"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
debug_manifest="$work/release-debug.json"
json 'json.dumps({**d, "images": {"production": d["images"]["debug"]}})' < artifacts/release.json > "$debug_manifest"

run() { # label command...: the command under load; prints its figures
  local label="$1" mark="$work/window" result="$work/result.json" log="$work/run.log" status=0
  shift
  LOAD_MARK="$mark" python3 bench/load.py "http://127.0.0.1:$PORT/version" 4 > "$result" &
  local load=$!
  sleep 3
  touch "$mark"
  local start; start="$(date +%s%N)"
  "$@" >"$log" 2>&1 </dev/null || status=$?
  local ms=$((($(date +%s%N) - start) / 1000000))
  rm -f "$mark"
  sleep 2
  kill -TERM "$load"
  wait "$load" || true
  if [[ $status -ne 0 ]]; then tail -30 "$log" >&2; fail "'$*' failed (exit code $status)"; fi
  python3 - "$label" "$ms" "$result" <<'PY'
import json, sys
label, ms, r = sys.argv[1], int(sys.argv[2]), json.load(open(sys.argv[3]))
print(f"{label}: {ms} ms; {r['sent']} requests in {r['seconds']} s ({r['rps']}/s), {r['failed']} failed {r['failures'] or ''}")
print(f"  p99 during: {r['p99_window_ms']} ms over {r['window_requests']} requests; p99 before/after: {r['p99_outside_window_ms']} ms; served: {r['versions']}")
PY
}

curl -fs "http://127.0.0.1:$PORT/health" >/dev/null || ./build.sh PromoteToProduction --no-logo >/dev/null 2>&1 </dev/null \
  || fail "production does not answer on 127.0.0.1:$PORT and PromoteToProduction failed"
current="$(curl -fs "http://127.0.0.1:$PORT/version" | json 'd["debuggingEnabled"]')"
if [[ "$current" == "True" ]]; then target=artifacts/release.json; else target="$debug_manifest"; fi
run "promote to another release" ./build.sh PromoteToProduction --skip --release-manifest-file "$target" --reason "bench/zero-downtime.sh" --no-logo
run "emergency rollback        " ./build.sh Rollback --emergency --no-logo
