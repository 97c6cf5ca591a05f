#!/usr/bin/env bash
# From a fresh machine to a real job on the local cloud, in one command. It installs and starts what it needs,
# saying so (Maven, a Docker engine, the offline test images), then runs
#
#   ./spotrun run --cloud local ARGS...
#
# which starts the local cloud in-process: an EC2/ECR-compatible endpoint whose instances are Docker-in-Docker
# fake hosts booted from spotrun's real user data, their engines on mutual TLS, and a registry beside it that
# the image is pushed to and pulled from. Without ARGS it runs a small busybox job. The exit code is the job's.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

if ! command -v mvn >/dev/null 2>&1; then
  echo "[local-job] Maven is missing: installing Debian's maven" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq maven </dev/null >/dev/null
fi
bash "$root/scripts/ensure-docker.sh"
bash "$root/scripts/build-images.sh" </dev/null

if [[ $# -eq 0 ]]; then
  set -- spotrun/busybox:latest sh -c 'echo "hello from $(hostname), a fresh machine"; echo "this line goes to stderr" >&2'
fi
exec "$root/spotrun" run --cloud local "$@"
