#!/usr/bin/env bash
# SSH engine transport: what a remote host costs. Builds one real test server on this machine (a network
# namespace with its own dockerd and sshd, the recipe of tests/Pipeline.Tests/Support/Servers), then prints:
#   - server start time (namespace + veth, host key, dockerd answering, sshd listening)
#   - ssh master connect time (ssh -M, key auth, median of RUNS)
#   - Engine.ConnectAsync over SSH (master + bridge + first /_ping)
#   - median Engine API /_ping over SSH vs over the local socket (PINGS each), both ways a remote engine is reached:
#     the SSH socket forward (the default) and the dial-stdio bridge (when sshd refuses socket forwards; measured
#     through a second sshd on port 2222 of the same server with AllowStreamLocalForwarding no)
#
#   sudo bash bench/ssh-engine.sh            (RUNS=5, PINGS=50 by default; needs root, sshd, dockerd)
#
# Everything it creates (namespace, veth, processes, folders) is removed on exit.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT="$PWD"
RUNS="${RUNS:-5}"
PINGS="${PINGS:-50}"
ID="$(head -c 3 /dev/urandom | od -An -tx1 | tr -d ' \n')"
NAME="ptb${ID}"
DIR="/tmp/ptb-${ID}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

now_us() { echo $(($(date +%s%N) / 1000)); }
ms() { awk -v us="$1" 'BEGIN { printf "%.1f", us / 1000 }'; }
median() { sort -n | awk '{ a[NR] = $1 } END { if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

# shellcheck source=bench/lib/servers.sh
. bench/lib/servers.sh

cleanup() { servers_remove "$NAME"; }
trap cleanup EXIT

servers_require sshd dockerd nsenter ip ssh ssh-keygen dotnet
servers_init

# Server start: the same steps as TestServer.StartAsync.
start="$(now_us)"
server_start "$NAME"
SERVER_US=$(($(now_us) - start))
ADDRESS="$SERVER_ADDRESS"
SERVER="$DIR/$NAME"
sed -e "s|^PidFile .*|PidFile $SERVER/sshd2.pid|" "$SERVER/sshd_config" >"$SERVER/sshd2_config"
printf 'Port 2222\nAllowStreamLocalForwarding no\n' >>"$SERVER/sshd2_config"
nsenter --net="/var/run/netns/$NAME" "$SSHD" -f "$SERVER/sshd2_config" -E "$SERVER/sshd2.log"

cat >>"$DIR/ssh_config" <<EOF
Host ${NAME}-stdio
  HostName $ADDRESS
  Port 2222
  User root
  IdentityFile $DIR/client_key
  IdentitiesOnly yes
  UserKnownHostsFile $DIR/known_hosts
  GlobalKnownHostsFile /dev/null
  StrictHostKeyChecking yes
  BatchMode yes
  HostKeyAlias $ADDRESS
EOF

masters=()
for ((i = 1; i <= RUNS; i++)); do
  start="$(now_us)"
  ssh -F "$DIR/ssh_config" -S "$DIR/ctl" -o ControlMaster=yes -o ControlPersist=yes -f -N "$NAME"
  masters+=($(($(now_us) - start)))
  ssh -F "$DIR/ssh_config" -S "$DIR/ctl" -O exit "$NAME" 2>/dev/null
done

mkdir -p "$DIR/app"
cat >"$DIR/app/ping.cs" <<EOF
#:project $ROOT/src/Pipeline/Pipeline.csproj
using System.Diagnostics;
using Pipeline.Docker;
using Pipeline.Hosts;
using Pipeline.Model;

var pings = int.Parse(args[2]);
var clock = Stopwatch.StartNew();
await using var forward = await Engine.ConnectAsync(Host.Parse("ssh://" + args[1]), new SshOptions(args[0]), CancellationToken.None);
Console.WriteLine(\$"connect {clock.Elapsed.TotalMilliseconds:0.0} {forward.Transport}");
await using var stdio = await Engine.ConnectAsync(Host.Parse("ssh://" + args[1] + "-stdio"), new SshOptions(args[0]), CancellationToken.None);
Console.WriteLine(\$"transport {stdio.Transport}");
await using var local = await Engine.ConnectAsync(Host.Local, SshOptions.Default, CancellationToken.None);
foreach (var (name, client) in new[] { ("forward", forward.Client), ("stdio", stdio.Client), ("local", local.Client) })
{
    var times = new List<double>();
    for (var i = 0; i < pings; i++)
    {
        clock.Restart();
        await client.System.PingAsync();
        times.Add(clock.Elapsed.TotalMilliseconds);
    }
    times.Sort();
    Console.WriteLine(\$"{name} {times[times.Count / 2]:0.00} {times[0]:0.00} {times[^1]:0.00}");
}
EOF
echo "building the measuring program (src/Pipeline)..." >&2
dotnet build "$DIR/app/ping.cs" -p:TreatWarningsAsErrors=false >"$DIR/build.log" 2>&1 || { cat "$DIR/build.log" >&2; exit 1; }
RESULT="$(dotnet run --no-build "$DIR/app/ping.cs" -- "$DIR/ssh_config" "$NAME" "$PINGS")"

echo "ssh engine transport ($(nproc) cores, $(ssh -V 2>&1 | cut -d, -f1), dockerd $(dockerd --version | cut -d' ' -f3 | tr -d ,))"
echo "  server start (netns, dockerd, sshd):   $(ms "$SERVER_US") ms"
echo "  ssh master connect (median of $RUNS):    $(ms "$(printf '%s\n' "${masters[@]}" | median)") ms"
echo "  Engine.ConnectAsync over SSH:          $(awk '/^connect/ { $1 = ""; sub(/^ /, ""); t = $1; $1 = ""; print t " ms (" substr($0, 2) ")" }' <<<"$RESULT")"
echo "  /_ping, median of $PINGS (min, max):"
echo "    ssh socket forward:                  $(awk '/^forward/ { print $2 " ms (" $3 ", " $4 ")" }' <<<"$RESULT")"
echo "    ssh docker system dial-stdio bridge: $(awk '/^stdio/ { print $2 " ms (" $3 ", " $4 ")" }' <<<"$RESULT")"
echo "    local socket:                        $(awk '/^local/ { print $2 " ms (" $3 ", " $4 ")" }' <<<"$RESULT")"
