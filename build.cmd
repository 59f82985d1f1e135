:; # Polyglot: sh/bash run the lines starting with colon-semicolon (build.sh);
:; # cmd.exe reads them as labels and runs build.ps1 instead.
:; set -e
:; SCRIPT_DIR=$(cd "$(dirname "$0")" && pwd)
:; bash "${SCRIPT_DIR}/build.sh" "$@"
:; exit $?

@ECHO OFF
powershell -ExecutionPolicy ByPass -NoProfile -File "%~dp0build.ps1" %*
EXIT /B %ERRORLEVEL%
