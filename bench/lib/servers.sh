# shellcheck shell=bash
# Test servers for the benchmarks, the recipe of tests/Pipeline.Tests/Support/Servers: per server a network namespace joined
# by a veth pair (a free /30 of 10.213.0.0/16, taken under the machine-wide lock the tests use), its own dockerd and its own
# sshd (key auth, its own host key, DOCKER_HOST set to its engine). Source it after setting DIR (the benchmark's folder):
#
#   servers_require TOOL...   exits unless every tool is installed and the script runs as root
#   servers_init              makes DIR and the client key ($DIR/client_key)
#   server_start NAME         starts a server in $DIR/NAME, adds it to $DIR/known_hosts and $DIR/ssh_config (Host NAME);
#                             sets SERVER_ADDRESS and SSHD; returns once its engine answers
#   servers_remove NAME...    stops and removes those servers, then DIR
#
# shellcheck disable=SC2034 # SERVER_ADDRESS and SSHD are for the sourcing script

servers_require() {
  local tool
  for tool in "$@"; do
    command -v "$tool" >/dev/null || [[ -x "/usr/sbin/$tool" ]] || { echo "$tool is missing: run ./build.sh Setup (openssh-server comes with the test tools)" >&2; exit 1; }
  done
  [[ "$(id -u)" == 0 ]] || { echo "run as root: it creates network namespaces and starts dockerd" >&2; exit 1; }
}

servers_init() {
  mkdir -p "$DIR" /run/sshd
  ssh-keygen -q -t ed25519 -N '' -f "$DIR/client_key"
  SSHD="$(command -v sshd || echo /usr/sbin/sshd)"
}

server_start() {
  local name="$1" dir="$DIR/$1"
  mkdir -p "$dir"
  # shellcheck disable=SC2016 # the script runs in its own sh, under the lock
  SERVER_ADDRESS="$(flock /tmp/pipeline-test-servers.lock sh -c '
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
ListenAddress $SERVER_ADDRESS
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
  echo "$SERVER_ADDRESS $(cut -d' ' -f1,2 "$dir/host_key.pub")" >>"$DIR/known_hosts"
  cat >>"$DIR/ssh_config" <<EOF
Host $name
  HostName $SERVER_ADDRESS
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

servers_remove() {
  local name pid
  for name in "$@"; do
    for pid in $(ip netns pids "$name" 2>/dev/null); do kill -TERM "$pid" 2>/dev/null || true; done
  done
  for name in "$@"; do
    for _ in $(seq 300); do [[ -z "$(ip netns pids "$name" 2>/dev/null)" ]] && break; sleep 0.1; done
    for pid in $(ip netns pids "$name" 2>/dev/null); do kill -KILL "$pid" 2>/dev/null || true; done
    ip netns delete "$name" 2>/dev/null || true
    ip link delete "${name}h" 2>/dev/null || true
  done
  grep -o " $DIR/[^ ]*" /proc/self/mountinfo | sort -r | xargs -r -n1 umount -l 2>/dev/null || true
  rm -rf "$DIR"
}
