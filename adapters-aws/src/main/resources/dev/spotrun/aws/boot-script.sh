#!/bin/bash
# spotrun boot script (user data). It makes this machine's Docker engine listen on TCP port
# @@PORT@@ with mutual TLS only, for one spotrun run, and ends the machine at its expiry even if
# nobody ever terminates it. Written in POSIX sh so that a machine without bash runs it too.
set -u

EXPIRES_AT=@@EXPIRES_AT@@
PORT=@@PORT@@
TLS_DIR=/etc/spotrun/tls

log() {
  echo "spotrun-boot: $*"
}

# First of all: the machine's end. Scheduled before anything else can fail, from the machine's own clock.
power_off() {
  shutdown -h now || poweroff || halt -p || kill -TERM 1
}

schedule_expiry() {
  now=$(date +%s)
  left=$((EXPIRES_AT - now))
  if [ "$left" -lt 1 ]; then
    left=1
  fi
  log "this machine ends itself in $left s"
  if [ -d /run/systemd/system ] && command -v systemd-run >/dev/null 2>&1 \
    && systemd-run --unit=spotrun-expiry --on-active="${left}s" /bin/sh -c 'shutdown -h now || poweroff'; then
    return 0
  fi
  # No systemd: a detached sleeper, cut off from this script's output so that nothing waits for it.
  (
    trap '' HUP
    sleep "$left"
    log "expired: powering off"
    power_off
  ) >/dev/null 2>&1 </dev/null &
}

install_docker() {
  if command -v dockerd >/dev/null 2>&1; then
    return 0
  fi
  log "installing Docker"
  if command -v dnf >/dev/null 2>&1; then
    dnf install -y docker
  elif command -v yum >/dev/null 2>&1; then
    yum install -y docker
  elif command -v apt-get >/dev/null 2>&1; then
    apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q docker.io
  else
    log "no dnf, yum or apt-get: cannot install Docker"
    return 1
  fi
}

write_tls() {
  umask 077
  mkdir -p "$TLS_DIR"
  cat >"$TLS_DIR/ca.pem" <<'SPOTRUN_PEM'
@@CA_CERT@@
SPOTRUN_PEM
  cat >"$TLS_DIR/server-cert.pem" <<'SPOTRUN_PEM'
@@SERVER_CERT@@
SPOTRUN_PEM
  cat >"$TLS_DIR/server-key.pem" <<'SPOTRUN_PEM'
@@SERVER_KEY@@
SPOTRUN_PEM
  chmod 0644 "$TLS_DIR/ca.pem" "$TLS_DIR/server-cert.pem"
  chmod 0600 "$TLS_DIR/server-key.pem"
  umask 022
}

tls_flags() {
  echo "--tlsverify --tlscacert=$TLS_DIR/ca.pem --tlscert=$TLS_DIR/server-cert.pem --tlskey=$TLS_DIR/server-key.pem -H tcp://0.0.0.0:$PORT"
}

start_with_systemd() {
  # Replace the unit's command line: its -H flags and ours cannot both come from daemon.json.
  dockerd=$(command -v dockerd)
  local_socket="-H unix:///var/run/docker.sock"
  if systemctl cat docker.socket >/dev/null 2>&1; then
    local_socket="-H fd://"
  fi
  containerd=""
  if systemctl cat containerd.service >/dev/null 2>&1; then
    systemctl start containerd.service
    containerd="--containerd=/run/containerd/containerd.sock"
  fi
  mkdir -p /etc/systemd/system/docker.service.d
  cat >/etc/systemd/system/docker.service.d/spotrun.conf <<UNIT
[Service]
ExecStart=
ExecStart=$dockerd $local_socket $containerd $(tls_flags)
UNIT
  systemctl daemon-reload
  systemctl enable docker.service >/dev/null 2>&1 || true
  systemctl restart docker.service
}

start_in_background() {
  # No systemd (e.g. a container standing in for a machine): run the engine as a plain daemon.
  mkdir -p /var/log
  nohup dockerd -H unix:///var/run/docker.sock $(tls_flags) >/var/log/spotrun-dockerd.log 2>&1 </dev/null &
}

schedule_expiry
install_docker || exit 1
write_tls
if [ -d /run/systemd/system ] && command -v systemctl >/dev/null 2>&1; then
  log "starting Docker with systemd on port $PORT (TLS only)"
  start_with_systemd || exit 1
else
  log "starting Docker on port $PORT (TLS only)"
  start_in_background
fi
log "done"
