#!/usr/bin/env bash
# Fault: two replicas each of run-service and selftest-service behind the gateway; a 200-run batch is followed by
# EventSource-like clients on both run-service replicas and through the gateway, and one run-service replica is
# SIGKILLed midway. Every stream must end (until=idle) with every run's final state, the client on the killed
# replica resuming on the other with Last-Event-ID; nothing stays pending or running (SPEC §10, issue 17).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
RUNS=200
LEASE_S=5
API_KEY=faults-$RANDOM$RANDOM

start_postgres
start_redis
llm_port=$(free_port)
start_helper fake-openai python3 "$FAULTS_ROOT/bench/fake_openai.py" "$llm_port" 1000
run_replica() {
  start_service "$1" run-service RUN_WORKER_LEASE=${LEASE_S}s RUN_WORKER_CONCURRENCY=8 RUN_EVENTS_HEARTBEAT=2s \
    RUN_PROVIDERS_OPENAI_CONCURRENCY=8 RUN_PROVIDERS_OPENAI_BASE_URL="http://127.0.0.1:$llm_port/v1" \
    RUN_PROVIDERS_OPENAI_API_KEY=x
}
run_replica run-a
wait_ready run-a   # alone first: it migrates the schema
run_replica run-b
wait_ready run-b
both_runs="$(url run-a),$(url run-b)"
start_service selftest-a selftest-service FLYWHEEL_RUN_URL="$(url run-a)"
start_service selftest-b selftest-service FLYWHEEL_RUN_URL="$(url run-b)"
wait_ready selftest-a selftest-b
key_hash=$(printf %s "$API_KEY" | sha256sum | cut -d' ' -f1)
# The gateway balances a service given several URLs round-robin over the ready ones (SPEC §10).
start_service gateway gateway GATEWAY_API_KEYS="$key_hash:read+write" GATEWAY_CLIENT_REPLICA_CHECK_INTERVAL=1s \
  FLYWHEEL_RUN_URL="$both_runs" FLYWHEEL_SELFTEST_URL="$(url selftest-a),$(url selftest-b)"
wait_ready gateway
gw() { curl -fsS --max-time 30 -H "Authorization: Bearer $API_KEY" -H 'Content-Type: application/json' "$@"; }

experiment=$(gw -X POST "$(url gateway)/api/experiments" --data '{"name":"faults two replicas"}' | jq -r .id)
body=$(jq -nc --argjson n "$RUNS" '{prompts: ["Summarise {{ input }}"], models: ["openai:faults-model"],
  inputs: [range($n) | "item \(.)"], cache: false}')
gw -X POST "$(url gateway)/api/experiments/$experiment/runs:batch" --data "$body" >/dev/null
events="/api/experiments/$experiment/events?until=idle"
follower() {
  local name=$1
  shift
  start_helper "sse-$name" python3 "$FAULTS_ROOT/faults/sse_follow.py" "$FAULTS_WORK/$name.json" "$@"
  FOLLOWERS+=("$!")
}
FOLLOWERS=()
follower on-a "$(url run-a)$events" "$(url run-b)$events"
follower on-b "$(url run-b)$events" "$(url run-a)$events"
# Through the gateway, reconnecting through it too (it sends the client to a replica that is ready).
SSE_AUTHORIZATION="Bearer $API_KEY" follower via-gateway "$(url gateway)$events"

half_done() { [ "$(runs_in "$experiment" completed)" -ge $(( RUNS / 3 )) ]; }
wait_until 120 half_done || abort "a third of the batch never completed"
held_by_a=$(sql "select count(*) from runs.runs where experiment_id = '$experiment' and status = 'running'
                 and lease_owner like 'run-a/%'")
kill_service run-a KILL
killed=$(now_ms)
say "run-a killed holding $held_by_a runs"
expect_ge "runs run-a was executing when it was killed" "$held_by_a" 1

wait_until 180 runs_settled "$experiment" || true
say "batch settled $(( $(now_ms) - killed )) ms after the kill"
for pid in "${FOLLOWERS[@]}"; do
  wait_until 60 process_gone "$pid" || fail "an SSE client still open a minute after the batch settled" "pid $pid"
done
expect_eq "runs left pending or running" \
  "$(sql "select count(*) from runs.runs where experiment_id = '$experiment' and status in ('pending', 'running')")" 0
truth=$(sql "select coalesce(json_object_agg(id, status), '{}') from runs.runs where experiment_id = '$experiment'")
for name in on-a on-b via-gateway; do
  result=$FAULTS_WORK/$name.json
  [ -f "$result" ] || { fail "client $name wrote its result" "missing"; continue; }
  expect_eq "client $name: stopped by a 204 after the stream's end (until=idle)" "$(jq .ended "$result")" true
  expect_eq "client $name: runs it knows" "$(jq '.statuses | length' "$result")" "$RUNS"
  expect_eq "client $name: runs whose final state differs from the database" \
    "$(jq --argjson truth "$truth" '[.statuses | to_entries[] | select($truth[.key] != .value)] | length' "$result")" 0
  expect_eq "client $name: final counts" "$(jq -c '.counts | [.pending, .running]' "$result")" "[0,0]"
  expect_eq "client $name: snapshots (one; a resume sends none)" "$(jq .snapshots "$result")" 1
done
expect_ge "client on-a: connections (run-a until the kill, then run-b with Last-Event-ID, then the 204)" \
  "$(jq .opens "$FAULTS_WORK/on-a.json")" 3
expect_eq "client on-b: connections (run-b's stream to its end, then the 204 from run-a's address or run-b)" \
  "$(jq .opens "$FAULTS_WORK/on-b.json")" 2
expect_eq "run-b still ready" "$(ready run-b && echo yes || echo no)" yes
finish
