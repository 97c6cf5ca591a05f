#!/bin/sh
# spotrun guard: ends this machine at its expiry, and once no spotrun client has been connected to its Docker
# engine for ABANDON_AFTER seconds (the dead-man switch: a spotrun that was killed leaves the machine only that
# long). It is started at every boot (a systemd unit, or cloud-init's per-boot hook), so a rebooted machine
# still ends on time. Its settings are in GUARD_ENV; only root writes them.
GUARD_ENV=${GUARD_ENV:-/etc/spotrun/guard.env}
. "$GUARD_ENV" || exit 1
PID_FILE=${PID_FILE:-/run/spotrun-guard.pid}
NET_TCP=${NET_TCP:-"/proc/net/tcp /proc/net/tcp6"}

log() {
  echo "spotrun-guard: $(date -u +%Y-%m-%dT%H:%M:%SZ) $*"
}

power_off() {
  log "$1: powering off"
  if [ -n "${POWER_OFF:-}" ]; then
    sh -c "$POWER_OFF"
    exit 0
  fi
  shutdown -h now || poweroff || halt -p || kill -TERM 1
  exit 0
}

# How many TCP sockets of the engine's port are in kernel state $1 (01 established, 0A listening).
sockets() {
  port=$(printf ':%04X' "$PORT")
  # shellcheck disable=SC2086
  cat $NET_TCP 2>/dev/null | awk -v port="$port" -v state="$1" \
    'substr($2, length($2) - 4) == port && $4 == state { n++ } END { print n + 0 }'
}

# One guard per boot.
if [ -f "$PID_FILE" ] && kill -0 "$(cat "$PID_FILE")" 2>/dev/null; then
  exit 0
fi
echo $$ >"$PID_FILE"

# The abandon window opens once the engine listens (a slow install must not count against it), and every
# check that finds a client connected starts it again.
armed=""
last_client=$(date +%s)
log "ends this machine at $EXPIRES_AT (epoch), or ${ABANDON_AFTER}s after its last spotrun client"
while :; do
  now=$(date +%s)
  if [ "$now" -ge "$EXPIRES_AT" ]; then
    power_off "expired"
  fi
  if [ "$(sockets 01)" -gt 0 ]; then
    armed=1
    last_client=$now
  elif [ -z "$armed" ]; then
    if [ "$(sockets 0A)" -gt 0 ]; then
      armed=1
      last_client=$now
    fi
  elif [ $((now - last_client)) -ge "$ABANDON_AFTER" ]; then
    power_off "no spotrun client for ${ABANDON_AFTER}s"
  fi
  wait=$CHECK_EVERY
  if [ $((EXPIRES_AT - now)) -lt "$wait" ]; then
    wait=$((EXPIRES_AT - now))
  fi
  if [ "$wait" -lt 1 ]; then
    wait=1
  fi
  sleep "$wait"
done
