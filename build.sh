#!/usr/bin/env bash
# Bootstrapper for the build program (NUKE conventions).
#
#   ./build.sh [targets] [--parameters]     e.g.  ./build.sh Test,  ./build.sh --help
#
# Finds dotnet (honouring global.json), builds build/_build.csproj quietly when
# anything it depends on changed, then runs build/bin/_build.dll with all arguments
# and exits with its exit code. The warm path (nothing changed) costs one `find`.
# The build program runs from the repository root, whatever the caller's directory.
#
# Environment:
#   DOTNET_EXE    dotnet to use (default: dotnet on PATH, then ~/.dotnet/dotnet)
#   BUILD_FORCE   set to 1 to rebuild the build program even if nothing changed
set -eo pipefail

# --- repository root: this script's own directory (symlinks resolved) ---------------
# Parameter expansion and builtins only: the warm path should fork as little as possible.
source_path="${BASH_SOURCE[0]}"
while [[ -L "$source_path" ]]; do
  link_target="$(readlink "$source_path")"
  if [[ "$link_target" == /* ]]; then
    source_path="$link_target"
  elif [[ "$source_path" == */* ]]; then
    source_path="${source_path%/*}/$link_target"
  else
    source_path="$link_target"
  fi
done
if [[ "$source_path" == */* ]]; then
  cd -P "${source_path%/*}"
fi
ROOT_DIRECTORY="$PWD"

BUILD_PROJECT_FILE="build/_build.csproj"
BUILD_ASSEMBLY="build/bin/_build.dll"
STATE_DIRECTORY="build/obj"
STAMP_FILE="$STATE_DIRECTORY/.bootstrap-stamp"
LOCK_FILE="$STATE_DIRECTORY/.bootstrap-lock"
BUILD_LOG="$STATE_DIRECTORY/.bootstrap-build.log"
# Inputs of the build program. bin/ and obj/ below them are outputs and are ignored.
WATCHED_INPUTS=(build src/Targets src/Pipeline global.json Directory.Build.props Directory.Packages.props)

export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_NOLOGO=1
export DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

wanted_sdk() {
  local version
  version="$(sed -n 's/.*"version"[[:space:]]*:[[:space:]]*"\([^"]*\)".*/\1/p' global.json 2>/dev/null | head -n 1)"
  printf '%s' "${version:-(see global.json)}"
}

install_help() {
  local wanted
  wanted="$(wanted_sdk)"
  cat >&2 <<EOF
build.sh: global.json asks for the .NET SDK $wanted (roll forward: latest feature band).
  Install it with one of:
  - Debian/Ubuntu: add Microsoft's package feed (https://learn.microsoft.com/dotnet/core/install/linux)
    then: apt-get install -y dotnet-sdk-${wanted%%.*}.0
  - any Linux/macOS, no root:
    curl -sSL https://dot.net/v1/dotnet-install.sh | bash -s -- --jsonfile "$ROOT_DIRECTORY/global.json"
    (installs to ~/.dotnet, which build.sh finds on its own)
  - or download it from https://dot.net
  Or point DOTNET_EXE at a dotnet that has it.
EOF
}

# --- locate dotnet ------------------------------------------------------------------
if [[ -n "${DOTNET_EXE:-}" ]]; then
  if [[ ! -x "$DOTNET_EXE" ]] && ! command -v "$DOTNET_EXE" >/dev/null 2>&1; then
    echo "build.sh: DOTNET_EXE is set to '$DOTNET_EXE', which is not an executable." >&2
    exit 1
  fi
elif command -v dotnet >/dev/null 2>&1; then
  DOTNET_EXE=dotnet
elif [[ -x "$HOME/.dotnet/dotnet" ]]; then
  DOTNET_EXE="$HOME/.dotnet/dotnet"
else
  echo "build.sh: no dotnet found (looked at \$DOTNET_EXE, dotnet on PATH, ~/.dotnet/dotnet)." >&2
  install_help
  exit 1
fi

# --- is a build needed? -------------------------------------------------------------
# Prints the first input newer than the reference file (nothing if none); extra
# arguments narrow the test (e.g. -type f). Directories count by default, so a deleted
# or renamed source file is noticed through its directory's mtime.
first_input_newer_than() {
  local reference="$1" path
  shift
  local -a inputs=()
  for path in "${WATCHED_INPUTS[@]}"; do
    [[ -e "$path" ]] && inputs+=("$path")
  done
  [[ ${#inputs[@]} -gt 0 ]] || return 0
  find "${inputs[@]}" \( -name bin -o -name obj \) -type d -prune \
    -o "$@" -newer "$reference" -print -quit 2>/dev/null || true
}

build_needed() {
  [[ -n "${BUILD_FORCE:-}" && "${BUILD_FORCE}" != "0" && "${BUILD_FORCE}" != "false" ]] && return 0
  [[ -f "$BUILD_ASSEMBLY" && -f "$STAMP_FILE" ]] || return 0
  [[ -n "$(first_input_newer_than "$STAMP_FILE")" ]]
}

check_sdk() {
  local output
  if ! output="$("$DOTNET_EXE" --version 2>&1 </dev/null)"; then
    echo "build.sh: $DOTNET_EXE does not provide an SDK that satisfies global.json:" >&2
    printf '%s\n' "$output" | sed 's/^/  /' >&2
    install_help
    exit 1
  fi
}

build_program() {
  check_sdk
  local started="$STATE_DIRECTORY/.bootstrap-started.$$"
  touch "$started"
  echo "build.sh: building $BUILD_PROJECT_FILE ..." >&2
  # Quiet: MSBuild's output goes to a file and is shown only when the build fails.
  # A file, not a pipe, so build servers that outlive the build cannot hold our
  # output open; nor do they inherit the lock (9>&-). Nothing reads stdin.
  local code=0
  "$DOTNET_EXE" build "$BUILD_PROJECT_FILE" -nologo -clp:NoSummary --verbosity quiet \
    </dev/null >"$BUILD_LOG" 2>&1 9>&- || code=$?
  if [[ $code -ne 0 ]]; then
    grep -v '^[[:space:]]*$' "$BUILD_LOG" >&2 || true
    rm -f "$started"
    echo "build.sh: building $BUILD_PROJECT_FILE failed (exit code $code)." >&2
    exit "$code"
  fi
  if [[ -n "$(first_input_newer_than "$started" -type f)" ]]; then
    # A source file changed while we were building: keep the stamp older than
    # that change so the next run builds again.
    mv -f "$started" "$STAMP_FILE"
  else
    rm -f "$started"
    touch "$STAMP_FILE"
  fi
}

# Checked once without the lock (the warm path takes no lock), then again under it:
# a concurrent bootstrapper may have built meanwhile. The lock is released before the
# build program runs, since that may call ./build.sh itself (tests do).
if build_needed; then
  [[ -d "$STATE_DIRECTORY" ]] || mkdir -p "$STATE_DIRECTORY"
  if command -v flock >/dev/null 2>&1; then
    exec 9>"$LOCK_FILE"
    if ! flock -n 9; then
      echo "build.sh: waiting for another bootstrapper to finish building..." >&2
      flock 9
    fi
  fi
  if build_needed; then
    build_program
  fi
  exec 9>&-
fi

exec "$DOTNET_EXE" "$BUILD_ASSEMBLY" "$@"
