#!/usr/bin/env bash
# Fleet promotion: wall time of a warm `./build.sh PromoteToProduction --skip` to a production of 1 server and to one of
# 3 servers, in the same run. The servers are real and made here (the recipe of tests/Pipeline.Tests/Support/Servers:
# per server a network namespace, its own dockerd and its own sshd), the release comes from this machine's registry
# (carried to each server through SSH). Warm: the build is compiled, the images are pushed and were pulled once on every
# server (two promotions each before measuring); then each fleet is promoted ROUNDS times, alternating two releases.
#
#   sudo bash bench/fleet.sh            (ROUNDS=2 by default; needs root, sshd, dockerd, the registry on localhost:5000)
#
# Goal: 3 servers within 1.3x of 1 server (the hosts are worked on in parallel, --parallel-hosts 4).
# Everything it creates (namespaces, veths, processes, folders, pushed images) is removed on exit.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
CHECKOUT="$PWD"
ROUNDS="${ROUNDS:-2}"
ID="$(head -c 3 /dev/urandom | od -An -tx1 | tr -d ' \n')"
DIR="/tmp/pfb-${ID}"
IMAGE="benchfleet${ID}"
REGISTRY="localhost:5000"
SERVERS=("pfb${ID}0" "pfb${ID}1" "pfb${ID}2")
export CI=true DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

cleanup() {
  set +e
  for name in "${SERVERS[@]}"; do
    for pid in $(ip netns pids "$name" 2>/dev/null); do kill -TERM "$pid" 2>/dev/null || true; done
  done
  for name in "${SERVERS[@]}"; do
    for _ in $(seq 300); do [[ -z "$(ip netns pids "$name" 2>/dev/null)" ]] && break; sleep 0.1; done
    for pid in $(ip netns pids "$name" 2>/dev/null); do kill -KILL "$pid" 2>/dev/null || true; done
    ip netns delete "$name" 2>/dev/null || true
    ip link delete "${name}h" 2>/dev/null || true
  done
  grep -o " $DIR/[^ ]*" /proc/self/mountinfo | sort -r | xargs -r -n1 umount -l 2>/dev/null || true
  for tag in $(curl -fsS "http://$REGISTRY/v2/$IMAGE/tags/list" 2>/dev/null | grep -o '"tags":\[[^]]*\]' | grep -o '"[^"]*"' | tr -d '"' | grep -v '^tags$' || true); do
    digest="$(curl -fsSI -H 'Accept: application/vnd.oci.image.index.v1+json, application/vnd.oci.image.manifest.v1+json, application/vnd.docker.distribution.manifest.v2+json, application/vnd.docker.distribution.manifest.list.v2+json' \
      "http://$REGISTRY/v2/$IMAGE/manifests/$tag" 2>/dev/null | tr -d '\r' | awk -F': ' 'tolower($1) == "docker-content-digest" { print $2 }')"
    if [[ -n "$digest" ]]; then curl -fsS -X DELETE "http://$REGISTRY/v2/$IMAGE/manifests/$digest" >/dev/null 2>&1 || true; fi
  done
  docker image ls --format '{{.Repository}}:{{.Tag}}' | grep -E "^($REGISTRY/)?$IMAGE:" | xargs -r docker image rm >/dev/null 2>&1
  rm -rf "$DIR"
  return 0
}
trap cleanup EXIT

for tool in sshd dockerd nsenter ip ssh ssh-keygen git curl docker; do
  command -v "$tool" >/dev/null || [[ -x "/usr/sbin/$tool" ]] || { echo "$tool is missing: run ./build.sh Setup (openssh-server comes with the test tools)" >&2; exit 1; }
done
[[ "$(id -u)" == 0 ]] || { echo "run as root: it creates network namespaces and starts dockerd" >&2; exit 1; }

mkdir -p "$DIR" /run/sshd
ssh-keygen -q -t ed25519 -N '' -f "$DIR/client_key"
SSHD="$(command -v sshd || echo /usr/sbin/sshd)"

# One server: the same steps as TestServer.StartAsync (a free /30 of 10.213.0.0/16 under the machine-wide lock).
start_server() {
  local name="$1" dir="$DIR/$1" address
  mkdir -p "$dir"
  # shellcheck disable=SC2016 # the script runs in its own sh, under the lock
  address="$(flock /tmp/pipeline-test-servers.lock sh -c '
    used=" $(ip -o -4 addr show | awk "{print \$4}" | tr "\n" " ")"; i=0
    while :; do a=$((i / 64)); b=$((i % 64 * 4)); case "$used" in *" 10.213.$a.$((b + 1))/"*) i=$((i + 1)) ;; *) break ;; esac; done
    ip netns add "$1"; ip link add "${1}h" type veth peer name "${1}n"; ip link set "${1}n" netns "$1"
    ip addr add "10.213.$a.$((b + 1))/30" dev "${1}h"; ip link set "${1}h" up
    ip -n "$1" addr add "10.213.$a.$((b + 2))/30" dev "${1}n"; ip -n "$1" link set "${1}n" up; ip -n "$1" link set lo up
    echo "10.213.$a.$((b + 2))"' net "$name")"
  setsid nohup nsenter --net="/var/run/netns/$name" dockerd --data-root "$dir/data" --exec-root "$dir/exec" --pidfile "$dir/dockerd.pid" \
    -H "unix://$dir/docker.sock" --log-level warn >"$dir/dockerd.log" 2>&1 </dev/null &
  ssh-keygen -q -t ed25519 -N '' -f "$dir/host_key"
  cat >"$dir/sshd_config" <<EOF
ListenAddress $address
HostKey $dir/host_key
PidFile $dir/sshd.pid
AuthorizedKeysFile $DIR/client_key.pub
StrictModes no
UsePAM no
PasswordAuthentication no
UseDNS no
PrintMotd no
SetEnv DOCKER_HOST=unix://$dir/docker.sock
EOF
  nsenter --net="/var/run/netns/$name" "$SSHD" -f "$dir/sshd_config" -E "$dir/sshd.log"
  echo "$address $(cut -d' ' -f1,2 "$dir/host_key.pub")" >>"$DIR/known_hosts"
  cat >>"$DIR/ssh_config" <<EOF
Host $name
  HostName $address
  User root
  IdentityFile $DIR/client_key
  IdentitiesOnly yes
  UserKnownHostsFile $DIR/known_hosts
  GlobalKnownHostsFile /dev/null
  StrictHostKeyChecking yes
  BatchMode yes
EOF
  for _ in $(seq 1500); do docker -H "unix://$dir/docker.sock" version >/dev/null 2>&1 && return; sleep 0.02; done
  echo "dockerd of $name did not answer: $(tail -5 "$dir/dockerd.log")" >&2
  exit 1
}
for name in "${SERVERS[@]}"; do start_server "$name"; done

# The root every run works in (like the E2E tests' SiteRoot): a clone with the working tree's deploy/ and parameters.
git clone --quiet "$CHECKOUT" "$DIR/root"
cp -r "$CHECKOUT/deploy/." "$DIR/root/deploy/"
cp "$CHECKOUT"/.nuke/parameters*.json "$DIR/root/.nuke/"
git init --quiet --bare "$DIR/origin.git"
git -C "$DIR/root" remote set-url origin "$DIR/origin.git"

run() { ./build.sh "$@" --root "$DIR/root" --ssh-config "$DIR/ssh_config" --no-logo </dev/null; }

echo "pushing the release images ($IMAGE)..." >&2
run PushImages --image-name "$IMAGE" --release-manifest-file "$DIR/release.json" >"$DIR/push.log" 2>&1 \
  || { tail -30 "$DIR/push.log" >&2; exit 1; }
# A second release: the same manifest with the debug image as production's (another digest, the same service).
sed -n 's/.*"debug": *"\([^"]*\)".*/\1/p' "$DIR/release.json" >"$DIR/debug-image"
awk -v debug="$(cat "$DIR/debug-image")" '
  /"images"/ { print; print "    \"production\": \"" debug "\""; skip = 1; next }
  skip && /}/ { skip = 0 } !skip' "$DIR/release.json" >"$DIR/release-debug.json"

# Two productions on the same servers, each with its own prefix, port and proxy: fl1 on the first, fl3 on all three.
fleet_args() { # fleet, index
  echo "--environment-prefix $1 --production-port $((18080 + $2)) --staging-port $((18180 + $2)) --proxy-name $1-proxy --proxy-api-port $((18480 + $2))"
}
write_hosts() { # count
  local hosts=""
  for ((i = 0; i < $1; i++)); do hosts+="${hosts:+, }\"ssh://${SERVERS[$i]}\""; done
  printf '{ "environments": { "production": { "hosts": [%s], "port": 8080 } } }\n' "$hosts"
}

promote() { # count, manifest -> prints milliseconds
  local prefix="fl$1${ID}" log="$DIR/promote-$1.log" begin
  write_hosts "$1" >"$DIR/root/deploy/environments.json"
  begin="$(date +%s%N)"
  # shellcheck disable=SC2046 # the arguments are words
  if ! run PromoteToProduction --skip --release-manifest-file "$2" $(fleet_args "$prefix" "$1") >"$log" 2>&1; then
    echo "PromoteToProduction to $1 server(s) failed; last lines:" >&2
    tail -40 "$log" >&2
    exit 1
  fi
  echo $((($(date +%s%N) - begin) / 1000000))
}

echo "warming up (two promotions per fleet)..." >&2
for count in 1 3; do
  promote "$count" "$DIR/release.json" >/dev/null
  promote "$count" "$DIR/release-debug.json" >/dev/null
done

declare -A total=([1]=0 [3]=0)
manifests=("$DIR/release.json" "$DIR/release-debug.json")
for ((round = 0; round < ROUNDS; round++)); do
  for count in 1 3; do
    ms="$(promote "$count" "${manifests[$((round % 2))]}")"
    echo "  round $((round + 1)): $count server(s) ${ms} ms" >&2
    total[$count]=$((total[$count] + ms))
  done
done

one=$((total[1] / ROUNDS))
three=$((total[3] / ROUNDS))
echo "fleet promotion ($(nproc) cores, warm PromoteToProduction --skip, mean of $ROUNDS)"
echo "  1 server:  ${one} ms"
echo "  3 servers: ${three} ms"
awk -v a="$one" -v b="$three" 'BEGIN { printf "  ratio:     %.2fx   (goal: within 1.3x)\n", b / a }'
