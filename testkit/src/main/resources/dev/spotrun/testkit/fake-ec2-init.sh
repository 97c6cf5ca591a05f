#!/bin/sh
# The boot of a fake EC2 host: what a machine's init and cloud-init do, in a few lines. docker-init is PID 1
# and passes signals on to this script.
USER_DATA=/var/lib/cloud/instance/user-data.txt
OUTPUT=/var/log/cloud-init-output.log

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

run_user_data() {
  chmod 0700 "$USER_DATA"
  interpreter=$(sed -n '1s/^#![[:space:]]*\([^[:space:]]*\).*/\1/p' "$USER_DATA")
  if [ -z "$interpreter" ] || [ ! -x "$interpreter" ]; then
    interpreter=/bin/sh
  fi
  echo "fake-ec2-host: user data started"
  "$interpreter" "$USER_DATA" 2>&1
  echo "fake-ec2-host: user data exited with $?"
}

prepare_nested_docker
mkdir -p /var/log
echo "fake-ec2-host: booted"
if [ -s "$USER_DATA" ]; then
  run_user_data | tee -a "$OUTPUT" &
else
  echo "fake-ec2-host: no user data"
fi
while :; do
  sleep 86400 &
  wait $!
done
