#!/usr/bin/env bash
# Benchmark 3: resolved-config at a fixed 2,000 req/s straight at variant-service, latency measured from each
# request's send (wrk with bench/fixed-rate.lua). Cache hit: one agent over and over; cache miss: a new agent per
# request within the run, so every resolution goes to Postgres. Targets: p99 <= 2 ms on a hit; a miss sustains
# 2,000 req/s with p99 <= 10 ms. It talks to variant-service alone (agents are created there too), so
# FLYWHEEL_VARIANT_URL may name a lone replica instead of a suite's.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
curl -fs -o /dev/null "$VARIANT/q/health/ready" || die "variant-service does not answer at $VARIANT"
need_tool wrk
RATE=${BENCH_RATE:-2000}
SECONDS_RUN=${BENCH_SECONDS:-15}
# Unmeasured cache hits first, as gateway-overhead.sh warms up: a service started a minute before still compiles, and
# its p99 then measured the JIT (3.9 ms against 0.8 ms warm, issue 21).
WARMUP=${BENCH_WARMUP:-20s}
MISS_AGENTS=${BENCH_MISS_AGENTS:-4000}
work=$(mktemp -d)

create_agent() {
  curl -fsS -X POST -H 'Content-Type: application/json' --data "$1" "$VARIANT/api/agents"
}

agent=$(create_agent "{\"name\":\"bench-hit-$(date +%s%N)\",\"model_provider\":\"echo\",\"model_name\":\"any\"}" | json_field "['id']")
echo "/api/agents/$agent/resolved-config" > "$work/hit.txt"

echo "creating $MISS_AGENTS agents for the cache-miss run"
stamp=$(date +%s%N)
for i in $(seq 1 "$MISS_AGENTS"); do
  id=$(create_agent "{\"name\":\"bench-miss-$stamp-$i\",\"model_provider\":\"echo\",\"model_name\":\"any\"}" \
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
# CPU time (user + system, µs) of the JVM that BENCH_VARIANT_PID names: a figure the machine's other load moves far
# less than latency. Empty without it.
cpu_us() {
  [ -n "${BENCH_VARIANT_PID:-}" ] || return 0
  awk -v tck="$(getconf CLK_TCK)" '{printf "%d\n", ($14 + $15) * 1000000 / tck}' "/proc/$BENCH_VARIANT_PID/stat"
}
# µs of service CPU per answered request between two cpu_us readings, for the wrk output in $3.
cpu_per_request() {
  [ -n "$1" ] || { echo "n/a"; return; }
  awk -v used=$(( $2 - $1 )) '$2=="requests"{printf "%.0f\n", used / $1}' "$3"
}

echo "cache hit, about $RATE req/s for ${SECONDS_RUN}s ($connections connections)"
fixed_rate "$WARMUP" "$work/hit.txt" > /dev/null
hit_cpu=$(cpu_us)
fixed_rate "${SECONDS_RUN}s" "$work/hit.txt" | tee "$work/hit.out"
hit_cpu_after=$(cpu_us)
# The miss run asks for each agent once: as many agents as requests at the target rate.
miss_seconds=$(( MISS_AGENTS / RATE )); [ "$miss_seconds" -ge 1 ] || miss_seconds=1
echo "cache miss, about $RATE req/s for ${miss_seconds}s (every request a different agent)"
miss_cpu=$(cpu_us)
fixed_rate "${miss_seconds}s" "$work/miss.txt" | tee "$work/miss.out"
miss_cpu_after=$(cpu_us)

figure config-resolution "hit offered rate (req/s)" "$(wrk_figure Requests/sec: "$work/hit.out")" "about $RATE"
figure config-resolution "hit p50" "$(wrk_figure 50% "$work/hit.out")" "reference"
figure config-resolution "hit p99" "$(wrk_figure 99% "$work/hit.out")" "<= 2ms"
figure config-resolution "hit non-2xx" "$(awk '/Non-2xx/{print $NF}' "$work/hit.out" | grep . || echo 0)" "0"
figure config-resolution "hit CPU per request (us)" "$(cpu_per_request "$hit_cpu" "$hit_cpu_after" "$work/hit.out")" "reference"
figure config-resolution "miss rate (req/s)" "$(wrk_figure Requests/sec: "$work/miss.out")" "about $RATE"
figure config-resolution "miss p50" "$(wrk_figure 50% "$work/miss.out")" "reference"
figure config-resolution "miss p99" "$(wrk_figure 99% "$work/miss.out")" "<= 10ms"
figure config-resolution "miss non-2xx" "$(awk '/Non-2xx/{print $NF}' "$work/miss.out" | grep . || echo 0)" "0"
figure config-resolution "miss CPU per request (us)" "$(cpu_per_request "$miss_cpu" "$miss_cpu_after" "$work/miss.out")" "reference"
