#!/usr/bin/env bash
# Benchmark: `flywheel eval` against `promptfoo eval` (0.120.27) on the same promptfoo config — 500 test cases from a
# CSV file, one prompt, one openai provider, mixed assertions — and the same local OpenAI-compatible server answering
# after 50 ms (bench/fake_openai.py), both at concurrency 32 and without caches. Checks that every test case gets the
# same pass/fail from both, and times each command from start to exit (after one unmeasured warm-up each).
# The CLI talks to a run-service of its own (worker and provider concurrency 32) directly, as it would to the gateway.
# Target (issue 19): flywheel at least 2x faster than promptfoo.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
CASES=${BENCH_CASES:-500}
CONCURRENCY=${BENCH_CONCURRENCY:-32}
DELAY_MS=${BENCH_DELAY_MS:-50}
DATABASE=${BENCH_DATABASE:-flywheel_bench}
REDIS_DB=${BENCH_REDIS_DB:-3}
PROMPTFOO_VERSION=0.120.27
PROMPTFOO_DIR=$BENCH_ROOT/.flywheel/bench/promptfoo
APP=$BENCH_ROOT/run-service/target/quarkus-app
CLI=$BENCH_ROOT/cli/target/flywheel
[ -x "$CLI" ] && [ -f "$APP/quarkus-run.jar" ] || die "build first: ./mvnw -pl run-service,cli -am package -DskipTests"
ensure_postgres
ensure_redis
ensure_database "$DATABASE"
command -v node >/dev/null || die "node (20+) is needed for promptfoo"
if [ ! -x "$PROMPTFOO_DIR/node_modules/.bin/promptfoo" ]; then
  log "installing promptfoo $PROMPTFOO_VERSION into $PROMPTFOO_DIR"
  mkdir -p "$PROMPTFOO_DIR"
  (cd "$PROMPTFOO_DIR" && npm install --no-audit --no-fund --loglevel=error "promptfoo@$PROMPTFOO_VERSION")
fi
PROMPTFOO=$PROMPTFOO_DIR/node_modules/.bin/promptfoo
work=$(mktemp -d)

# The config: templates that Nunjucks and Jinja2 render alike; assertions whose verdicts differ from case to case.
make_config() {
  local dir=$1 cases=$2
  mkdir -p "$dir"
  python3 - "$dir" "$cases" <<'PY'
import csv, sys
dir, cases = sys.argv[1], int(sys.argv[2])
expected = ["contains:{w}", "starts-with:answer", "regex:w[0-9]+ please", "equals:{w}"]
with open(f"{dir}/tests.csv", "w", newline="") as f:
    out = csv.writer(f)
    out.writerow(["id", "word", "__expected", "__expected2"])
    for i in range(cases):
        w = f"w{i}"
        second = "icontains:ZEBRA" if i % 10 == 0 else "not-contains:zebra"
        out.writerow([i, w, expected[i % 4].format(w=w), second])
with open(f"{dir}/promptfooconfig.yaml", "w") as f:
    f.write("""description: cli-vs-promptfoo
prompts:
  - "Case {{id}}: repeat the word {{word}} please"
providers:
  - id: openai:chat:gpt-4o-mini
    config:
      temperature: 0
      max_tokens: 16
tests: file://tests.csv
""")
PY
}
make_config "$work/warm" "$CONCURRENCY"
make_config "$work/measured" "$CASES"

trap 'kill ${SVC_PID:-} ${FAKE_PID:-} 2>/dev/null || true; rm -rf "$work"' EXIT
start_fake_openai "$DELAY_MS"
start_run_service "$APP" "$DATABASE" "redis://127.0.0.1:6379/$REDIS_DB" flywheel-bench-cli "$work/run-service.log"

export OPENAI_BASE_URL=http://127.0.0.1:$FAKE_PORT/v1 OPENAI_API_KEY=bench
export PROMPTFOO_DISABLE_TELEMETRY=1 PROMPTFOO_DISABLE_UPDATE=1 PROMPTFOO_CONFIG_DIR=$work/promptfoo-home
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
# Exit 1 is "some assertions failed", which this config means to have.
run_flywheel() { (cd "$1" && "$CLI" eval -c promptfooconfig.yaml --url "$RUN" --no-cache -o flywheel.json > flywheel.out 2>&1) || [ $? = 1 ]; }
run_promptfoo() {
  (cd "$1" && "$PROMPTFOO" eval -c promptfooconfig.yaml --no-cache -j "$CONCURRENCY" --no-progress-bar --no-table \
    -o promptfoo.json > promptfoo.out 2>&1) || [ $? = 100 ] || [ $? = 1 ] || { tail -20 "$1/promptfoo.out"; die "promptfoo failed"; }
}

log "warm-up: $CONCURRENCY cases each"
run_flywheel "$work/warm"
run_promptfoo "$work/warm"

log "measured: $CASES cases each"
start=$(now_ms); run_promptfoo "$work/measured"; promptfoo_ms=$(( $(now_ms) - start ))
start=$(now_ms); run_flywheel "$work/measured"; flywheel_ms=$(( $(now_ms) - start ))

# Same verdict for every test case: both keyed by the test's id var.
read -r compared agree flywheel_pass promptfoo_pass < <(python3 - "$work/measured" <<'PY'
import json, sys
d = sys.argv[1]
fw = {r["vars"]["id"]: r["pass"] for r in json.load(open(f"{d}/flywheel.json"))["results"]}
pf_doc = json.load(open(f"{d}/promptfoo.json"))
rows = pf_doc["results"]["results"] if isinstance(pf_doc["results"], dict) else pf_doc["results"]
pf = {str(r["vars"]["id"]): bool(r["success"]) for r in rows}
keys = sorted(set(fw) | set(pf))
agree = sum(1 for k in keys if k in fw and k in pf and fw[k] == pf[k])
for k in keys:
    if fw.get(k) != pf.get(k):
        print(f"differs: case {k}: flywheel {fw.get(k)} promptfoo {pf.get(k)}", file=sys.stderr)
print(len(keys), agree, sum(fw.values()), sum(pf.values()))
PY
)
figure cli-vs-promptfoo "test cases compared" "$compared" "$CASES"
figure cli-vs-promptfoo "same pass/fail" "$agree" "$CASES"
figure cli-vs-promptfoo "passed (flywheel / promptfoo)" "$flywheel_pass / $promptfoo_pass" "equal"
figure cli-vs-promptfoo "promptfoo eval wall time (ms)" "$promptfoo_ms" "reported"
figure cli-vs-promptfoo "flywheel eval wall time (ms)" "$flywheel_ms" "reported"
figure cli-vs-promptfoo "promptfoo / flywheel" "$(python3 -c "print(round($promptfoo_ms/$flywheel_ms,2))")" ">= 2"
