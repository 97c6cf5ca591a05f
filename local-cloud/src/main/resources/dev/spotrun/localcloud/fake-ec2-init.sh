#!/bin/sh
# The boot of a fake EC2 host: what a machine's init and cloud-init do, in a few lines. docker-init is PID 1
# and passes signals on to this script. It runs at every boot: the first, and each after a reboot (a restart
# of the container, which keeps its disk).
#
# As cloud-init does, every boot runs the executables in /var/lib/cloud/scripts/per-boot/ in name order, and
# then, at the first boot only, the instance's user data; both append their output to
# /var/log/cloud-init-output.log.
USER_DATA=/var/lib/cloud/instance/user-data.txt
USER_DATA_DONE=/var/lib/cloud/instance/sem/user-data
PER_BOOT=/var/lib/cloud/scripts/per-boot
OUTPUT=/var/log/cloud-init-output.log
FORWARDS=/etc/spotrun-fake-ec2/forwards
BOOTS=/var/lib/spotrun-fake-ec2/boots

# Powering the machine off (shutdown, poweroff, halt, or kill -TERM 1 where none of them exists) ends the
# container, as it ends an instance.
trap 'echo "fake-ec2-host: powering off"; exit 0' TERM INT USR1 USR2

# A Docker engine inside a container needs a few things a real machine's init would have done.
prepare_nested_docker() {
  mount --make-rshared / 2>/dev/null || true
  if [ -d /sys/kernel/security ] && ! mountpoint -q /sys/kernel/security 2>/dev/null; then
    mount -t securityfs none /sys/kernel/security 2>/dev/null || true
  fi
  # cgroup v2 in a namespace of its own: move this boot into a child group so that the engine may
  # enable controllers for its containers (a group with processes cannot delegate them).
  if [ -f /sys/fs/cgroup/cgroup.controllers ] && [ "$(cat /proc/self/cgroup)" = "0::/" ]; then
    mkdir -p /sys/fs/cgroup/boot
    while read -r pid; do
      echo "$pid" >/sys/fs/cgroup/boot/cgroup.procs 2>/dev/null || true
    done </sys/fs/cgroup/cgroup.procs
    sed -e 's/ / +/g' -e 's/^/+/' </sys/fs/cgroup/cgroup.controllers >/sys/fs/cgroup/cgroup.subtree_control 2>/dev/null || true
  fi
}

# The registries the machine pulls from under a loopback name (127.0.0.1:PORT): NAT rules live in the
# network namespace, which a reboot renews, so they are made at every boot.
forward_registries() {
  [ -f "$FORWARDS" ] || return 0
  while read -r port target; do
    [ -n "$port" ] && /sbin/spotrun-fake-ec2-net forward "$port" "$target"
  done <"$FORWARDS"
}

run_per_boot() {
  for script in "$PER_BOOT"/*; do
    [ -f "$script" ] && [ -x "$script" ] || continue
    echo "fake-ec2-host: per-boot $script started"
    "$script" 2>&1
    echo "fake-ec2-host: per-boot $script exited with $?"
  done
}

run_user_data_once() {
  if [ ! -s "$USER_DATA" ]; then
    echo "fake-ec2-host: no user data"
    return
  fi
  if [ -e "$USER_DATA_DONE" ]; then
    echo "fake-ec2-host: the user data ran at the first boot; not again"
    return
  fi
  mkdir -p "$(dirname "$USER_DATA_DONE")"
  : >"$USER_DATA_DONE"
  chmod 0700 "$USER_DATA"
  interpreter=$(sed -n '1s/^#![[:space:]]*\([^[:space:]]*\).*/\1/p' "$USER_DATA")
  if [ -z "$interpreter" ] || [ ! -x "$interpreter" ]; then
    interpreter=/bin/sh
  fi
  echo "fake-ec2-host: user data started"
  "$interpreter" "$USER_DATA" 2>&1
  echo "fake-ec2-host: user data exited with $?"
}

mkdir -p /var/log "$(dirname "$BOOTS")"
boot=$(( $(cat "$BOOTS" 2>/dev/null || echo 0) + 1 ))
echo "$boot" >"$BOOTS"
prepare_nested_docker
forward_registries
echo "fake-ec2-host: booted (boot $boot)"
{ run_per_boot; run_user_data_once; } 2>&1 | tee -a "$OUTPUT" &
while :; do
  sleep 86400 &
  wait $!
done
