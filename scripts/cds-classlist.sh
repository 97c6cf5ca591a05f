#!/usr/bin/env bash
# Records which classes a whole `true` job loads, into app-cli/src/main/cds/classes.txt: the list the build's
# static class-data archive is dumped from (see the launcher's SPOTRUN_CDS=train). Run it after a change that
# loads other classes on a job's path (a new dependency, a new step) and commit the list; a stale list only
# makes the archive hold fewer of the classes a job needs. It runs the job with --cloud local, and leaves out
# what only the local cloud itself loads: the archive is for jobs on a real cloud. It keeps the JDK's
# method-handle forms (@lambda-form-invoker lines), which the dump pregenerates, and leaves out the lambda
# classes (@lambda-proxy): archived, they cost more memory than the CPU they save is worth (see the launcher).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$root/app-cli/src/main/cds/classes.txt"
raw="$(mktemp)"
trap 'rm -f "$raw"' EXIT

SPOTRUN_CDS=0 SPOTRUN_JAVA_OPTS="-XX:DumpLoadedClassList=$raw" \
  "$root/spotrun" run --cloud local -q spotrun/busybox:latest true
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
