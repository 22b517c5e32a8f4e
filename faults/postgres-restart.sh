#!/usr/bin/env bash
# Fault: Postgres goes away for a few seconds and comes back while agents and runs are being created. The
# services must report not-ready while it is gone, become ready again by themselves, and lose nothing they
# accepted: every 2xx answer's agent or run is in the database afterwards, and every accepted run completes.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
DOWN_S=6
LOAD_AFTER_S=5

start_postgres
start_redis
start_service variant-service variant-service
# A slow model keeps runs in flight when Postgres goes: their writes fail, and they must still complete.
llm_port=$(free_port)
start_helper fake-openai python3 "$FAULTS_ROOT/bench/fake_openai.py" "$llm_port" 1000
start_service run-service run-service RUN_WORKER_LEASE=5s RUN_WORKER_CONCURRENCY=16 \
  RUN_PROVIDERS_OPENAI_CONCURRENCY=16 RUN_PROVIDERS_OPENAI_BASE_URL="http://127.0.0.1:$llm_port/v1" \
  RUN_PROVIDERS_OPENAI_API_KEY=x
wait_ready variant-service run-service
experiment=$(experiment run-service)

accepted=$FAULTS_WORK/accepted.tsv
stop=$FAULTS_WORK/stop-load
start_helper load python3 "$FAULTS_ROOT/faults/load.py" "$accepted" "$stop" \
  "$(url variant-service)/api/agents={\"name\":\"faults agent @N@\",\"model_name\":\"m\"}" \
  "$(url run-service)/api/experiments/$experiment/runs={\"prompt\":\"hello @N@\",\"model\":\"openai:faults-model\",\"cache\":false}"
load_pid=${FAULTS_PIDS[-1]}
accepted_count() { [ -f "$accepted" ] && wc -l <"$accepted" || echo 0; }
some_accepted() { [ "$(accepted_count)" -ge "$1" ]; }
wait_until 30 some_accepted 20 || abort "the load did not get going"

before=$(accepted_count)
postgres_down
stopped=$(now_ms)
say "Postgres stopped under load ($before requests accepted so far)"
wait_until 30 not_ready variant-service && went=yes || went=no
expect_eq "variant-service turned not ready" "$went" yes
wait_until 30 not_ready run-service && went=yes || went=no
expect_eq "run-service turned not ready" "$went" yes
expect_eq "run-service liveness with Postgres down" \
  "$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$(url run-service)/q/health/live")" 200

sleep_until_elapsed "$stopped" "$DOWN_S"
postgres_up
started=$(now_ms)
say "Postgres started again after $(( (started - stopped) / 1000 )) s"
for service in variant-service run-service; do
  wait_until 60 ready "$service" || true
  recovered_ms=$(( $(now_ms) - started ))
  expect_eq "$service ready again by itself" "$(ready "$service" && echo yes || echo no)" yes
  say "$service ready $recovered_ms ms after Postgres came back"
done

after_restart=$(accepted_count)
wait_until $((LOAD_AFTER_S + 30)) some_accepted $((after_restart + 20)) || true
sleep "$LOAD_AFTER_S"
touch "$stop"
wait_until 30 process_gone "$load_pid" || abort "the load did not stop"
expect_ge "requests accepted after the restart" $(( $(accepted_count) - after_restart )) 20
say "load: $(cat "$FAULTS_WORK/load.log")"

in_list() { grep -F "$1" "$accepted" | cut -f2 | sed "s/.*/'&'/" | paste -sd, -; }
agents=$(in_list /api/agents)
runs=$(in_list /runs)
agent_count=$(tr ',' '\n' <<<"$agents" | grep -c . || true)
run_count=$(tr ',' '\n' <<<"$runs" | grep -c . || true)
expect_eq "accepted agents stored" "$(sql "select count(*) from variants.agents where id::text in ($agents)")" "$agent_count"
expect_eq "accepted runs stored" "$(sql "select count(*) from runs.runs where id::text in ($runs)")" "$run_count"
wait_until 90 runs_settled "$experiment" || true
expect_eq "accepted runs completed" \
  "$(sql "select count(*) from runs.runs where id::text in ($runs) and status = 'completed'")" "$run_count"
expect_eq "... each with its stage result" \
  "$(sql "select count(*) from runs.stage_results where run_id::text in ($runs)")" "$run_count"
say "accepted runs claimed more than once (in flight when Postgres went): $(sql "select count(*) from runs.runs
  where id::text in ($runs) and attempt > 1")"
finish
