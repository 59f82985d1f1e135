#!/bin/sh
# Entry point of the development image: `dotnet watch` over the source mounted at /src.
# dotnet watch runs the app as a grandchild and neither passes SIGTERM on nor exits on it, so this script (PID 1)
# sends `docker stop`'s signal to the whole process group, waits for the app's graceful shutdown (at most 9 s),
# and exits; Docker then ends whatever is left (the watcher, the compiler server).
set -u

stop() {
    trap '' TERM INT
    kill -TERM 0 2>/dev/null
    waited=0
    while [ "$waited" -lt 90 ] && grep -qsF "${BaseOutputPath:-/tmp/app-build/bin/}" /proc/[0-9]*/cmdline; do
        sleep 0.1
        waited=$((waited + 1))
    done
    exit 0
}

trap stop TERM INT
dotnet watch run --no-launch-profile --non-interactive "$@" &
wait $!
