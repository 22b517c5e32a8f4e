#!/usr/bin/env bash
# Fault: Redis is down for 30 s while 100 agent-linked runs complete. No run may fail because of it, their
# run.completed events must wait in run-service's outbox (SPEC §2), and once Redis is back every one of them
# must reach variant-service's performance log exactly once, also when the relay delivers some of them twice
# (delivery is at least once; the ingestor de-duplicates by event id).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
RUNS=100
OUTAGE_S=30
REPLAYED=10
STREAM=flywheel.stream.run-service
GROUP=variant-service

start_postgres
start_redis
llm_port=$(free_port)
start_helper fake-openai python3 "$FAULTS_ROOT/bench/fake_openai.py" "$llm_port" 200
start_service variant-service variant-service
start_service run-service run-service RUN_WORKER_CONCURRENCY=16 RUN_PROVIDERS_OPENAI_CONCURRENCY=16 \
  RUN_PROVIDERS_OPENAI_BASE_URL="http://127.0.0.1:$llm_port/v1" RUN_PROVIDERS_OPENAI_API_KEY=x
wait_ready variant-service run-service
VARIANT=$(url variant-service)

agent=$(agent_with_active_variant openai:faults-model)
variant=$(call GET "$VARIANT/api/agents/$agent/resolved-config" | jq -r .variant_id)

# Rows of the performance log for the experiment's runs: "<rows> <distinct runs>".
logged() {
  sql "select count(*) || ' ' || count(distinct p.run_id) from variants.agent_performance_log p
       join runs.runs r on r.id = p.run_id where r.experiment_id = '$1'"
}
logged_all() { [ "$(logged "$1")" = "$2 $2" ]; }

warm=$(experiment run-service)
agent_runs run-service "$warm" 1 "$agent" >/dev/null
wait_until 60 logged_all "$warm" 1 || abort "with Redis up, a completed run did not reach the performance log"

redis_down
outage=$(now_ms)
say "Redis stopped; submitting $RUNS agent-linked runs"
experiment=$(experiment run-service)
agent_runs run-service "$experiment" "$RUNS" "$agent" >/dev/null
wait_until 60 runs_settled "$experiment" || true
expect_eq "runs completed while Redis is down" "$(runs_in "$experiment" completed)" "$RUNS"
expect_eq "... all on the agent's active variant" \
  "$(sql "select count(*) from runs.runs where experiment_id = '$experiment' and variant_id = '$variant'")" "$RUNS"
expect_eq "run.completed events waiting in the outbox" \
  "$(sql "select count(*) from runs.outbox where event_type = 'run.completed'")" "$RUNS"
expect_eq "performance rows recorded during the outage" "$(logged "$experiment")" "0 0"
expect_eq "run-service liveness during the outage" \
  "$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$(url run-service)/q/health/live")" 200

sleep_until_elapsed "$outage" "$OUTAGE_S"
redis_up
back=$(now_ms)
say "Redis back after $(( (back - outage) / 1000 )) s"
wait_until 90 logged_all "$experiment" "$RUNS" || true
expect_eq "performance rows / distinct runs once Redis is back" "$(logged "$experiment")" "$RUNS $RUNS"
say "all recorded $(( $(now_ms) - back )) ms after Redis came back"

# A relay that dies between XADD and deleting its rows sends those events again: replay some and wait until
# the consumer group has read and acknowledged them; the log must not change and nothing may be dead-lettered.
group_read() { rcli XINFO GROUPS "$STREAM" | awk 'previous == "entries-read" { print } { previous = $0 }'; }
read_before=$(group_read)
rcli --raw XRANGE "$STREAM" - + | awk 'previous == "envelope" { print } { previous = $0 }' \
  | jq -c --slurp --argjson n "$REPLAYED" '[.[] | select(.type == "run.completed")][:$n][]' \
  | while IFS= read -r envelope; do
  rcli XADD "$STREAM" '*' type run.completed envelope "$envelope" >/dev/null
done
replay_handled() {
  [ "$(group_read)" -ge $((read_before + REPLAYED)) ] && [ "$(rcli XPENDING "$STREAM" "$GROUP" | head -1)" = 0 ]
}
wait_until 60 replay_handled || true
expect_eq "redelivered events read and acknowledged" "$(( $(group_read) - read_before ))" "$REPLAYED"
expect_eq "performance rows / distinct runs after $REPLAYED redelivered events" "$(logged "$experiment")" "$RUNS $RUNS"
expect_eq "events dead-lettered" "$(rcli XLEN "flywheel.deadletter.$GROUP")" 0
expect_eq "the variant's metrics count every run once" \
  "$(call GET "$VARIANT/api/agents/$agent/variants/$variant/metrics" | jq -r .runs)" $((RUNS + 1))
finish
