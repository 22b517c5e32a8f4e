#!/usr/bin/env bash
# Side-by-side start-up of two builds of the services, e.g. before and after a Quarkus upgrade (issue 14):
#   BENCH_BASELINE=/path/to/other/checkout bench/platform-compare.sh
# Both checkouts must be packaged (./mvnw package -DskipTests). Each service of each build is started
# BENCH_ROUNDS times, alternating builds so that both see the same machine load, each with its own
# deploy/jvm.flags (this one's when the other has none) and its own AppCDS archive (this build's trained first,
# as up.sh does: train_appcds), against the flywheel_bench database and Redis db 14 (BENCH_DATABASE,
# BENCH_REDIS_DB and BENCH_EVENTS_PREFIX change them).
# Per start: wall time to the first ready answer, CPU time the JVM used until then (user + system; much less
# sensitive to other load on the machine than wall time) and RSS at that moment. Medians are printed and
# appended to bench/results/platform-compare.tsv. Needs no running suite. BENCH_SERVICES picks some of the five.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
BASELINE=${BENCH_BASELINE:?set BENCH_BASELINE to the checkout to compare with}
ROUNDS=${BENCH_ROUNDS:-5}
SERVICES=(${BENCH_SERVICES:-gateway selftest-service variant-service run-service verify-service})
ensure_database "$BENCH_DB"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
ticks=$(getconf CLK_TCK)

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2)}'; }

# Each build starts with its own deploy/jvm.flags, so that a change of flags is part of the comparison.
flags_dir() { if [ -f "$1/deploy/jvm.flags" ]; then echo "$1/deploy"; else echo "$BENCH_ROOT/deploy"; fi; }

# Prints "<wall ms> <cpu ms> <rss MB>" for one start of $2's service $1.
one_start() {
  local svc=$1 root=$2 port pid start wall cpu rss
  port=$(free_port)
  start=$(date +%s%N)
  QUARKUS_HTTP_PORT=$port GATEWAY_API_KEYS="$(printf x | sha256sum | cut -d' ' -f1):read" \
    QUARKUS_DATASOURCE_REACTIVE_URL=postgresql://127.0.0.1:5432/$BENCH_DB \
    QUARKUS_REDIS_HOSTS=$BENCH_REDIS FLYWHEEL_EVENTS_PREFIX=$BENCH_PREFIX \
    FLYWHEEL_DEPLOY_DIR=$(flags_dir "$root") service_java "$root/$svc/target/quarkus-app" > "$work/$svc.log" 2>&1 &
  pid=$!
  until curl -fs -o /dev/null "http://127.0.0.1:$port/q/health/ready"; do
    kill -0 "$pid" 2>/dev/null || { tail -20 "$work/$svc.log" >&2; die "$svc of $root exited"; }
    sleep 0.02
  done
  wall=$(( ($(date +%s%N) - start) / 1000000 ))
  cpu=$(awk -v t="$ticks" '{print int(($14 + $15) * 1000 / t)}' "/proc/$pid/stat")
  rss=$(awk '/VmRSS/{print int($2 / 1024)}' "/proc/$pid/status")
  kill "$pid"; wait "$pid" 2>/dev/null || true
  echo "$wall $cpu $rss"
}

for svc in "${SERVICES[@]}"; do
  GATEWAY_API_KEYS="$(printf x | sha256sum | cut -d' ' -f1):read" train_appcds "$BENCH_ROOT/$svc/target/quarkus-app" || true
done
printf 'load average at start: %s\n' "$(cut -d' ' -f1-3 /proc/loadavg)"
for svc in "${SERVICES[@]}"; do
  : > "$work/base"; : > "$work/this"
  for _ in $(seq 1 "$ROUNDS"); do
    one_start "$svc" "$BASELINE" >> "$work/base"
    one_start "$svc" "$BENCH_ROOT" >> "$work/this"
  done
  for build in base this; do
    label=$([ "$build" = base ] && echo baseline || echo this)
    figure platform-compare "$svc $label start wall (ms)" "$(cut -d' ' -f1 "$work/$build" | median)" "<= 2000"
    figure platform-compare "$svc $label start CPU (ms)" "$(cut -d' ' -f2 "$work/$build" | median)" "reported"
    figure platform-compare "$svc $label RSS at ready (MB)" "$(cut -d' ' -f3 "$work/$build" | median)" "reported"
  done
done
printf 'load average at end: %s\n' "$(cut -d' ' -f1-3 /proc/loadavg)"
