#!/usr/bin/env bash
# Fault: one of two run-service replicas is killed (SIGKILL) while it executes runs of a batch. Every run must
# end exactly once (completed, with one set of stage results and one run.completed event), the dead replica's
# runs being taken over by the survivor once their leases expire (SPEC §5); none may stay running.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
RUNS=48
LEASE_S=5
STREAM=flywheel.stream.run-service

start_postgres
start_redis
llm_port=$(free_port)
start_helper fake-openai python3 "$FAULTS_ROOT/bench/fake_openai.py" "$llm_port" 2000
replica() {
  start_service "$1" run-service RUN_WORKER_LEASE=${LEASE_S}s RUN_WORKER_CONCURRENCY=8 \
    RUN_PROVIDERS_OPENAI_CONCURRENCY=8 RUN_PROVIDERS_OPENAI_BASE_URL="http://127.0.0.1:$llm_port/v1" \
    RUN_PROVIDERS_OPENAI_API_KEY=x
}
replica run-a
replica run-b
wait_ready run-a run-b

experiment=$(experiment run-a)
batch run-a "$experiment" "$RUNS" '{"models":["openai:faults-model"]}' >/dev/null
held_by_a() {
  sql "select count(*) from runs.runs where experiment_id = '$experiment' and status = 'running'
       and lease_owner like 'run-a/%'"
}
a_is_busy() { [ "$(held_by_a)" -ge 4 ]; }
wait_until 60 a_is_busy || abort "replica run-a never held 4 runs at once"
kill_service run-a KILL
killed=$(now_ms)
# Asked after the kill, so a run run-a finished just before it died is not counted as left behind.
orphans=$(sql "select coalesce(string_agg(quote_literal(id::text), ','), 'null') from runs.runs
               where experiment_id = '$experiment' and status = 'running' and lease_owner like 'run-a/%'")
orphan_count=$(sql "select count(*) from runs.runs where id::text in ($orphans)")
expect_ge "runs run-a was executing when it was killed" "$orphan_count" 1

wait_until 90 runs_settled "$experiment" || true
say "batch settled $(( $(now_ms) - killed )) ms after the kill"
expect_eq "runs completed" "$(runs_in "$experiment" completed)" "$RUNS"
expect_eq "runs left running or pending" \
  "$(sql "select count(*) from runs.runs where experiment_id = '$experiment' and status in ('running', 'pending')")" 0
expect_eq "run-a's runs taken over and completed (second claim)" \
  "$(sql "select count(*) from runs.runs where id in ($orphans) and status = 'completed' and attempt = 2")" \
  "$orphan_count"
expect_le "seconds from the kill until they were taken over" \
  "$(sql "select coalesce(ceil(extract(epoch from max(started_at)) - $killed / 1000.0), 999)::int
          from runs.runs where id in ($orphans)")" $(( (LEASE_S + 10) * FAULTS_SLACK ))
expect_eq "stage results per run (runs with exactly one)" \
  "$(sql "select count(*) from (select r.id from runs.runs r join runs.stage_results s on s.run_id = r.id
          where r.experiment_id = '$experiment' group by r.id having count(*) = 1) one")" "$RUNS"

# Every run announces its completion once: distinct run.completed event ids per run on the durable stream
# (the same event relayed twice is allowed, two completions of one run are not).
wait_until 30 outbox_empty runs || true
completions=$(rcli --raw XRANGE "$STREAM" - + | awk 'previous == "envelope" { print } { previous = $0 }' \
  | jq -sc --arg e "$experiment" '[.[] | select(.type == "run.completed" and .data.experiment_id == $e)]
      | group_by(.data.run_id) | map([.[].id] | unique | length)')
expect_eq "runs with a run.completed event" "$(jq length <<<"$completions")" "$RUNS"
expect_eq "runs with more than one distinct run.completed event" "$(jq 'map(select(. > 1)) | length' <<<"$completions")" 0
expect_eq "run-b still ready" "$(ready run-b && echo yes || echo no)" yes
finish
