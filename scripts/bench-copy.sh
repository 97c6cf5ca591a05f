#!/usr/bin/env bash
# How fast --copy puts a workspace into a container and --artifact takes it back out, against `docker cp` on
# the same kind of fake host, and how much memory spotrun takes meanwhile. See "Benchmarks" in the README.
#
# spotrun side: the built CLI (./spotrun run --cloud local -q --copy WS:/ws --artifact /ws:OUT IMAGE true), its
#   own process; the local cloud boots a fake EC2 host (spotrun/dind-host:bookworm) from the real boot script,
#   engine on mutual TLS. The copy's own times come from its FilesCopied events (tookMs of the "in" and the
#   "out" copy), so the machine's boot does not count. Its peak RSS is /usr/bin/time's, its peak heap the
#   largest heap before a collection in its GC log (-Xlog:gc).
# docker side: one fake host of the same image and boot script, started once (BenchHost, adapters-docker's test
#   classes), its engine on mutual TLS with client certificates on disk; `docker cp WS ID:/ws` into a created
#   container, then `docker cp ID:/ws OUT`, each timed on its own.
# Both copy the same workspace (one file of random bytes of each size), alternating, and every copy that came
# back is checked by SHA-256 against the original.
#
# Variables: BENCH_RUNS (3), BENCH_SIZES ("16M 1G"), BENCH_BUILD=1 to rebuild first, SPOTRUN_JAVA_OPTS (passed
# on to ./spotrun, after the GC log option).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${BENCH_RUNS:-3}"
sizes="${BENCH_SIZES:-16M 1G}"
image="spotrun/busybox:latest"

log() { printf '[bench-copy] %s\n' "$*" >&2; }

for tool in docker java python3 /usr/bin/time sha256sum; do
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

now_ns() { date +%s%N; }

results="$tmp/results"
: >"$results"

run_spotrun() { # size bytes digest
  local out="$tmp/spotrun-out" code
  rm -rf "$out" "$tmp/events.jsonl" "$tmp/gc.log"
  set +e
  SPOTRUN_JAVA_OPTS="-Xlog:gc:file=$tmp/gc.log ${SPOTRUN_JAVA_OPTS:-}" /usr/bin/time -f %M -o "$tmp/rss" \
    "$root/spotrun" run --cloud local -q --events "$tmp/events.jsonl" --copy "$tmp/ws:/ws" \
    --artifact "/ws:$out" "$image" true >/dev/null 2>"$tmp/spotrun-err"
  code=$?
  set -e
  [[ "$code" == 0 ]] || { log "spotrun exited $code:"; tail -n 5 "$tmp/spotrun-err" >&2; }
  local copies heap ok
  copies=$(python3 -c 'import json, sys
times = {}
for line in open(sys.argv[1]):
    e = json.loads(line)
    if e["type"] == "FilesCopied" and e["done"]:
        times[e["direction"]] = e["tookMs"] * 1_000_000
print(times.get("in", 0), times.get("out", 0))' "$tmp/events.jsonl" 2>/dev/null || echo "0 0")
  # "Pause Young (Normal) (G1 Evacuation Pause) 23M->5M(64M) 3.1ms": the heap in use before each collection.
  heap=$(python3 -c 'import re, sys
print(max([int(m.group(1)) for m in re.finditer(r"(\d+)M->\d+M\(\d+M\)", open(sys.argv[1]).read())] or [0]))' \
    "$tmp/gc.log" 2>/dev/null || echo 0)
  ok=no
  [[ -f "$out/ws/big.bin" && "$(sha256sum <"$out/ws/big.bin" | cut -d' ' -f1)" == "$3" ]] && ok=yes
  echo "spotrun $1 $2 $copies $ok $(tail -n1 "$tmp/rss") $heap $code" >>"$results"
}

run_docker() { # size bytes digest
  local out="$tmp/docker-out" id start middle end ok
  rm -rf "$out" && mkdir -p "$out"
  id=$(docker_tls create "$image" true)
  start=$(now_ns)
  docker_tls cp "$tmp/ws" "$id:/ws"
  middle=$(now_ns)
  docker_tls cp "$id:/ws" "$out/"
  end=$(now_ns)
  docker_tls rm -f "$id" >/dev/null
  ok=no
  [[ "$(sha256sum <"$out/ws/big.bin" | cut -d' ' -f1)" == "$3" ]] && ok=yes
  echo "docker $1 $2 $((middle - start)) $((end - middle)) $ok 0 0 0" >>"$results"
}

bytes_of() {
  case "$1" in
    *G) echo $(( ${1%G} << 30 )) ;;
    *M) echo $(( ${1%M} << 20 )) ;;
    *) echo "$1" ;;
  esac
}

for size in $sizes; do
  bytes=$(bytes_of "$size")
  rm -rf "$tmp/ws" && mkdir -p "$tmp/ws"
  head -c "$bytes" /dev/urandom >"$tmp/ws/big.bin"
  digest=$(sha256sum <"$tmp/ws/big.bin" | cut -d' ' -f1)
  for run in $(seq 1 "$runs"); do
    log "$size, run $run of $runs: spotrun, then docker cp"
    run_spotrun "$size" "$bytes" "$digest"
    run_docker "$size" "$bytes" "$digest"
  done
done
log "load after: $(cut -d' ' -f1-3 /proc/loadavg)"

python3 - "$results" <<'PY'
import statistics, sys
rows = {}
for line in open(sys.argv[1]):
    side, size, count, t_in, t_out, ok, rss, heap, code = line.split()
    rows.setdefault((size, side), []).append((int(count), int(t_in), int(t_out), ok, int(rss), int(heap), int(code)))

def rates(runs, i):
    return [r[0] / (1 << 20) / (r[i] / 1e9) for r in runs if r[i] > 0]

fmt = lambda v: "%6.1f (%5.1f-%5.1f)" % (statistics.median(v), min(v), max(v)) if v else "     -"
print("%-5s %-4s | %-24s | %-24s | %5s | %-9s | %s" % ("size", "way", "spotrun MiB/s med (range)",
      "docker cp MiB/s med (range)", "ratio", "same bytes", "spotrun peak RSS / heap"))
for size in sorted({k[0] for k in rows}, key=lambda s: rows[(s, "spotrun")][0][0]):
    s, d = rows.get((size, "spotrun"), []), rows.get((size, "docker"), [])
    for way, i in (("in", 1), ("out", 2)):
        sr, dr = rates(s, i), rates(d, i)
        ratio = statistics.median(sr) / statistics.median(dr) if sr and dr else 0
        same = "%d/%d, %d/%d" % (sum(r[3] == "yes" for r in s), len(s), sum(r[3] == "yes" for r in d), len(d))
        mem = "%d MiB / %d MiB" % (max(r[4] for r in s) // 1024, max(r[5] for r in s)) if s else "-"
        print("%-5s %-4s | %-24s | %-24s | %5.2f | %-9s | %s" % (size, way, fmt(sr), fmt(dr), ratio, same, mem))
PY
