#!/usr/bin/env bash
# What a whole job costs, against what it cannot avoid, on this machine: start-up, a `true` job, its CPU, four
# jobs at once, and the time from a spot interruption to the replacement container. See "Benchmarks" in the
# README. Every figure is a median with its range over BENCH_RUNS rounds, after one round not counted (cold caches);
# within a round the sides alternate.
#
#   start       `./spotrun version` and `./spotrun run --help`, against `docker version` on the local engine
#   unavoidable a fresh fake EC2 host (BenchHost: spotrun/dind-host:bookworm booted from the real boot script,
#               its 127.0.0.1:PORT leading to the running local cloud's registry as an instance's does) until its
#               engine answers the docker CLI over mutual TLS, then `docker login` with the cloud's ECR token and
#               `docker run --rm IMAGE true` there: the same image pulled from the same registry, as on a fresh
#               machine. The same host then runs the image again, already pulled: "without the pull" is printed too
#   job         `./spotrun run -q IMAGE true` through the variables of `./spotrun local-cloud`, running in
#               another process (a fake host per run, the image pulled from the cloud's registry)
#   job, own    `./spotrun run --cloud local -q IMAGE true`: the same with a local cloud of its own
#   4 at once   four such jobs through the running local cloud, started together: wall time of all four; and,
#               for what this machine allows, four unavoidable parts at once (four more fake hosts booted
#               together, each then as above): wall time of all four
#   interruption a `sleep 60` job whose spot machine the cloud takes back without notice (control API
#               `interrupt`): from the take-back to spotrun's InstanceInterrupted event (detected) and to the
#               replacement's ContainerStarted event
#
# Variables: BENCH_RUNS (5), BENCH_RAW=FILE keeps the raw figures, BENCH_BUILD=1 to rebuild first, SPOTRUN_JAVA_OPTS (passed on to ./spotrun).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${BENCH_RUNS:-5}"
image="spotrun/busybox:latest"

log() { printf '[bench] %s\n' "$*" >&2; }

for tool in docker java python3 curl /usr/bin/time; do
  command -v "$tool" >/dev/null 2>&1 || { log "$tool is missing"; exit 1; }
done
for needed in "$image" spotrun/dind-host:bookworm spotrun/registry:2; do
  docker image inspect "$needed" >/dev/null 2>&1 || { log "image $needed is missing: run scripts/build-images.sh"; exit 1; }
done
bench_host="$root/adapters-docker/target/test-classes/dev/spotrun/docker/BenchHost.class"
if [[ "${BENCH_BUILD:-0}" == 1 || ! -f "$root/app-cli/target/spotrun.jar" || ! -f "$bench_host" ]]; then
  log "building (mvn package -DskipTests)"
  (cd "$root" && mvn -B -q -ntp -o package -DskipTests) >&2
fi

tmp="$(mktemp -d)"
host_pid="" host_in="" cloud_pid=""
par_pids=() par_in=() par_out=()
stop_pid() { # pid: ends a process this script started, and waits for it
  kill -0 "$1" 2>/dev/null || return 0
  kill -TERM "$1" 2>/dev/null || true
  for _ in $(seq 1 120); do kill -0 "$1" 2>/dev/null || break; sleep 0.5; done
  kill -KILL "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
}
cleanup() {
  local fd pid
  for fd in "${par_in[@]}"; do exec {fd}>&-; done
  for pid in "${par_pids[@]}"; do
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    stop_pid "$pid"
  done
  if [[ -n "$host_pid" ]]; then
    [[ -n "$host_in" ]] && exec {host_in}>&-
    for _ in $(seq 1 60); do kill -0 "$host_pid" 2>/dev/null || break; sleep 0.5; done
    stop_pid "$host_pid"
  fi
  [[ -n "$cloud_pid" ]] && stop_pid "$cloud_pid"
  rm -rf "$tmp"
}
trap cleanup EXIT

now_ns() { date +%s%N; }
results="$tmp/results"
: >"$results"
warming=0
record() { [[ "$warming" == 1 ]] || echo "$*" >>"$results"; }

log "load before: $(cut -d' ' -f1-3 /proc/loadavg)"

# --- start-up
for round in $(seq 1 $((runs * 2))); do
  for what in docker spotrun-version spotrun-help; do
    start=$(now_ns)
    case "$what" in
      docker) docker version >/dev/null ;;
      spotrun-version) "$root/spotrun" version >/dev/null ;;
      spotrun-help) "$root/spotrun" run --help >/dev/null ;;
    esac
    record "start $what $(( ($(now_ns) - start) / 1000000 ))"
  done
done
log "start-up: $((runs * 2)) rounds done"

# --- the local cloud in another process, the image in its registry
log "starting ./spotrun local-cloud in another process"
"$root/spotrun" local-cloud >"$tmp/cloud.env" 2>"$tmp/cloud.err" &
cloud_pid=$!
for _ in $(seq 1 240); do
  grep -q SPOTRUN_LOCAL_REGISTRY "$tmp/cloud.env" 2>/dev/null && grep -q "is serving" "$tmp/cloud.err" && break
  kill -0 "$cloud_pid" 2>/dev/null || { cat "$tmp/cloud.err" >&2; log "the local cloud did not start"; exit 1; }
  sleep 0.25
done
registry=$(sed -n "s/^export SPOTRUN_LOCAL_REGISTRY='\{0,1\}\([^']*\)'\{0,1\}$/\1/p" "$tmp/cloud.env")
endpoint=$(sed -n "s/^export AWS_ENDPOINT_URL='\{0,1\}\([^']*\)'\{0,1\}$/\1/p" "$tmp/cloud.env")
cloud_image="$registry/bench/busybox:1"
docker tag "$image" "$cloud_image" && docker push -q "$cloud_image" >/dev/null && docker rmi "$cloud_image" >/dev/null
log "local cloud at $endpoint, image $cloud_image"
via_cloud() { ( set -a; . "$tmp/cloud.env"; set +a; exec "$@" ); }

# --- the docker CLI's fake hosts, led to the cloud's registry as its instances are (the registry that wants the
# ECR token, on the engine's network), and the docker CLI logged in there with the cloud's token
guarded=""
for id in $(docker ps -q --filter "label=dev.spotrun.local-cloud.session" --filter "label=dev.spotrun.testkit.local-cloud.registry=true"); do
  docker inspect -f '{{index .Config.Labels "dev.spotrun.local-cloud.session"}} {{.Config.Env}}' "$id" \
    | grep -q "^pid=$cloud_pid,.*REGISTRY_AUTH=" || continue
  guarded="$(docker inspect -f '{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}' "$id"):5000"
done
[[ -n "$guarded" ]] || { log "the local cloud's token registry was not found"; exit 1; }
token=$(curl -fsS -X POST -H 'X-Amz-Target: AmazonEC2ContainerRegistry_V20150921.GetAuthorizationToken' \
  -H 'Content-Type: application/x-amz-json-1.1' -d '{}' "$endpoint/" | python3 -c 'import base64, json, sys
print(base64.b64decode(json.load(sys.stdin)["authorizationData"][0]["authorizationToken"]).decode().split(":", 1)[1])')
mkdir -p "$tmp/docker-config"
mkfifo "$tmp/host-in" "$tmp/host-out"
java -cp "$root/app-cli/target/spotrun.jar:$root/adapters-docker/target/test-classes" dev.spotrun.docker.BenchHost "$tmp" \
  "${registry##*:}" "$guarded" <"$tmp/host-in" >"$tmp/host-out" 2>"$tmp/host-err" &
host_pid=$!
exec {host_in}>"$tmp/host-in"
exec {host_out}<"$tmp/host-out"
docker_tls() {
  docker --config "$tmp/docker-config" --tlsverify --tlscacert "$tmp/ca.pem" --tlscert "$tmp/cert.pem" --tlskey "$tmp/key.pem" \
    -H "tcp://$address:2376" "$@"
}
first_host=1
unavoidable() { # one fresh host until its engine answers over TLS, then docker run --rm IMAGE true there
  local started_ms polled start pulled
  [[ "$first_host" == 1 ]] || echo again >&"$host_in"
  first_host=0
  read -r _ address _ started_ms <&"$host_out" || { cat "$tmp/host-err" >&2; log "the fake host did not boot"; exit 1; }
  start=$(now_ns)
  until docker_tls version >/dev/null 2>&1; do sleep 0.02; done
  polled=$(( ($(now_ns) - start) / 1000000 ))
  start=$(now_ns)
  docker_tls login -u AWS --password-stdin "$registry" <<<"$token" >/dev/null 2>&1
  docker_tls run --rm "$cloud_image" true 2>/dev/null
  pulled=$(( ($(now_ns) - start) / 1000000 ))
  start=$(now_ns)
  docker_tls run --rm "$cloud_image" true
  record "unavoidable boot $((started_ms + polled)) run $(( ($(now_ns) - start) / 1000000 )) pull-run $pulled"
}

bench_host() { # DIR: a BenchHost writing its certificates to DIR, fed from DIR/in, printing to DIR/out
  mkdir -p "$1/docker-config"
  mkfifo "$1/in" "$1/out"
  java -cp "$root/app-cli/target/spotrun.jar:$root/adapters-docker/target/test-classes" dev.spotrun.docker.BenchHost \
    "$1" "${registry##*:}" "$guarded" <"$1/in" >"$1/out" 2>"$1/err" &
}
start_par_hosts() { # four more BenchHosts, for the unavoidable parts at once; each boots a first host
  local i fd
  for i in 1 2 3 4; do
    bench_host "$tmp/p$i"
    par_pids+=($!)
    exec {fd}>"$tmp/p$i/in"
    par_in+=("$fd")
    exec {fd}<"$tmp/p$i/out"
    par_out+=("$fd")
  done
  for fd in "${par_out[@]}"; do read -r _ <&"$fd" || { log "a fake host did not boot"; exit 1; }; done
}
anchor_on() { # DIR ADDRESS: the engine answers over TLS, then docker login and docker run --rm IMAGE true there
  local dir=$1 address=$2
  dk() { docker --config "$dir/docker-config" --tlsverify --tlscacert "$dir/ca.pem" --tlscert "$dir/cert.pem" \
    --tlskey "$dir/key.pem" -H "tcp://$address:2376" "$@"; }
  until dk version >/dev/null 2>&1; do sleep 0.02; done
  dk login -u AWS --password-stdin "$registry" <<<"$token" >/dev/null 2>&1
  dk run --rm "$cloud_image" true 2>/dev/null
}
anchors_at_once() { # four hosts booted together, each until its docker run ended: wall time of all four
  local i start fd address pids=()
  for fd in "${par_in[@]}"; do echo stop >&"$fd"; done
  for fd in "${par_out[@]}"; do read -r _ <&"$fd"; done
  start=$(now_ns)
  for fd in "${par_in[@]}"; do echo boot >&"$fd"; done
  for i in 0 1 2 3; do
    read -r _ address _ _ <&"${par_out[$i]}" || { log "a fake host did not boot"; exit 1; }
    anchor_on "$tmp/p$((i + 1))" "$address" &
    pids+=($!)
  done
  for i in "${pids[@]}"; do wait "$i"; done
  record "anchors-at-once $(( ($(now_ns) - start) / 1000000 ))"
}

job() { # cloud|own, then spotrun's arguments: wall, user and sys CPU, peak RSS of spotrun
  local label=$1 code
  shift
  set +e
  if [[ "$label" == cloud ]]; then
    via_cloud /usr/bin/time -f "%e %U %S %M" -o "$tmp/time" "$root/spotrun" "$@" >/dev/null 2>"$tmp/job-err"
  else
    /usr/bin/time -f "%e %U %S %M" -o "$tmp/time" "$root/spotrun" "$@" >/dev/null 2>"$tmp/job-err"
  fi
  code=$?
  set -e
  [[ "$code" == 0 ]] || { log "$label exited $code:"; tail -n 5 "$tmp/job-err" >&2; }
  record "job $label $(tail -n1 "$tmp/time") $code"
}

four_at_once() {
  local pids=() start code=0
  start=$(now_ns)
  for i in 1 2 3 4; do
    via_cloud /usr/bin/time -f "%e %U %S %M" -o "$tmp/time-$i" "$root/spotrun" run -q "$cloud_image" true \
      >/dev/null 2>"$tmp/par-err-$i" &
    pids+=($!)
  done
  for pid in "${pids[@]}"; do wait "$pid" || code=$?; done
  local cpu
  cpu=$(cat "$tmp"/time-[1-4] | awk '{u += $2; s += $3} END {printf "%.2f", u + s}')
  record "parallel $(( ($(now_ns) - start) / 1000000 )) $cpu $code"
}

interruption() {
  local events="$tmp/events.jsonl" pid instance taken code
  rm -f "$events"
  via_cloud "$root/spotrun" run -q --events "$events" "$cloud_image" sleep 60 >/dev/null 2>"$tmp/int-err" &
  pid=$!
  for _ in $(seq 1 600); do
    grep -q '"type":"ContainerStarted"' "$events" 2>/dev/null && break
    sleep 0.05
  done
  instance=$(python3 -c 'import json, sys
for line in open(sys.argv[1]):
    e = json.loads(line)
    if e["type"] == "InstanceRunning":
        print(e["instance"]["id"]); break' "$events")
  sleep 1
  taken=$(now_ns)
  curl -fsS -X POST "$endpoint/_spotrun/instances/$instance/interrupt" >/dev/null
  # The replacement started: stop the job there (it would sleep a minute); spotrun gives its machine back.
  for _ in $(seq 1 1200); do
    [[ $(grep -c '"type":"ContainerStarted"' "$events") -ge 2 ]] && break
    sleep 0.05
  done
  kill -TERM "$pid" 2>/dev/null || true
  set +e
  wait "$pid"
  code=$?
  set -e
  python3 -c 'import json, sys, datetime
taken = int(sys.argv[2])
def ns(text):
    seconds, _, fraction = text.rstrip("Z").partition(".")
    at = datetime.datetime.fromisoformat(seconds).replace(tzinfo=datetime.timezone.utc)
    return int(at.timestamp()) * 10**9 + int((fraction + "000000000")[:9])
detected = replaced = None
for line in open(sys.argv[1]):
    e = json.loads(line)
    if e["type"] == "InstanceInterrupted" and detected is None:
        detected = ns(e["at"])
    if e["type"] == "ContainerStarted" and e.get("attempt") == 2:
        replaced = ns(e["at"])
if detected is None or replaced is None:
    print("interruption none none"); sys.exit()
print("interruption %d %d" % ((detected - taken) // 10**6, (replaced - taken) // 10**6))' "$events" "$taken" >>"$results"
  log "interruption round: spotrun exited $code after the replacement started (SIGTERM)"
}

# One round first that is not counted: the first fake host, job and local cloud of a run find cold caches.
log "a round to warm up, not counted"
warming=1
unavoidable
job cloud run -q "$cloud_image" true
job own run --cloud local -q "$image" true
warming=0
for round in $(seq 1 "$runs"); do
  log "round $round of $runs: unavoidable part, job via the running local cloud, job with its own cloud"
  unavoidable
  job cloud run -q "$cloud_image" true
  job own run --cloud local -q "$image" true
done
start_par_hosts
for round in $(seq 1 "$runs"); do
  log "round $round of $runs: four jobs at once, one job alone, four unavoidable parts at once"
  four_at_once
  job cloud run -q "$cloud_image" true
  anchors_at_once
done
for round in $(seq 1 "$runs"); do
  log "round $round of $runs: spot interruption without notice"
  interruption
done
log "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
[[ -n "${BENCH_RAW:-}" ]] && cp "$results" "$BENCH_RAW"

python3 - "$results" <<'PY'
import statistics, sys
rows = [line.split() for line in open(sys.argv[1])]
def col(kind, label=None, index=2):
    return [float(r[index]) for r in rows if r[0] == kind and (label is None or r[1] == label)]
def fig(values, unit="s", scale=1.0):
    if not values:
        return "-"
    v = [x * scale for x in values]
    return "%.2f %s (%.2f-%.2f)" % (statistics.median(v), unit, min(v), max(v))
def med(values):
    return statistics.median(values) if values else float("nan")

start = {w: [v / 1000 for v in col("start", w)] for w in ("docker", "spotrun-version", "spotrun-help")}
boot = [float(r[2]) / 1000 for r in rows if r[0] == "unavoidable"]
run = [float(r[4]) / 1000 for r in rows if r[0] == "unavoidable"]
pull_run = [float(r[6]) / 1000 for r in rows if r[0] == "unavoidable"]
unavoidable = [b + p for b, p in zip(boot, pull_run)]
unpulled = [b + r for b, r in zip(boot, run)]
jobs = {label: [r for r in rows if r[0] == "job" and r[1] == label] for label in ("cloud", "own")}
wall = {label: [float(r[2]) for r in jobs[label]] for label in jobs}
cpu = {label: [float(r[3]) + float(r[4]) for r in jobs[label]] for label in jobs}
rss = {label: [float(r[5]) / 1024 for r in jobs[label]] for label in jobs}
failed = {label: sum(1 for r in jobs[label] if r[6] != "0") for label in jobs}
parallel = [r for r in rows if r[0] == "parallel"]
par_wall = [float(r[1]) / 1000 for r in parallel]
par_cpu = [float(r[2]) for r in parallel]
anchors_par = [float(r[1]) / 1000 for r in rows if r[0] == "anchors-at-once"]
inter = [r for r in rows if r[0] == "interruption" and r[1] != "none"]
detected = [float(r[1]) / 1000 for r in inter]
replaced = [float(r[2]) / 1000 for r in inter]

print("%-44s | %-24s | %-24s | %s" % ("figure", "spotrun median (range)", "anchor median (range)", "ratio (target)"))
def line(what, ours, anchor, target):
    ratio = med(ours) / med(anchor) if ours and anchor and med(anchor) > 0 else float("nan")
    print("%-44s | %-24s | %-24s | %5.2f (%s)" % (what, fig(ours), fig(anchor), ratio, target))
line("spotrun version / docker version", start["spotrun-version"], start["docker"], "<= 0.4 s")
line("spotrun run --help / docker version", start["spotrun-help"], start["docker"], "<= 0.4 s")
line("true job, running local cloud / unavoidable", wall["cloud"], unavoidable, "<= 1.5x")
line("true job, --cloud local / unavoidable", wall["own"], unavoidable, "<= 2.5x")
line("true job, running cloud / without the pull", wall["cloud"], unpulled, "-")
line("4 true jobs at once / one job (wall)", par_wall, wall["cloud"], "<= 1.5x")
line("4 unavoidable parts at once / one", anchors_par, unavoidable, "the machine's own")
line("4 true jobs at once / 4 unavoidable at once", par_wall, anchors_par, "-")
print("%-44s | %-24s | %-24s | %s" % ("CPU of one true job (user+sys)", fig(cpu["cloud"]), "-", "<= 3 s"))
print("%-44s | %-24s | %-24s | %s" % ("CPU of one true job, --cloud local", fig(cpu["own"]), "-", "-"))
print("%-44s | %-24s | %-24s | %s" % ("CPU of 4 jobs at once (sum)", fig(par_cpu), "-", "-"))
print("%-44s | %-24s | %-24s | %s" % ("peak RSS of a true job (MiB)", fig(rss["cloud"], "MiB"), "-", "-"))
print("%-44s | %-24s | %-24s | %s" % ("peak RSS, --cloud local (MiB)", fig(rss["own"], "MiB"), "-", "-"))
print("%-44s | %-24s | %-24s | %s" % ("interruption: take-back to detected", fig(detected), "-", "<= 1 s"))
print("%-44s | %-24s | %-24s | %s" % ("interruption: take-back to replacement started", fig(replaced), "-", "-"))
print()
print("unavoidable part: host boot until its engine answers over TLS %s, then docker login and docker run --rm true,"
      " pulling the image, %s (the image already there: %s)" % (fig(boot), fig(pull_run), fig(run)))
print("runs: %d rounds; failed jobs: %d via the running cloud, %d with their own; interruptions measured: %d"
      % (len(boot), failed["cloud"], failed["own"], len(inter)))
PY
