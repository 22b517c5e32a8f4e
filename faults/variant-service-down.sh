#!/usr/bin/env bash
# Fault: variant-service is down while runs execute. Runs linked to an agent need its config (SPEC §5) and must
# fail promptly with an error naming variant-service; runs not linked to an agent must not notice.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
RUNS=10

start_postgres
start_redis
start_service variant-service variant-service
start_service run-service run-service
wait_ready variant-service run-service
RUN=$(url run-service)

agent=$(agent_with_active_variant echo:faults-variant)
before=$(experiment run-service)
batch run-service "$before" 1 "{\"agent_id\":\"$agent\"}" >/dev/null
wait_until 60 runs_settled "$before" || true
expect_eq "with variant-service up, an agent-linked run completes" "$(runs_in "$before" completed)" 1

kill_service variant-service KILL
say "variant-service killed; submitting $RUNS agent-linked and $RUNS plain runs"
linked=$(experiment run-service)
plain=$(experiment run-service)
submitted=$(now_ms)
batch run-service "$linked" "$RUNS" "{\"agent_id\":\"$agent\"}" >/dev/null
batch run-service "$plain" "$RUNS" '{"models":["echo:any"]}' >/dev/null
both_settled() { runs_settled "$linked" && runs_settled "$plain"; }
wait_until 90 both_settled || true
settled_ms=$(( $(now_ms) - submitted ))

expect_eq "agent-linked runs failed" "$(runs_in "$linked" failed)" "$RUNS"
expect_eq "... with an error naming variant-service" \
  "$(sql "select count(*) from runs.runs where experiment_id = '$linked' and error like '%variant-service%'")" "$RUNS"
say "their error: $(sql "select error from runs.runs where experiment_id = '$linked' limit 1")"
expect_eq "runs not linked to an agent completed" "$(runs_in "$plain" completed)" "$RUNS"
expect_eq "... each with its stage result" \
  "$(sql "select count(*) from runs.stage_results s join runs.runs r on r.id = s.run_id where r.experiment_id = '$plain'")" \
  "$RUNS"
expect_le "every run settled within (ms)" "$settled_ms" 30000
failed_one=$(sql "select id from runs.runs where experiment_id = '$linked' limit 1")
expect_eq "the API shows the failure and its error" \
  "$(call GET "$RUN/api/runs/$failed_one" | jq -r '.status + " " + (.error | test("variant-service") | tostring)')" \
  "failed true"
expect_eq "run-service still ready" "$(ready run-service && echo yes || echo no)" yes
finish
