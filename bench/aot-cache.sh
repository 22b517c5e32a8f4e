#!/usr/bin/env bash
# What a newer JDK would give the start-up target (issue 21, item 6): each service started alone, as
# startup-memory.sh starts it (deploy/jvm.flags and the module's own, the local heap ceiling, against the benchmark's
# database, Redis db and event prefix), on the project's Java 17 with its trained AppCDS archive, and on a JDK 25
# (BENCH_JDK25, default the Temurin 25 under /usr/lib/jvm when there is one) with an AOT cache (JEP 483/514/515) made
# by a training run of the same kind: started, asked for health, metrics, OpenAPI and an API list, then stopped.
# The same bytecode (built for 17) runs on both. Starts alternate between the two, BENCH_ROUNDS times each; the
# figures are the medians of wall time to the first ready answer, CPU until then (user + system of the JVM) and RSS
# at ready. Measurement only: the suite still runs on Java 17 (README, Start-up and memory).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
JDK25=${BENCH_JDK25:-$(ls -d /usr/lib/jvm/temurin-25* 2>/dev/null | head -1)}
[ -x "$JDK25/bin/java" ] || die "no JDK 25 (set BENCH_JDK25 to one)"
ROUNDS=${BENCH_ROUNDS:-3}
ensure_postgres
ensure_redis
ensure_database "$BENCH_DB"
work=$(mktemp -d)
trap 'kill ${pid:-} 2>/dev/null || true' EXIT

# One start of <service> with <java> and <extra flags>: prints "wall_ms cpu_ms rss_mb" at its first ready answer,
# then asks it what a training run asks and stops it (which is when a JDK 25 writes an AOT cache it was told to).
start_once() {
  local svc=$1 java=$2 extra=$3 app=$BENCH_ROOT/$1/target/quarkus-app port start ready
  port=$(free_port)
  start=$(date +%s%N)
  (
    cd "$app" || exit 1
    # shellcheck disable=SC2086
    exec env $FLYWHEEL_JVM_ENV QUARKUS_HTTP_PORT="$port" \
      QUARKUS_DATASOURCE_REACTIVE_URL="postgresql://127.0.0.1:5432/$BENCH_DB" QUARKUS_REDIS_HOSTS="$BENCH_REDIS" \
      FLYWHEEL_EVENTS_PREFIX="$BENCH_PREFIX" GATEWAY_API_KEYS="$(printf x | sha256sum | cut -d' ' -f1):read" \
      "$java" $extra -jar quarkus-run.jar
  ) > "$work/$svc.log" 2>&1 &
  pid=$!
  until curl -fs -o /dev/null "http://127.0.0.1:$port/q/health/ready"; do
    kill -0 "$pid" 2>/dev/null || { tail -20 "$work/$svc.log" >&2; die "$svc exited"; }
    sleep 0.02
  done
  ready=$(date +%s%N)
  python3 - "$pid" "$(( (ready - start) / 1000000 ))" <<'PY'
import os, sys
pid, wall = sys.argv[1], sys.argv[2]
fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
cpu_ms = (int(fields[11]) + int(fields[12])) * 1000 // os.sysconf("SC_CLK_TCK")
rss = next(int(line.split()[1]) for line in open(f"/proc/{pid}/status") if line.startswith("VmRSS"))
print(wall, cpu_ms, rss // 1024)
PY
  for path in q/health/live q/metrics q/openapi api/agents api/experiments api/verifications api/selftest; do
    curl -s -o /dev/null --max-time 10 -H 'Authorization: Bearer x' "http://127.0.0.1:$port/$path" || true
  done
  kill "$pid"; wait "$pid" 2>/dev/null || true
}

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

for svc in gateway selftest-service variant-service run-service verify-service; do
  app=$BENCH_ROOT/$svc/target/quarkus-app
  train_appcds "$app" || true
  flags17=$(jvm_flags "$app")
  flags25=${flags17//-XX:SharedArchiveFile=$app\/app-cds.jsa/}
  rm -f "$work/$svc.aot"
  start_once "$svc" "$JDK25/bin/java" "$flags25 -XX:AOTCacheOutput=$work/$svc.aot" > /dev/null
  [ -f "$work/$svc.aot" ] || die "the JDK 25 training run of $svc wrote no AOT cache (log: $work/$svc.log)"
  : > "$work/$svc.17"; : > "$work/$svc.25"
  for _ in $(seq "$ROUNDS"); do
    start_once "$svc" java "$flags17" >> "$work/$svc.17"
    start_once "$svc" "$JDK25/bin/java" "$flags25 -XX:AOTCache=$work/$svc.aot" >> "$work/$svc.25"
  done
  for jdk in 17 25; do
    label=$([ "$jdk" = 17 ] && echo "Java 17 + AppCDS" || echo "JDK 25 + AOT cache")
    figure aot-cache "$svc $label: start to first ready (ms)" "$(cut -d' ' -f1 < "$work/$svc.$jdk" | median)" "<= 2000"
    figure aot-cache "$svc $label: CPU until ready (ms)" "$(cut -d' ' -f2 < "$work/$svc.$jdk" | median)" "-"
    figure aot-cache "$svc $label: RSS at ready (MB)" "$(cut -d' ' -f3 < "$work/$svc.$jdk" | median)" "<= 160"
  done
done
