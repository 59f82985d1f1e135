#!/usr/bin/env bash
# Host overhead: warm wall time of the bootstrapper against the floor of running the
# built build program directly.
#
#   bash bench/host-overhead.sh            (RUNS=5, NOOP_TARGET=Noop by default)
#
# Goal: warm ./build.sh --help under 1000 ms and within 1.5x of the floor
# (dotnet build/bin/_build.dll --help). Prints every run, the medians and the ratios,
# wall time and CPU time (user+sys): on a busy machine the CPU time is the steadier figure.
# Exits 0 when the measurements ran (goals are reported, not enforced), unless
# BENCH_STRICT=1, which makes a missed goal exit 1.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

RUNS="${RUNS:-5}"
NOOP_TARGET="${NOOP_TARGET:-Noop}"
GOAL_MS=1000
GOAL_RATIO="1.5"
DOTNET="${DOTNET_EXE:-dotnet}"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

now_us() {
  local ns
  ns="$(date +%s%N)"
  echo $((ns / 1000))
}

ms() { awk -v us="$1" 'BEGIN { printf "%.1f", us / 1000 }'; }

# Runs the command RUNS times (output discarded, no stdin); prints each run and sets
# MEDIAN_US. A failing run aborts the benchmark with the command's output.
MEDIAN_US=0
MEDIAN_CPU_MS=0
median() { sort -n | awk '{ a[NR] = $1 } END { if (NR % 2) print a[(NR + 1) / 2]; else print int((a[NR / 2] + a[NR / 2 + 1]) / 2) }'; }
measure() {
  local label="$1"
  shift
  local -a times=() cpus=()
  local i start end code cpu
  local TIMEFORMAT='%3U %3S'
  printf '%s\n' "$label"
  for ((i = 1; i <= RUNS; i++)); do
    start="$(now_us)"
    code=0
    cpu="$({ time "$@" >/dev/null 2>&1 </dev/null || echo "exit $?" >&2; } 2>&1)"
    end="$(now_us)"
    [[ "$cpu" == *exit* ]] && code=1
    if [[ $code -ne 0 ]]; then
      echo "  run $i: '$*' exited with $code; its output:" >&2
      "$@" </dev/null >&2 || true
      exit 1
    fi
    times+=($((end - start)))
    cpus+=("$(awk -v u="${cpu% *}" -v s="${cpu#* }" 'BEGIN { printf "%d", (u + s) * 1000 }')")
    printf '  run %d: %8s ms   cpu %5s ms\n' "$i" "$(ms $((end - start)))" "${cpus[-1]}"
  done
  MEDIAN_US="$(printf '%s\n' "${times[@]}" | median)"
  MEDIAN_CPU_MS="$(printf '%s\n' "${cpus[@]}" | median)"
  printf '  median: %7s ms   cpu %5s ms\n' "$(ms "$MEDIAN_US")" "$MEDIAN_CPU_MS"
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }

echo "host overhead: $RUNS warm runs each ($(uname -sm), dotnet $("$DOTNET" --version 2>/dev/null || echo '?'))"
echo
echo "warm-up: ./build.sh --help --no-logo (builds the build program if needed)"
warmup_start="$(now_us)"
if ! ./build.sh --help --no-logo >/dev/null </dev/null; then
  echo "warm-up failed: ./build.sh --help --no-logo did not exit 0" >&2
  exit 1
fi
echo "  took $(ms $(($(now_us) - warmup_start))) ms"
if ! ./build.sh "$NOOP_TARGET" --no-logo >/dev/null 2>&1 </dev/null; then
  echo "target '$NOOP_TARGET' did not run cleanly; set NOOP_TARGET to a target that does nothing." >&2
  ./build.sh "$NOOP_TARGET" --no-logo </dev/null >&2 || true
  exit 1
fi
echo

measure "floor: $DOTNET build/bin/_build.dll --help --no-logo" "$DOTNET" build/bin/_build.dll --help --no-logo
floor_us="$MEDIAN_US"
floor_cpu="$MEDIAN_CPU_MS"
measure "./build.sh --help --no-logo" ./build.sh --help --no-logo
help_us="$MEDIAN_US"
help_cpu="$MEDIAN_CPU_MS"
measure "./build.sh $NOOP_TARGET --no-logo" ./build.sh "$NOOP_TARGET" --no-logo
noop_us="$MEDIAN_US"
noop_cpu="$MEDIAN_CPU_MS"

help_ratio="$(ratio "$help_us" "$floor_us")"
noop_ratio="$(ratio "$noop_us" "$floor_us")"
echo
echo "summary (medians; load average $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?'))"
printf '  floor (dll --help)      %8s ms              cpu %5s ms\n' "$(ms "$floor_us")" "$floor_cpu"
printf '  ./build.sh --help       %8s ms   %sx floor   cpu %5s ms   %sx floor\n' "$(ms "$help_us")" "$help_ratio" "$help_cpu" "$(ratio "$help_cpu" "$floor_cpu")"
printf '  ./build.sh %-12s %8s ms   %sx floor   cpu %5s ms   %sx floor\n' "$NOOP_TARGET" "$(ms "$noop_us")" "$noop_ratio" "$noop_cpu" "$(ratio "$noop_cpu" "$floor_cpu")"
echo
echo "goals: warm ./build.sh --help under ${GOAL_MS} ms and within ${GOAL_RATIO}x of the floor"
met=1
if [[ $help_us -lt $((GOAL_MS * 1000)) ]]; then
  echo "  under ${GOAL_MS} ms:      met ($(ms "$help_us") ms)"
else
  echo "  under ${GOAL_MS} ms:      MISSED ($(ms "$help_us") ms)"
  met=0
fi
if awk -v r="$help_ratio" -v g="$GOAL_RATIO" 'BEGIN { exit !(r <= g) }'; then
  echo "  within ${GOAL_RATIO}x floor:  met (${help_ratio}x)"
else
  echo "  within ${GOAL_RATIO}x floor:  MISSED (${help_ratio}x)"
  met=0
fi
if [[ $met -eq 0 && "${BENCH_STRICT:-0}" == "1" ]]; then
  exit 1
fi
