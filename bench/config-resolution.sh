#!/usr/bin/env bash
# Benchmark 3: resolved-config at a fixed 2,000 req/s straight at variant-service, latency measured from each
# request's due time (bench/FixedRate.java). Cache hit: one agent over and over; cache miss: a new agent per
# request within the run, so every resolution goes to Postgres. Target: p99 <= 2 ms on a hit.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
need_suite
RATE=${BENCH_RATE:-2000}
SECONDS_RUN=${BENCH_SECONDS:-15}
MISS_AGENTS=${BENCH_MISS_AGENTS:-3000}
work=$(mktemp -d)

agent=$(api POST /api/agents "{\"name\":\"bench-hit-$(date +%s%N)\",\"model_provider\":\"echo\",\"model_name\":\"any\"}" | json_field "['id']")
echo "$VARIANT/api/agents/$agent/resolved-config" > "$work/hit.txt"

echo "creating $MISS_AGENTS agents for the cache-miss run"
stamp=$(date +%s%N)
for i in $(seq 1 "$MISS_AGENTS"); do
  api POST /api/agents "{\"name\":\"bench-miss-$stamp-$i\",\"model_provider\":\"echo\",\"model_name\":\"any\"}" \
    | json_field "['id']" | sed "s#.*#$VARIANT/api/agents/&/resolved-config#" >> "$work/miss.txt"
done

echo "cache hit, $RATE req/s for ${SECONDS_RUN}s"
java "$BENCH_ROOT/bench/FixedRate.java" "$RATE" "$SECONDS_RUN" "$work/hit.txt" | tee "$work/hit.out"
# The miss run sends each agent's first resolution only: fewer requests than the rate asks for at full length.
miss_seconds=$(( MISS_AGENTS / RATE )); [ "$miss_seconds" -ge 1 ] || miss_seconds=1
echo "cache miss, $RATE req/s for ${miss_seconds}s (every request a different agent)"
java -Dwarmup=false "$BENCH_ROOT/bench/FixedRate.java" "$RATE" "$miss_seconds" "$work/miss.txt" | tee "$work/miss.out"

p() { sed -n "s/.*$1=\([0-9.]*\).*/\1/p" "$2"; }
figure config-resolution "hit p50 ms" "$(p p50_ms "$work/hit.out")" "reference"
figure config-resolution "hit p99 ms" "$(p p99_ms "$work/hit.out")" "<= 2 ms"
figure config-resolution "hit failures" "$(p failures "$work/hit.out")" "0"
figure config-resolution "miss p50 ms" "$(p p50_ms "$work/miss.out")" "reference"
figure config-resolution "miss p99 ms" "$(p p99_ms "$work/miss.out")" "reported"
