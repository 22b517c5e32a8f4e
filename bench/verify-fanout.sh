#!/usr/bin/env bash
# Benchmark 4: 1,000 verifications with a 2 s warmup submitted at once to the suite's verify-service (wrk over
# 32 keep-alive connections, bench/verify-submit.lua); all must be done within 1.5x the warmup (3 s) of the first
# submission. The warmup is a non-blocking timer, so they wait side by side. Completion times are read from
# verify-service's own table, so polling does not load the service under test. Only verify-service and its database
# are needed: FLYWHEEL_VERIFY_URL and FLYWHEEL_DB point at another one than the suite's (a jar started alone).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
need_tool wrk
COUNT=${BENCH_COUNT:-1000}
WARMUP=${BENCH_WARMUP:-2}
CONNECTIONS=${BENCH_CONNECTIONS:-32}
VERIFY=${FLYWHEEL_VERIFY_URL:-http://127.0.0.1:8084}
DB=${FLYWHEEL_DB:-flywheel}
curl -fs -o /dev/null "$VERIFY/q/health/ready" || die "verify-service is not ready at $VERIFY: start the suite with deploy/local/up.sh"
stamp=$(date +%s%N)
sql() { psql -h 127.0.0.1 -U postgres -d "$DB" -tAc "$1"; }
mine="incident_id like 'bench-$stamp-%'"

start_ms=$(( $(date +%s%N) / 1000000 ))
# wrk runs for its whole -d even after every thread has sent its quota: it is stopped once all are accepted.
wrk_script verify-submit.lua -c"$CONNECTIONS" -d300s --timeout 60s "$VERIFY" -- "$COUNT" "$WARMUP" "$stamp" > /dev/null &
wrk_pid=$!
trap 'kill $wrk_pid 2>/dev/null || true' EXIT
count() { sql "select count(*) from verify.verifications where $mine ${1:-}"; }
deadline=$(( $(date +%s) + 120 + WARMUP ))
until [ "$(count)" -ge "$COUNT" ] && [ "$(count "and status = 'done'")" -ge "$COUNT" ]; do
  kill -0 $wrk_pid 2>/dev/null || [ "$(count)" -ge "$COUNT" ] || die "wrk stopped before every verification was accepted"
  [ "$(date +%s)" -lt "$deadline" ] || break
  sleep 0.2
done
kill $wrk_pid 2>/dev/null || true
accepted=$(count)
done_count=$(count "and status = 'done'")
epoch_ms() { sql "select (extract(epoch from max($1)) * 1000)::bigint from verify.verifications where $mine"; }
submitted_ms=$(epoch_ms created_at)
last_ms=$(epoch_ms completed_at)

figure verify-fanout "verifications accepted" "$accepted" "$COUNT"
figure verify-fanout "verifications done" "$done_count" "$COUNT"
figure verify-fanout "$COUNT submitted (s)" "$(python3 -c "print(round(($submitted_ms-$start_ms)/1000,2))")" "reference"
figure verify-fanout "$COUNT done, ${WARMUP}s warmup (s)" "$(python3 -c "print(round(($last_ms-$start_ms)/1000,2))")" \
  "<= $(python3 -c "print($WARMUP*1.5)")"
