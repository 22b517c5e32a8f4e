#!/usr/bin/env bash
# Benchmark 3: resolved-config at a fixed 2,000 req/s straight at variant-service, latency measured from each
# request's send (wrk with bench/fixed-rate.lua). Cache hit: one agent over and over; cache miss: a new agent per
# request within the run, so every resolution goes to Postgres. Target: p99 <= 2 ms on a hit.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
need_suite
need_tool wrk
RATE=${BENCH_RATE:-2000}
SECONDS_RUN=${BENCH_SECONDS:-15}
MISS_AGENTS=${BENCH_MISS_AGENTS:-4000}
work=$(mktemp -d)

agent=$(api POST /api/agents "{\"name\":\"bench-hit-$(date +%s%N)\",\"model_provider\":\"echo\",\"model_name\":\"any\"}" | json_field "['id']")
echo "/api/agents/$agent/resolved-config" > "$work/hit.txt"

echo "creating $MISS_AGENTS agents for the cache-miss run"
stamp=$(date +%s%N)
for i in $(seq 1 "$MISS_AGENTS"); do
  id=$(api POST /api/agents "{\"name\":\"bench-miss-$stamp-$i\",\"model_provider\":\"echo\",\"model_name\":\"any\"}" \
    | sed -n 's/^{"id":"\([^"]*\)".*/\1/p')
  echo "/api/agents/$id/resolved-config" >> "$work/miss.txt"
done

# wrk keeps about RATE req/s on offer: each connection pauses DELAY_MS after every answer (bench/fixed-rate.lua),
# with enough connections that a 1 ms answer still leaves the rate at the target.
DELAY_MS=20
connections=$(( RATE * (DELAY_MS + 1) / 1000 ))
fixed_rate() {
  wrk_script fixed-rate.lua -c"$connections" -d"$1" --latency "$VARIANT" -- "$DELAY_MS" "$2"
}
wrk_figure() { awk -v k="$1" '$1==k{print $2}' "$2"; }

echo "cache hit, about $RATE req/s for ${SECONDS_RUN}s ($connections connections)"
fixed_rate 3s "$work/hit.txt" > /dev/null
fixed_rate "${SECONDS_RUN}s" "$work/hit.txt" | tee "$work/hit.out"
# The miss run asks for each agent once: as many agents as requests at the target rate.
miss_seconds=$(( MISS_AGENTS / RATE )); [ "$miss_seconds" -ge 1 ] || miss_seconds=1
echo "cache miss, about $RATE req/s for ${miss_seconds}s (every request a different agent)"
fixed_rate "${miss_seconds}s" "$work/miss.txt" | tee "$work/miss.out"

figure config-resolution "hit offered rate (req/s)" "$(wrk_figure Requests/sec: "$work/hit.out")" "about $RATE"
figure config-resolution "hit p50" "$(wrk_figure 50% "$work/hit.out")" "reference"
figure config-resolution "hit p99" "$(wrk_figure 99% "$work/hit.out")" "<= 2ms"
figure config-resolution "hit non-2xx" "$(awk '/Non-2xx/{print $NF}' "$work/hit.out" | grep . || echo 0)" "0"
figure config-resolution "miss rate (req/s)" "$(wrk_figure Requests/sec: "$work/miss.out")" "about $RATE"
figure config-resolution "miss p50" "$(wrk_figure 50% "$work/miss.out")" "reference"
figure config-resolution "miss p99" "$(wrk_figure 99% "$work/miss.out")" "reported"
