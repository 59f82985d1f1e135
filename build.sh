#!/usr/bin/env bash
# Bootstrapper for the build program (NUKE conventions).
#
#   ./build.sh [targets] [--parameters]     e.g.  ./build.sh Test,  ./build.sh --help
#
# Finds dotnet (honouring global.json), builds build/_build.csproj quietly when
# anything it depends on changed, then runs build/bin/_build.dll with all arguments.
# The warm path (nothing changed) skips the build and costs a single `find`.
#
# Environment:
#   DOTNET_EXE    dotnet to use (default: dotnet on PATH, then ~/.dotnet/dotnet)
#   BUILD_FORCE   set to 1 to rebuild the build program even if nothing changed
set -eo pipefail

# --- repository root: this script's own directory (symlinks resolved) ---------------
source_path="${BASH_SOURCE[0]}"
while [[ -L "$source_path" ]]; do
    link_dir="$(cd -P "$(dirname "$source_path")" && pwd)"
    source_path="$(readlink "$source_path")"
    [[ "$source_path" == /* ]] || source_path="$link_dir/$source_path"
done
ROOT_DIRECTORY="$(cd -P "$(dirname "$source_path")" && pwd)"
cd "$ROOT_DIRECTORY"

BUILD_PROJECT_FILE="build/_build.csproj"
BUILD_ASSEMBLY="build/bin/_build.dll"
STATE_DIRECTORY="build/obj"
STAMP_FILE="$STATE_DIRECTORY/.bootstrap-stamp"
LOCK_FILE="$STATE_DIRECTORY/.bootstrap-lock"
# Inputs of the build program. bin/ and obj/ below them are outputs and are ignored.
WATCHED_DIRECTORIES=(build src/Targets src/Pipeline)
WATCHED_FILES=(global.json Directory.Build.props Directory.Packages.props)

export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_NOLOGO=1
export DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

fail() {
    printf 'build.sh: %s\n' "$@" >&2
    exit 1
}

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
    [[ -x "$DOTNET_EXE" ]] || command -v "$DOTNET_EXE" >/dev/null 2>&1 \
        || fail "DOTNET_EXE is set to '$DOTNET_EXE', which is not an executable."
elif command -v dotnet >/dev/null 2>&1; then
    DOTNET_EXE="$(command -v dotnet)"
elif [[ -x "$HOME/.dotnet/dotnet" ]]; then
    DOTNET_EXE="$HOME/.dotnet/dotnet"
else
    echo "build.sh: no dotnet found (looked at \$DOTNET_EXE, dotnet on PATH, ~/.dotnet/dotnet)." >&2
    install_help
    exit 1
fi

# --- is a build needed? -------------------------------------------------------------
existing_inputs() {
    local path
    for path in "${WATCHED_DIRECTORIES[@]}" "${WATCHED_FILES[@]}"; do
        [[ -e "$path" ]] && printf '%s\0' "$path"
    done
    return 0
}

# Prints the first input newer than the given reference file (nothing if none).
# Directories count too, so a deleted or renamed source file is noticed.
first_input_newer_than() {
    local reference="$1"
    shift
    local -a inputs=()
    mapfile -d '' inputs < <(existing_inputs)
    [[ ${#inputs[@]} -gt 0 ]] || return 0
    find "${inputs[@]}" \( -name bin -o -name obj \) -type d -prune \
        -o "$@" -newer "$reference" -print -quit 2>/dev/null || true
}

build_needed() {
    [[ -n "${BUILD_FORCE:-}" && "${BUILD_FORCE}" != "0" && "${BUILD_FORCE}" != "false" ]] && return 0
    [[ -f "$BUILD_ASSEMBLY" && -f "$STAMP_FILE" ]] || return 0
    [[ -z "$(first_input_newer_than "$STAMP_FILE")" ]] && return 1
    return 0
}

check_sdk() {
    local output
    if ! output="$("$DOTNET_EXE" --version 2>&1 </dev/null)"; then
        printf 'build.sh: %s does not provide an SDK that satisfies global.json:\n' "$DOTNET_EXE" >&2
        printf '%s\n' "$output" | sed 's/^/  /' >&2
        install_help
        exit 1
    fi
}

build_program() {
    check_sdk
    local started="$STATE_DIRECTORY/.bootstrap-started.$$"
    local log="$STATE_DIRECTORY/.bootstrap-build.log"
    touch "$started"
    echo "build.sh: building $BUILD_PROJECT_FILE ..." >&2
    # Quiet: MSBuild's output goes to a file and is shown only when the build fails.
    # A file, not a pipe, so build servers that outlive the build cannot hold our
    # output open; the lock's descriptor is not handed to them either. No stdin.
    local code=0
    "$DOTNET_EXE" build "$BUILD_PROJECT_FILE" -nologo -clp:NoSummary --verbosity quiet \
        </dev/null >"$log" 2>&1 9>&- || code=$?
    if [[ $code -ne 0 ]]; then
        grep -v '^[[:space:]]*$' "$log" >&2 || true
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

mkdir -p "$STATE_DIRECTORY"
locked=0
if command -v flock >/dev/null 2>&1; then
    exec 9>"$LOCK_FILE"
    locked=1
    if ! flock -n 9; then
        printf 'build.sh: waiting for another bootstrapper to finish building...\n' >&2
        flock 9
    fi
fi
if build_needed; then
    build_program
fi
if [[ $locked -eq 1 ]]; then
    # Release before running: the build program itself may call ./build.sh (tests do).
    flock -u 9 || true
    exec 9>&-
fi

exec "$DOTNET_EXE" "$BUILD_ASSEMBLY" "$@"
