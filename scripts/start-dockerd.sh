#!/usr/bin/env bash
# Starts Debian's dockerd with no bridge network and no iptables rules, unless an engine already answers on
# /var/run/docker.sock, and waits (at most 60 s) until it answers. Needs root. Containers of this project use the
# host network only (--network host), so the engine needs no network of its own.
set -euo pipefail
sock=/var/run/docker.sock
ping_engine() { curl -sf --max-time 2 --unix-socket "$sock" http://localhost/_ping >/dev/null 2>&1; }

if ping_engine; then
  echo "docker engine: already running"
  exit 0
fi
if ! command -v dockerd >/dev/null; then
  echo "docker engine: dockerd is not installed; install Debian's docker.io (apt-get install docker.io)" >&2
  exit 2
fi
if [ "$(id -u)" != 0 ]; then
  echo "docker engine: not running, and starting dockerd needs root (sudo $0)" >&2
  exit 2
fi
# A docker0 left by an earlier dockerd started with default flags would keep a private-range address.
ip link delete docker0 2>/dev/null || true
log=${DOCKERD_LOG:-/tmp/dockerd.log}
setsid nohup dockerd --bridge=none --iptables=false --ip-forward=false --ip-masq=false >"$log" 2>&1 </dev/null &
deadline=$((SECONDS + 60))
until ping_engine; do
  if [ $SECONDS -ge $deadline ]; then
    echo "docker engine: dockerd did not answer on $sock within 60 s; last lines of $log:" >&2
    tail -n 20 "$log" >&2
    exit 1
  fi
  sleep 0.2
done
echo "docker engine: started (no bridge, no iptables), log in $log"
