#!/usr/bin/env bash
# Benchmark 4: 1,000 verifications with a 2 s warmup submitted at once (wrk over 32 keep-alive connections,
# bench/verify-submit.lua); all must be done within 1.5x the warmup (3 s) of the first submission. The warmup is a
# non-blocking timer, so they wait side by side. A verify-service of its own (this tree's build, or BENCH_APP's) runs
# on a free port against the benchmark's database, Redis db and event prefix (BENCH_DATABASE, BENCH_REDIS_DB,
# BENCH_EVENTS_PREFIX, as run-throughput.sh), so the suite's ports and data are left alone. A first, unmeasured batch
# of the same size (warmup 0) warms the JIT and the pools. Completion is watched in the service's own table, so
# watching does not load the service under test; CPU and SQL statements of the measured batch are reported per
# verification. BENCH_JFR=1 also records a JFR profile of the measured batch and prints its hottest frames.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
need_tool wrk
COUNT=${BENCH_COUNT:-1000}
WARMUP=${BENCH_WARMUP:-2}
CONNECTIONS=${BENCH_CONNECTIONS:-32}
APP=${BENCH_APP:-$BENCH_ROOT/verify-service/target/quarkus-app}
[ -n "${BENCH_APP:-}" ] || train_appcds "$APP" || true
ensure_postgres
ensure_redis
ensure_database "$BENCH_DB"
work=$(mktemp -d)
trap 'kill ${wrk_pid:-} ${SVC_PID:-} 2>/dev/null || true' EXIT
jfr_setup "$work"
start_verify_service "$APP" "$work/verify-service.log" "$JFR_FLAGS"


# Submits COUNT verifications with the given warmup under incident ids bench-<stamp>-..., and waits until all are
# done (at most 120 s past the warmup); wrk is stopped as soon as all are accepted.
batch() {
  local stamp=$1 warmup=$2 mine="incident_id like 'bench-$1-%'" deadline accepted=0
  count() { bench_sql "select count(*) from verify.verifications where $mine ${1:-}"; }
  wrk_script_bg verify-submit.lua -c"$CONNECTIONS" -d300s --timeout 60s "$VERIFY" -- "$COUNT" "$warmup" "$stamp" > /dev/null
  wrk_pid=$WRK_PID
  deadline=$(( $(date +%s) + 120 + warmup ))
  until [ "$accepted" -ge "$COUNT" ] && [ "$(count "and status = 'done'")" -ge "$COUNT" ]; do
    [ "$accepted" -ge "$COUNT" ] || accepted=$(count)
    if [ "$accepted" -ge "$COUNT" ]; then
      kill $wrk_pid 2>/dev/null || true
    else
      kill -0 $wrk_pid 2>/dev/null || [ "$(count)" -ge "$COUNT" ] || die "wrk stopped before every verification was accepted"
    fi
    [ "$(date +%s)" -lt "$deadline" ] || break
    sleep 0.1
  done
  kill $wrk_pid 2>/dev/null || true
  wait $wrk_pid 2>/dev/null || true
}

batch "warm-$(date +%s%N)" 0

stamp=$(date +%s%N)
mine="incident_id like 'bench-$stamp-%'"
if [ "${BENCH_JFR:-0}" = 1 ]; then
  jcmd $SVC_PID JFR.start name=bench settings="$JFR_SETTINGS" > /dev/null
fi
statements_before=$(pg_statements "$VERIFY")
cpu_before=$(cpu_ticks all) app_before=$(cpu_ticks app)
start_ms=$(( $(date +%s%N) / 1000000 ))
batch "$stamp" "$WARMUP"
# The completions' events are part of their cost: let the outbox relay drain before reading the CPU clock.
for _ in $(seq 1 50); do [ "$(bench_sql "select count(*) from verify.outbox")" = 0 ] && break; sleep 0.1; done
cpu_after=$(cpu_ticks all) app_after=$(cpu_ticks app)
statements_after=$(pg_statements "$VERIFY")
if [ "${BENCH_JFR:-0}" = 1 ]; then
  jfr_file=$RESULTS/verify-fanout-$(date -u +%Y%m%dT%H%M%S).jfr
  jcmd $SVC_PID JFR.stop name=bench filename="$jfr_file" > /dev/null
fi

accepted=$(bench_sql "select count(*) from verify.verifications where $mine")
done_count=$(bench_sql "select count(*) from verify.verifications where $mine and status = 'done'")
epoch_ms() { bench_sql "select (extract(epoch from max($1)) * 1000)::bigint from verify.verifications where $mine"; }
submitted_ms=$(epoch_ms created_at)
last_ms=$(epoch_ms completed_at)
ticks=$(getconf CLK_TCK)
per() { python3 -c "print(round(($1) / $COUNT, ${2:-2}))"; }

figure verify-fanout "verifications accepted" "$accepted" "$COUNT"
figure verify-fanout "verifications done" "$done_count" "$COUNT"
figure verify-fanout "$COUNT submitted (s)" "$(python3 -c "print(round(($submitted_ms-$start_ms)/1000,2))")" "reference"
figure verify-fanout "$COUNT done, ${WARMUP}s warmup (s)" "$(python3 -c "print(round(($last_ms-$start_ms)/1000,2))")" \
  "<= $(python3 -c "print($WARMUP*1.5)")"
figure verify-fanout "CPU per verification (ms)" "$(per "($cpu_after-$cpu_before)*1000/$ticks")" "reported"
figure verify-fanout "CPU per verification without JIT (ms)" "$(per "($app_after-$app_before)*1000/$ticks")" "reported"
figure verify-fanout "SQL statements per verification" "$(per "$statements_after-$statements_before" 3)" "reported"
if [ -n "${jfr_file:-}" ]; then
  echo "JFR profile of the measured batch: $jfr_file"
  python3 "$BENCH_ROOT/bench/jfr_top.py" "$jfr_file"
fi
