#!/bin/bash
# spotrun boot script (user data). It makes this machine's Docker engine listen on TCP port
# @@PORT@@ with mutual TLS only, for one spotrun run, and ends the machine at its expiry, or once no spotrun
# client has been connected for a while, even if nobody ever terminates it. Written in POSIX sh so that a
# machine without bash runs it too.
set -u

EXPIRES_AT=@@EXPIRES_AT@@
ABANDON_AFTER=@@ABANDON_AFTER@@
CHECK_EVERY=@@CHECK_EVERY@@
PORT=@@PORT@@
TLS_DIR=/etc/spotrun/tls

log() {
  echo "spotrun-boot: $*"
}

# First of all: the machine's end, before anything else can fail. A guard ends it at its expiry (from the
# machine's own clock) and once no spotrun client has been connected to the engine for the abandon window; it
# starts again at every boot, so neither a reboot nor a killed spotrun leaves the machine running.
install_guard() {
  mkdir -p /etc/spotrun /usr/local/sbin
  cat >/etc/spotrun/guard.env <<GUARD_ENV
EXPIRES_AT=$EXPIRES_AT
ABANDON_AFTER=$ABANDON_AFTER
CHECK_EVERY=$CHECK_EVERY
PORT=$PORT
GUARD_ENV
  cat >/usr/local/sbin/spotrun-guard <<'SPOTRUN_GUARD'
@@GUARD@@
SPOTRUN_GUARD
  chmod 0755 /usr/local/sbin/spotrun-guard
  log "this machine ends itself in $((EXPIRES_AT - $(date +%s))) s, or ${ABANDON_AFTER} s after its last client"
  if [ -d /run/systemd/system ] && command -v systemctl >/dev/null 2>&1 && guard_unit; then
    return 0
  fi
  # No systemd: cloud-init runs per-boot hooks at every boot; at this first boot, start it now.
  mkdir -p /var/lib/cloud/scripts/per-boot
  cat >/var/lib/cloud/scripts/per-boot/spotrun-guard <<'SPOTRUN_HOOK'
#!/bin/sh
# Started at every boot; the guard outlives this hook, cut off from its output.
if command -v setsid >/dev/null 2>&1; then
  setsid /usr/local/sbin/spotrun-guard >>/var/log/spotrun-guard.log 2>&1 </dev/null &
else
  nohup /usr/local/sbin/spotrun-guard >>/var/log/spotrun-guard.log 2>&1 </dev/null &
fi
SPOTRUN_HOOK
  chmod 0755 /var/lib/cloud/scripts/per-boot/spotrun-guard
  /var/lib/cloud/scripts/per-boot/spotrun-guard
}

guard_unit() {
  cat >/etc/systemd/system/spotrun-guard.service <<'UNIT'
[Unit]
Description=spotrun guard: ends this machine at its expiry or when its spotrun client is gone

[Service]
ExecStart=/usr/local/sbin/spotrun-guard
Restart=always
RestartSec=5

[Install]
WantedBy=multi-user.target
UNIT
  systemctl daemon-reload && systemctl enable --now spotrun-guard.service
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

install_guard
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
