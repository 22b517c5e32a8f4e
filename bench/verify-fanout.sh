#!/usr/bin/env bash
# Benchmark 4: 1,000 verifications with a 2 s warmup submitted at once to the suite's verify-service; all must
# be done within 1.5x the warmup (3 s). The warmup is a non-blocking timer, so they wait side by side.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
need_suite
COUNT=${BENCH_COUNT:-1000}
WARMUP=${BENCH_WARMUP:-2}
VERIFY=${FLYWHEEL_VERIFY_URL:-http://127.0.0.1:8084}
out=$(java "$BENCH_ROOT/bench/VerifyFanout.java" "$VERIFY" "$COUNT" "$WARMUP")
echo "$out"
done_s=$(sed -n 's/.*all_done_s=\([0-9.]*\).*/\1/p' <<< "$out")
submit_s=$(sed -n 's/.*submit_s=\([0-9.]*\).*/\1/p' <<< "$out")
figure verify-fanout "$COUNT submitted (s)" "$submit_s" "reference"
figure verify-fanout "$COUNT done, ${WARMUP}s warmup (s)" "$done_s" "<= $(python3 -c "print($WARMUP*1.5)")"
