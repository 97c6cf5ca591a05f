#!/usr/bin/env bash
# How fast a container's output reaches spotrun's stdout and stderr, against the docker CLI on the same kind of
# fake host, and how much memory spotrun takes meanwhile. See "Benchmarks" in the README.
#
# spotrun side: the built CLI (./spotrun run --cloud local -q IMAGE sh -c WRITER), its own process, its output
#   to a pipe; the local cloud boots a fake EC2 host (spotrun/dind-host:bookworm) from the real boot script,
#   engine on mutual TLS.
# docker side: one fake host of the same image and boot script, started once (BenchHost, adapters-docker's
#   test classes), its engine on mutual TLS with client certificates on disk; the container is created first, then
#   timed with `docker --tlsverify -H tcp://ADDR:2376 start -a ID`, its output to a pipe.
# Both run the same writer (yes LINE | head -c N, to stdout or stderr), alternating, and both pipes end in the
# same meter, which counts and checksums the bytes and notes when the first and the last arrived.
#
# Variables (the defaults take about 20 minutes here): BENCH_RUNS (3), BENCH_SIZES ("16M 256M 1G"),
# BENCH_STREAMS ("stdout stderr"), BENCH_BUILD=1 to rebuild first, SPOTRUN_JAVA_OPTS (passed on to ./spotrun).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${BENCH_RUNS:-3}"
sizes="${BENCH_SIZES:-16M 256M 1G}"
streams="${BENCH_STREAMS:-stdout stderr}"
image="spotrun/busybox:latest"
line="abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz0"

log() { printf '[bench] %s\n' "$*" >&2; }

for tool in docker java python3 /usr/bin/time; do
  command -v "$tool" >/dev/null 2>&1 || { log "$tool is missing"; exit 1; }
done
for needed in "$image" spotrun/dind-host:bookworm spotrun/registry:2; do
  docker image inspect "$needed" >/dev/null 2>&1 || { log "image $needed is missing: run scripts/build-images.sh"; exit 1; }
done
if [[ "${BENCH_BUILD:-0}" == 1 || ! -f "$root/app-cli/target/spotrun.jar" \
  || ! -f "$root/adapters-docker/target/test-classes/dev/spotrun/docker/BenchHost.class" ]]; then
  log "building (mvn package -DskipTests)"
  (cd "$root" && mvn -B -q -ntp -o package -DskipTests) >&2
fi

tmp="$(mktemp -d)"
host_pid=""
host_in=""
cleanup() {
  if [[ -n "$host_pid" ]]; then
    # The end of its input tells the host's JVM to remove the host; a signal does too, through its hook.
    [[ -n "$host_in" ]] && exec {host_in}>&-
    for _ in $(seq 1 60); do
      kill -0 "$host_pid" 2>/dev/null || break
      sleep 0.5
    done
    kill "$host_pid" 2>/dev/null || true
    wait "$host_pid" 2>/dev/null || true
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT

log "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
log "booting the docker CLI's fake host"
mkfifo "$tmp/host-in" "$tmp/host-out"
java -cp "$root/app-cli/target/spotrun.jar:$root/adapters-docker/target/test-classes" dev.spotrun.docker.BenchHost "$tmp" \
  <"$tmp/host-in" >"$tmp/host-out" 2>"$tmp/host-err" &
host_pid=$!
exec {host_in}>"$tmp/host-in"
read -r _ address _ <"$tmp/host-out" || { cat "$tmp/host-err" >&2; log "the fake host did not boot"; exit 1; }
docker_tls() {
  docker --tlsverify --tlscacert "$tmp/ca.pem" --tlscert "$tmp/cert.pem" --tlskey "$tmp/key.pem" \
    -H "tcp://$address:2376" "$@"
}
for _ in $(seq 1 120); do
  docker_tls version >/dev/null 2>&1 && break
  sleep 0.5
done
docker save "$image" | docker_tls load >/dev/null
log "docker CLI's host at $address: $(docker_tls version --format 'engine {{.Server.Version}}, API {{.Server.APIVersion}}')"

# Counts, checksums and times what comes in; prints: bytes sha256 first-byte-ns last-byte-ns (wall clock).
meter() {
  python3 -c '
import hashlib, os, sys, time
digest, count, first, last = hashlib.sha256(), 0, 0, 0
while True:
    chunk = os.read(0, 1 << 20)
    if not chunk:
        break
    last = time.time_ns()
    first = first or last
    count += len(chunk)
    digest.update(chunk)
print(count, digest.hexdigest(), first, last)'
}

bytes_of() {
  case "$1" in
    *G) echo $(( ${1%G} << 30 )) ;;
    *M) echo $(( ${1%M} << 20 )) ;;
    *K) echo $(( ${1%K} << 10 )) ;;
    *) echo "$1" ;;
  esac
}

results="$tmp/results"
: >"$results"
run_spotrun() { # size stream bytes writer
  local out="$tmp/meter" code
  rm -f "$tmp/events.jsonl"
  if [[ "$2" == stdout ]]; then
    set +e
    /usr/bin/time -f %M -o "$tmp/rss" "$root/spotrun" run --cloud local -q --events "$tmp/events.jsonl" "$image" \
      sh -c "$4" 2>"$tmp/spotrun-err" | meter >"$out"
    code=${PIPESTATUS[0]}
    set -e
  else
    set +e
    { /usr/bin/time -f %M -o "$tmp/rss" "$root/spotrun" run --cloud local -q --events "$tmp/events.jsonl" "$image" \
      sh -c "$4" 2>&1 >"$tmp/spotrun-out"; } | meter >"$out"
    code=${PIPESTATUS[0]}
    set -e
  fi
  local started
  started=$(python3 -c 'import json, sys, datetime
for line in open(sys.argv[1]):
    event = json.loads(line)
    if event["type"] == "ContainerStarted":
        at = datetime.datetime.fromisoformat(event["at"].rstrip("Z")[:26])
        print(int(at.replace(tzinfo=datetime.timezone.utc).timestamp() * 1e9))' "$tmp/events.jsonl" 2>/dev/null || echo 0)
  echo "spotrun $1 $2 $(cat "$out") ${started:-0} $(tail -n1 "$tmp/rss") $code" >>"$results"
  [[ "$code" == 0 ]] || { log "spotrun exited $code:"; tail -n 5 "$tmp/spotrun-err" "$tmp/spotrun-out" 2>/dev/null >&2 || true; }
}

run_docker() { # size stream bytes writer
  local out="$tmp/meter" id started code
  id=$(docker_tls create "$image" sh -c "$4")
  set +e
  if [[ "$2" == stdout ]]; then
    docker_tls start -a "$id" 2>"$tmp/docker-err" | meter >"$out"
  else
    { docker_tls start -a "$id" 2>&1 >/dev/null; } | meter >"$out"
  fi
  code=${PIPESTATUS[0]}
  set -e
  # The engine's own start time (the fake host shares this machine's clock).
  started=$(python3 -c 'import sys, datetime
text = sys.argv[1].rstrip("Z")
seconds, _, fraction = text.partition(".")
at = datetime.datetime.fromisoformat(seconds).replace(tzinfo=datetime.timezone.utc)
print(int(at.timestamp()) * 10**9 + int((fraction + "000000000")[:9]))' "$(docker_tls inspect -f '{{.State.StartedAt}}' "$id")")
  docker_tls rm -f "$id" >/dev/null
  echo "docker $1 $2 $(cat "$out") $started 0 $code" >>"$results"
}

for size in $sizes; do
  bytes=$(bytes_of "$size")
  # yes ends on SIGPIPE once head has enough: not a failure.
  expected=$( (yes "$line" || true) | head -c "$bytes" | sha256sum | cut -d' ' -f1)
  echo "expected $size $bytes $expected" >>"$results"
  for stream in $streams; do
    writer="yes $line | head -c $bytes"
    [[ "$stream" == stderr ]] && writer="$writer >&2"
    for run in $(seq 1 "$runs"); do
      log "$size $stream, run $run of $runs: spotrun, then docker CLI"
      run_spotrun "$size" "$stream" "$bytes" "$writer"
      run_docker "$size" "$stream" "$bytes" "$writer"
    done
  done
done
log "load after: $(cut -d' ' -f1-3 /proc/loadavg)"

python3 - "$results" <<'PY'
import statistics, sys
expected, rows = {}, {}
for line in open(sys.argv[1]):
    f = line.split()
    if f[0] == "expected":
        expected[f[1]] = (int(f[2]), f[3])
        continue
    side, size, stream, count, digest, first, last, started, rss, code = f
    rows.setdefault((size, stream, side), []).append(
        (int(count), digest, int(first), int(last), int(started), int(rss), int(code)))

def mib_s(count, a, b):
    return count / (1 << 20) / ((b - a) / 1e9) if b > a else 0.0

print("%-5s %-6s | %-26s | %-26s | %5s | %-23s | %s" % ("size", "stream", "spotrun MiB/s median (range)",
      "docker CLI MiB/s median (range)", "ratio", "every byte once, in order", "spotrun peak RSS"))
for (size, stream, side) in sorted({k for k in rows if k[2] == "spotrun"}, key=lambda k: (expected[k[0]][0], k[1] != "stdout")):
    out = {}
    for who in ("spotrun", "docker"):
        runs = rows.get((size, stream, who), [])
        rates = [mib_s(r[0], r[2], r[3]) for r in runs]
        ok = all(r[0] == expected[size][0] and r[1] == expected[size][1] and r[6] == 0 for r in runs)
        out[who] = (rates, ok, runs)
    s, d = out["spotrun"], out["docker"]
    fmt = lambda rates: "%6.1f (%5.1f-%5.1f)" % (statistics.median(rates), min(rates), max(rates)) if rates else "-"
    ratio = statistics.median(s[0]) / statistics.median(d[0]) if s[0] and d[0] else 0
    checked = "%s %d/%d, docker %d/%d" % ("yes" if s[1] and d[1] else "NO", sum(
        1 for r in s[2] if r[0] == expected[size][0] and r[1] == expected[size][1]), len(s[2]),
        sum(1 for r in d[2] if r[0] == expected[size][0] and r[1] == expected[size][1]), len(d[2]))
    rss = max(r[5] for r in s[2]) / 1024
    print("%-5s %-6s | %-26s | %-26s | %5.2f | %-23s | %.0f MiB" % (size, stream, fmt(s[0]), fmt(d[0]), ratio, checked, rss))
print()
print("Throughput: bytes / (time the meter got the last byte - time it got the first), on each side's pipe.")
print("Start to last byte, median MiB/s: spotrun from its ContainerStarted event (right after the engine")
print("answered the start), docker CLI from the container's StartedAt (the engine's, a little earlier):")
for (size, stream, side) in sorted({k for k in rows if k[2] == "spotrun"}, key=lambda k: (expected[k[0]][0], k[1] != "stdout")):
    s = [mib_s(r[0], r[4], r[3]) for r in rows[(size, stream, "spotrun")] if r[4]]
    d = [mib_s(r[0], r[4], r[3]) for r in rows.get((size, stream, "docker"), [])]
    print("  %-5s %-6s spotrun %6.1f  docker CLI %6.1f" % (size, stream, statistics.median(s) if s else 0,
          statistics.median(d) if d else 0))
PY
