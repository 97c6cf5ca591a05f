#!/usr/bin/env bash
# Records which classes a whole `true` job loads, into app-cli/src/main/cds/classes.txt: the list the build's
# static class-data archive is dumped from (see the launcher's SPOTRUN_CDS=train). Run it after a change that
# loads other classes on a job's path (a new dependency, a new step) and commit the list; a stale list only
# makes the archive hold fewer of the classes a job needs. The job runs through `spotrun local-cloud` in another
# process, as a job against EC2 runs: the archive holds what such a job loads and nothing of a cloud in the
# same process (--cloud local loads the rest from the jar). It keeps the JDK's method-handle forms
# (@lambda-form-invoker lines), which the dump pregenerates, and leaves out the lambda classes (@lambda-proxy):
# archived, they cost more memory than the CPU they save is worth (see the launcher). Needs a Docker engine and
# the images of scripts/build-images.sh.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$root/app-cli/src/main/cds/classes.txt"
tmp="$(mktemp -d)"
cloud_pid=""
cleanup() {
  if [[ -n "$cloud_pid" ]] && kill -0 "$cloud_pid" 2>/dev/null; then
    kill -TERM "$cloud_pid" 2>/dev/null || true
    wait "$cloud_pid" 2>/dev/null || true
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT
raw="$tmp/classes.lst"

"$root/spotrun" local-cloud >"$tmp/cloud.env" 2>"$tmp/cloud.err" &
cloud_pid=$!
for _ in $(seq 1 240); do
  grep -q "is serving" "$tmp/cloud.err" 2>/dev/null && break
  kill -0 "$cloud_pid" 2>/dev/null || { cat "$tmp/cloud.err" >&2; echo "[cds-classlist] the local cloud did not start" >&2; exit 1; }
  sleep 0.25
done
registry=$(sed -n "s/^export SPOTRUN_LOCAL_REGISTRY='\{0,1\}\([^']*\)'\{0,1\}$/\1/p" "$tmp/cloud.env")
image="$registry/cds/busybox:1"
docker tag spotrun/busybox:latest "$image" && docker push -q "$image" >/dev/null && docker rmi "$image" >/dev/null
( set -a; . "$tmp/cloud.env"; set +a
  SPOTRUN_CDS=0 SPOTRUN_JAVA_OPTS="-XX:DumpLoadedClassList=$raw" exec "$root/spotrun" run -q "$image" true )
mkdir -p "$(dirname "$out")"
{
  echo "# The classes a true job loads, recorded by scripts/cds-classlist.sh; the build trains its class-data"
  echo "# archive from them. Generated: do not edit by hand."
  grep -v -e '^#' -e '^@' "$raw" | cut -d' ' -f1 \
    | grep -v -e '\$\$' -e '^dev/spotrun/localcloud/' -e '^com/sun/net/httpserver/' -e '^sun/net/httpserver/' \
      -e '^jdk/proxy' -e '^jdk/internal/reflect/Generated' \
    | sort -u
  grep '^@lambda-form-invoker ' "$raw" | sort -u
} >"$out"
echo "[cds-classlist] $(grep -vc -e '^#' -e '^@' "$out") classes and $(grep -c '^@' "$out") method-handle forms in ${out#"$root"/}" >&2
