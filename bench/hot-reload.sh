#!/usr/bin/env bash
# Hot reload: time from saving a change under src/App to the development container serving the new response.
#
#   bash bench/hot-reload.sh                           (RUNS=5; the file watcher compose.development.yaml picks: polling)
#   WATCHERS="polling inotify" bash bench/hot-reload.sh   (compare both watchers)
#
# Works on a copy of src/App (the checkout is never edited) mounted through --dev-source, in its own development
# environment (image bench-hot-reload:dev, project bench-hot-reload-dev, free ports), removed at the end by DevClean.
# Each run rewrites the string /health answers (a hot-reloadable edit) and polls /health every 50 ms until it says
# the new string. Then 5 saves within 1 s: how many updates dotnet watch applied and whether the app restarted.
# Goal: median under 5 s; aim 2 s.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

RUNS="${RUNS:-5}"
WATCHERS="${WATCHERS:-polling}"
NAME=bench-hot-reload
export CI=true

now_ms() { echo $(($(date +%s%N) / 1000000)); }
median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
free_port() { local p; for p in $(seq "$1" $(($1 + 200))); do (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }; done; }

work="$(mktemp -d /tmp/bench-hot-reload.XXXXXX)"
cleanup() { ./build.sh DevClean --image-name "$NAME" >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT INT TERM
mkdir -p "$work/App"
tar -C src/App --exclude=./bin --exclude=./obj --exclude=./data -cf - . | tar -C "$work/App" -xf -
file="$work/App/Api/HealthEndpoints.cs"
grep -q 'new StatusResponse("healthy")' "$file" || { echo "src/App/Api/HealthEndpoints.cs no longer answers /health with \"healthy\": update this script" >&2; exit 1; }
port="$(free_port 18300)"
debugger="$(free_port 18600)"
args=(--image-name "$NAME" --dev-port "$port" --dev-debugger-port "$debugger" --dev-source "$work/App")

say() { sed -i -E "s/new StatusResponse\(\"[^\"]*\"\)\);/new StatusResponse(\"$1\"));/" "$file"; }
wait_for() { # status; prints "timeout" when /health does not say it within 60 s
  local until=$(($(now_ms) + 60000))
  until curl -fs "http://127.0.0.1:$port/health" 2>/dev/null | grep -q "\"$1\""; do
    (($(now_ms) < until)) || { echo timeout; return; }
    sleep 0.05
  done
}
container() { docker ps -q --filter "label=com.docker.compose.project=$NAME-dev" | head -1; }
log_count() { docker logs "$(container)" 2>&1 | grep -c "$1" || true; }

for watcher in $WATCHERS; do
  case "$watcher" in polling) polling=1 ;; inotify) polling=0 ;; *) echo "unknown watcher $watcher: use polling or inotify" >&2; exit 2 ;; esac
  say healthy
  start=$(now_ms)
  DOTNET_USE_POLLING_FILE_WATCHER=$polling ./build.sh DevStart "${args[@]}" >"$work/start.log" 2>&1 || { tail -30 "$work/start.log" >&2; echo "bench/hot-reload.sh: DevStart failed; the end of its output is above" >&2; exit 1; }
  echo "watcher: $watcher; DevStart (image cached, first build in the container): $(($(now_ms) - start)) ms"
  times=()
  for i in $(seq 1 "$RUNS"); do
    sleep 1
    text="bench-$watcher-$i-$RANDOM"
    start=$(now_ms)
    say "$text"
    result="$(wait_for "$text")"
    [[ "$result" == timeout ]] && { echo "  run $i: no new response within 60 s"; exit 1; }
    ms=$(($(now_ms) - start))
    times+=("$ms")
    echo "  run $i: ${ms} ms"
  done
  echo "  median of $RUNS: $(printf '%s\n' "${times[@]}" | median) ms (goal < 5000, aim 2000)"

  updates=$(log_count "File updated")
  started=$(log_count "Application started")
  for n in 1 2 3 4 5; do say "burst-$n"; sleep 0.2; done
  wait_for burst-5 >/dev/null
  sleep 3
  echo "  5 saves within 1 s: $(($(log_count "File updated") - updates)) update(s) applied, $(($(log_count "Application started") - started)) restart(s); serving: $(curl -fs "http://127.0.0.1:$port/health")"
  ./build.sh DevStop "${args[@]}" >"$work/stop.log" 2>&1 || { cat "$work/stop.log" >&2; exit 1; }
done
