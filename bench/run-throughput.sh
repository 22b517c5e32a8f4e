#!/usr/bin/env bash
# Benchmark 2: 500 single-stage runs through runs:batch against a local OpenAI-compatible server that answers
# after 50 ms, worker concurrency 32, every run persisted with its stage and score. A run-service of its own
# (database flywheel_bench, Redis db 14, event prefix flywheel-bench; BENCH_DATABASE, BENCH_REDIS_DB and
# BENCH_EVENTS_PREFIX choose others when several benches share the machine) does the work so the suite's replica
# does not share it or hear its events.
# Target: all 500 completed within 1.5x the floor (500 / 32 x 50 ms = 0.78 s), i.e. <= 1.2 s; CPU per run reported.
# Completion is watched in the database (a count every 100 ms) and timed from the runs' stored completed_at, so
# watching costs the service nothing. BENCH_JFR=1 also records a JFR profile of the measured batch alone and
# prints its hottest frames (bench/jfr_top.py).
# The fake server is asyncio since issue 21's second round: the threaded one it replaced answered 32 connections at
# about 280 requests a second (92 ms median for a 50 ms delay), so earlier figures partly measured the fake.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
RUNS=${BENCH_RUNS:-500}
CONCURRENCY=${BENCH_CONCURRENCY:-32}
DELAY_MS=${BENCH_DELAY_MS:-50}
# JFR showed the JIT compiler threads using about as much CPU as the event loop after a 64-run warm-up:
# warming up with a batch as large as the measured one keeps compilation out of the figure.
WARMUP=${BENCH_WARMUP:-$RUNS}
# Another build of run-service to measure (e.g. a baseline, with the archive it has), instead of this tree's
# (with a trained AppCDS archive, as up.sh runs it).
APP=${BENCH_APP:-$BENCH_ROOT/run-service/target/quarkus-app}
[ -n "${BENCH_APP:-}" ] || train_appcds "$APP" || true
ensure_postgres
ensure_redis
ensure_database "$BENCH_DB"
work=$(mktemp -d)

# Runs of an experiment that have reached a final status.
finished() { bench_sql "select count(*) from runs.runs where experiment_id = '$1' and status in ('completed', 'failed', 'cancelled')"; }
wait_finished() {
  local experiment=$1 count=$2 deadline=$((SECONDS + 120))
  until [ "$(finished "$experiment")" -ge "$count" ]; do
    [ $SECONDS -lt $deadline ] || die "only $(finished "$experiment") of $count runs finished within 120 s"
    sleep 0.1
  done
}

trap 'kill ${SVC_PID:-} ${FAKE_PID:-} 2>/dev/null || true' EXIT
start_fake_openai "$DELAY_MS"
jfr_setup "$work"
start_run_service "$APP" "$BENCH_DB" "$BENCH_REDIS" "$BENCH_PREFIX" "$work/run-service.log" "$JFR_FLAGS"

post() { curl -fsS -X POST -H 'Content-Type: application/json' --data "$2" "$RUN$1"; }
inputs=$(python3 -c "import json; print(json.dumps([f'item {i}' for i in range($RUNS)]))")

# Warm-up batch so JIT and pools are not part of the figure; BENCH_WARMUP=0 measures the first batch after start.
if [ "$WARMUP" -gt 0 ]; then
  warm=$(post /api/experiments '{"name":"bench warm-up"}' | json_field "['id']")
  post "/api/experiments/$warm/runs:batch" "{\"prompts\":[\"Say {{ input }}\"],\"models\":[\"openai:bench\"],\"inputs\":$(python3 -c "import json; print(json.dumps([f'w{i}' for i in range($WARMUP)]))"),\"cache\":false}" > /dev/null
  wait_finished "$warm" "$WARMUP"
fi

experiment=$(post /api/experiments '{"name":"bench throughput"}' | json_field "['id']")
if [ "${BENCH_JFR:-0}" = 1 ]; then
  jcmd $SVC_PID JFR.start name=bench settings="$JFR_SETTINGS" > /dev/null
fi
statements_before=$(pg_statements "$RUN")
cpu_before=$(cpu_ticks all) app_before=$(cpu_ticks app)
start_ms=$(( $(date +%s%N) / 1000000 ))
post "/api/experiments/$experiment/runs:batch" \
  "{\"prompts\":[\"Say {{ input }}\"],\"models\":[\"openai:bench\"],\"inputs\":$inputs,\"cache\":false,\"scorers\":[{\"type\":\"length\",\"min\":1}]}" > /dev/null
wait_finished "$experiment" "$RUNS"
# The runs' events are part of their cost: let the outbox relay drain before reading the CPU clock.
for _ in $(seq 1 50); do [ "$(bench_sql "select count(*) from runs.outbox")" = 0 ] && break; sleep 0.1; done
cpu_after=$(cpu_ticks all) app_after=$(cpu_ticks app)
if [ "${BENCH_JFR:-0}" = 1 ]; then
  jfr_file=$RESULTS/run-throughput-$(date -u +%Y%m%dT%H%M%S).jfr
  jcmd $SVC_PID JFR.stop name=bench filename="$jfr_file" > /dev/null
fi
statements_per_run=$(python3 -c "print(round(($(pg_statements "$RUN") - $statements_before) / $RUNS, 1))")
done_count=$(bench_sql "select count(*) from runs.runs where experiment_id = '$experiment' and status = 'completed'")
elapsed_ms=$(bench_sql "select round(extract(epoch from max(completed_at)) * 1000 - $start_ms) from runs.runs where experiment_id = '$experiment'")
ticks=$(getconf CLK_TCK)
cpu_ms_per_run=$(python3 -c "print(round(($cpu_after-$cpu_before)*1000/$ticks/$RUNS, 2))")
app_ms_per_run=$(python3 -c "print(round(($app_after-$app_before)*1000/$ticks/$RUNS, 2))")
stored=$(bench_sql "select count(*) from runs.runs r join runs.stage_results s on s.run_id = r.id join runs.scores c on c.run_id = r.id where r.experiment_id = '$experiment' and r.status = 'completed'")

floor_ms=$(( RUNS * DELAY_MS / CONCURRENCY ))
figure run-throughput "runs completed" "$done_count" "$RUNS"
figure run-throughput "runs persisted with stage and score" "$stored" "$RUNS"
figure run-throughput "submit to last completion (ms)" "$elapsed_ms" "<= 1200 (floor $floor_ms)"
figure run-throughput "ratio to floor" "$(python3 -c "print(round($elapsed_ms/$floor_ms,2))")" "<= 1.5"
figure run-throughput "CPU per run (ms)" "$cpu_ms_per_run" "reported"
figure run-throughput "CPU per run without JIT compilation (ms)" "$app_ms_per_run" "reported"
figure run-throughput "SQL statements per run" "$statements_per_run" "reported"
if [ -n "${jfr_file:-}" ]; then
  echo "JFR profile of the measured batch: $jfr_file"
  python3 "$BENCH_ROOT/bench/jfr_top.py" "$jfr_file"
fi
