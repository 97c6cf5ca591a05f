#!/usr/bin/env bash
# Builds, without any image registry, every image the tests need, and only those that are missing:
#   spotrun/busybox:latest     a tiny workload image: static busybox on scratch
#   spotrun/registry:2         a Docker registry (Debian's docker-registry binary)
#   spotrun/dind-host:bookworm a Debian machine with Docker, the fake EC2 host's image
# Run as root (it installs Debian packages with apt-get when they are missing). Set SPOTRUN_REBUILD=1 to
# rebuild images that exist.
set -euo pipefail

BUSYBOX_IMAGE=${SPOTRUN_BUSYBOX_IMAGE:-spotrun/busybox:latest}
REGISTRY_IMAGE=${SPOTRUN_REGISTRY_IMAGE:-spotrun/registry:2}
DIND_IMAGE=${SPOTRUN_DIND_IMAGE:-spotrun/dind-host:bookworm}
SUITE=bookworm

log() { printf '[build-images] %s\n' "$*" >&2; }

image_missing() {
  [[ "${SPOTRUN_REBUILD:-0}" == 1 ]] || ! docker image inspect "$1" >/dev/null 2>&1
}

apt_updated=0
need_package() {
  local package=$1
  if dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'; then
    return
  fi
  if [[ $apt_updated == 0 ]]; then
    apt-get update -qq
    apt_updated=1
  fi
  log "installing $package"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$package" >/dev/null
}

# The Debian mirror apt already uses, so that debootstrap reaches what this machine reaches.
debian_mirror() {
  local uri
  uri=$( { grep -hs '^URIs:' /etc/apt/sources.list.d/*.sources | awk '{print $2}'
           grep -hs '^deb ' /etc/apt/sources.list /etc/apt/sources.list.d/*.list | awk '{print $2}'; } \
         | grep -v -e security -e '^$' | grep -m1 -E '/debian/?$' || true)
  echo "${uri:-http://deb.debian.org/debian}"
}

timed() {
  local name=$1 start
  shift
  start=$(date +%s.%N)
  "$@"
  log "$name built in $(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f s", e - s }')"
}

build_busybox() {
  need_package busybox-static
  local ctx
  ctx=$(mktemp -d)
  cp /bin/busybox "$ctx/busybox"
  cat >"$ctx/Dockerfile" <<'DOCKERFILE'
FROM scratch
COPY busybox /bin/busybox
RUN ["/bin/busybox", "--install", "-s", "/bin"]
CMD ["/bin/sh"]
DOCKERFILE
  docker build -q -t "$BUSYBOX_IMAGE" "$ctx" >/dev/null
  rm -rf "$ctx"
}

build_registry() {
  need_package busybox-static
  need_package docker-registry
  local ctx
  ctx=$(mktemp -d)
  cp /bin/busybox "$ctx/busybox"
  cp /usr/bin/docker-registry "$ctx/registry"
  # The registry binary is linked dynamically: ship the libraries it needs.
  mkdir -p "$ctx/root"
  ldd /usr/bin/docker-registry | grep -o '/[^ ]*' | while read -r lib; do
    mkdir -p "$ctx/root$(dirname "$lib")"
    cp -L "$lib" "$ctx/root$lib"
  done
  cat >"$ctx/config.yml" <<'CONFIG'
version: 0.1
log:
  level: info
storage:
  filesystem:
    rootdirectory: /var/lib/registry
  delete:
    enabled: true
http:
  addr: :5000
CONFIG
  cat >"$ctx/Dockerfile" <<'DOCKERFILE'
FROM scratch
COPY busybox /bin/busybox
RUN ["/bin/busybox", "--install", "-s", "/bin"]
COPY root/ /
COPY registry /bin/registry
COPY config.yml /etc/docker/registry/config.yml
RUN mkdir -p /var/lib/registry /auth /tmp
EXPOSE 5000
ENTRYPOINT ["/bin/registry"]
CMD ["serve", "/etc/docker/registry/config.yml"]
DOCKERFILE
  docker build -q -t "$REGISTRY_IMAGE" "$ctx" >/dev/null
  rm -rf "$ctx"
}

build_dind() {
  need_package debootstrap
  local root mirror
  root=$(mktemp -d)
  mirror=$(debian_mirror)
  log "debootstrap $SUITE from $mirror"
  debootstrap --variant=minbase --include=docker.io,iptables,ca-certificates \
    "$SUITE" "$root" "$mirror" >"$root.log" 2>&1 || { tail -n 30 "$root.log" >&2; exit 1; }
  # Nothing of the build machine's apt cache belongs in the image.
  rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/*
  tar -C "$root" -c . | docker import \
    -c 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    -c 'CMD ["/bin/bash"]' - "$DIND_IMAGE" >/dev/null
  rm -rf "$root" "$root.log"
}

command -v docker >/dev/null || { log "the docker client is missing"; exit 1; }
docker info >/dev/null 2>&1 || { log "no Docker engine answers"; exit 1; }

for image in busybox registry dind; do
  var="${image^^}_IMAGE"
  name=${!var}
  if image_missing "$name"; then
    log "building $name"
    timed "$name" "build_$image"
  else
    log "$name is present"
  fi
done
