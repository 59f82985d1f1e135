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

# shellcheck source=bench/lib/servers.sh
. bench/lib/servers.sh

cleanup() {
  set +e
  for tag in $(curl -fsS "http://$REGISTRY/v2/$IMAGE/tags/list" 2>/dev/null | grep -o '"tags":\[[^]]*\]' | grep -o '"[^"]*"' | tr -d '"' | grep -v '^tags$' || true); do
    digest="$(curl -fsSI -H 'Accept: application/vnd.oci.image.index.v1+json, application/vnd.oci.image.manifest.v1+json, application/vnd.docker.distribution.manifest.v2+json, application/vnd.docker.distribution.manifest.list.v2+json' \
      "http://$REGISTRY/v2/$IMAGE/manifests/$tag" 2>/dev/null | tr -d '\r' | awk -F': ' 'tolower($1) == "docker-content-digest" { print $2 }')"
    if [[ -n "$digest" ]]; then curl -fsS -X DELETE "http://$REGISTRY/v2/$IMAGE/manifests/$digest" >/dev/null 2>&1 || true; fi
  done
  docker image ls --format '{{.Repository}}:{{.Tag}}' | grep -E "^($REGISTRY/)?$IMAGE:" | xargs -r docker image rm >/dev/null 2>&1
  servers_remove "${SERVERS[@]}"
  return 0
}
trap cleanup EXIT

servers_require sshd dockerd nsenter ip ssh ssh-keygen git curl docker
servers_init
for name in "${SERVERS[@]}"; do server_start "$name"; done

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
