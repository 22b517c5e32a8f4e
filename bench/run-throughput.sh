#!/usr/bin/env bash
# Benchmark 2: 500 single-stage runs through runs:batch against a local OpenAI-compatible server that answers
# after 50 ms, worker concurrency 32, every run persisted with its stage and score. A run-service of its own
# (database flywheel_bench, Redis db 3) does the work so the suite's replica does not share it.
# Target: all 500 completed within 1.5x the floor (500 / 32 x 50 ms = 0.78 s), i.e. <= 1.2 s; CPU per run reported.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
RUNS=${BENCH_RUNS:-500}
CONCURRENCY=${BENCH_CONCURRENCY:-32}
DELAY_MS=${BENCH_DELAY_MS:-50}
ensure_postgres
ensure_redis
ensure_database flywheel_bench
work=$(mktemp -d)
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

fake_port=$(free_port)
python3 "$BENCH_ROOT/bench/fake_openai.py" "$fake_port" "$DELAY_MS" &
fake_pid=$!
port=$(free_port)
QUARKUS_HTTP_PORT=$port \
QUARKUS_DATASOURCE_REACTIVE_URL=postgresql://127.0.0.1:5432/flywheel_bench \
QUARKUS_REDIS_HOSTS=redis://127.0.0.1:6379/3 \
RUN_WORKER_CONCURRENCY=$CONCURRENCY RUN_WORKER_PROVIDER_CONCURRENCY=$CONCURRENCY \
RUN_PROVIDERS_OPENAI_CONCURRENCY=$CONCURRENCY \
RUN_PROVIDERS_OPENAI_BASE_URL=http://127.0.0.1:$fake_port/v1 RUN_PROVIDERS_OPENAI_API_KEY=bench \
  java -XX:+UseParallelGC -Xmx512m -jar "$BENCH_ROOT/run-service/target/quarkus-app/quarkus-run.jar" \
  > "$work/run-service.log" 2>&1 &
svc_pid=$!
trap 'kill $svc_pid $fake_pid 2>/dev/null || true' EXIT
RUN=http://127.0.0.1:$port
until curl -fs -o /dev/null "$RUN/q/health/ready"; do
  kill -0 $svc_pid 2>/dev/null || { tail -30 "$work/run-service.log"; die "run-service did not start"; }
  sleep 0.2
done

post() { curl -fsS -X POST -H 'Content-Type: application/json' --data "$2" "$RUN$1"; }
inputs=$(python3 -c "import json; print(json.dumps([f'item {i}' for i in range($RUNS)]))")

# Warm-up batch so JIT and pools are not part of the figure.
warm=$(post /api/experiments '{"name":"bench warm-up"}' | json_field "['id']")
post "/api/experiments/$warm/runs:batch" "{\"prompts\":[\"Say {{ input }}\"],\"models\":[\"openai:bench\"],\"inputs\":$(python3 -c "import json; print(json.dumps([f'w{i}' for i in range(64)]))"),\"cache\":false}" > /dev/null
until [ "$(curl -fs "$RUN/api/runs?experiment_id=$warm&status=completed&limit=500" | json_field "['items'].__len__()")" -ge 64 ]; do sleep 0.2; done

experiment=$(post /api/experiments '{"name":"bench throughput"}' | json_field "['id']")
cpu_before=$(awk '{print $14+$15}' "/proc/$svc_pid/stat")
start=$(date +%s%N)
post "/api/experiments/$experiment/runs:batch" \
  "{\"prompts\":[\"Say {{ input }}\"],\"models\":[\"openai:bench\"],\"inputs\":$inputs,\"cache\":false,\"scorers\":[{\"type\":\"length\",\"min\":1}]}" > /dev/null
while :; do
  done_count=$(curl -fs "$RUN/api/runs?experiment_id=$experiment&status=completed&limit=500" | json_field "['items'].__len__()")
  [ "$done_count" -ge "$RUNS" ] && break
  sleep 0.02
done
elapsed_ms=$(( ($(date +%s%N) - start) / 1000000 ))
cpu_after=$(awk '{print $14+$15}' "/proc/$svc_pid/stat")
ticks=$(getconf CLK_TCK)
cpu_ms_per_run=$(python3 -c "print(round(($cpu_after-$cpu_before)*1000/$ticks/$RUNS, 2))")
stored=$(psql -h 127.0.0.1 -U postgres -d flywheel_bench -tAc "select count(*) from runs.runs r join runs.stage_results s on s.run_id = r.id join runs.scores c on c.run_id = r.id where r.experiment_id = '$experiment' and r.status = 'completed'")

floor_ms=$(( RUNS * DELAY_MS / CONCURRENCY ))
figure run-throughput "runs completed" "$done_count" "$RUNS"
figure run-throughput "runs persisted with stage and score" "$stored" "$RUNS"
figure run-throughput "submit to last completion (ms)" "$elapsed_ms" "<= 1200 (floor $floor_ms)"
figure run-throughput "ratio to floor" "$(python3 -c "print(round($elapsed_ms/$floor_ms,2))")" "<= 1.5"
figure run-throughput "CPU per run (ms)" "$cpu_ms_per_run" "reported"
