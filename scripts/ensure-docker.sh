#!/usr/bin/env bash
# Makes sure a Docker engine answers on this machine: installs Debian's docker.io when there is no dockerd,
# and starts dockerd in the background when no engine answers. Says what it does; does nothing when an
# engine already answers. Needs root for the install and the start.
set -euo pipefail

log() { printf '[ensure-docker] %s\n' "$*" >&2; }

if docker info >/dev/null 2>&1; then
  exit 0
fi

if ! command -v dockerd >/dev/null 2>&1; then
  log "no Docker engine is installed: installing Debian's docker.io"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker.io </dev/null >/dev/null
fi

log "no Docker engine answers: starting dockerd in the background (log: /var/log/spotrun-dockerd.log)"
nohup dockerd >/var/log/spotrun-dockerd.log 2>&1 </dev/null &
for _ in $(seq 1 60); do
  if docker info >/dev/null 2>&1; then
    log "dockerd answers"
    exit 0
  fi
  sleep 1
done
tail -n 30 /var/log/spotrun-dockerd.log >&2
log "dockerd did not start within 60 s"
exit 1
