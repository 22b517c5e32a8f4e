#!/usr/bin/env bash
# Shared by the benchmark scripts: the running suite's key and addresses, tool installation, figure printing.
set -euo pipefail
BENCH_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
source "$BENCH_ROOT/deploy/local/infra.sh"

GATEWAY=${FLYWHEEL_GATEWAY_URL:-http://127.0.0.1:8080}
VARIANT=${FLYWHEEL_VARIANT_URL:-http://127.0.0.1:8082}
KEY=${FLYWHEEL_API_KEY:-$(cat "$BENCH_ROOT/.flywheel/api-key" 2>/dev/null || true)}
RESULTS=$BENCH_ROOT/bench/results
# Where benchmarks that start services of their own keep their state; several people benchmarking on one machine
# give each run its own (BENCH_DATABASE, BENCH_REDIS_DB, BENCH_EVENTS_PREFIX).
BENCH_DB=${BENCH_DATABASE:-flywheel_bench}
BENCH_REDIS=redis://127.0.0.1:6379/${BENCH_REDIS_DB:-14}
BENCH_PREFIX=${BENCH_EVENTS_PREFIX:-flywheel-bench}
mkdir -p "$RESULTS"

need_suite() {
  [ -n "$KEY" ] || die "no API key: start the suite with deploy/local/up.sh first"
  curl -fs -o /dev/null -H "Authorization: Bearer $KEY" "$GATEWAY/api/status" \
    || die "the suite does not answer at $GATEWAY: start it with deploy/local/up.sh"
}

need_tool() {
  local tool=$1 package=${2:-$1}
  command -v "$tool" >/dev/null 2>&1 && return 0
  can_install || die "$tool is missing: apt-get install $package"
  apt_install "$package"
}

api() {
  local method=$1 path=$2 body=${3:-}
  curl -fsS -X "$method" -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' \
    ${body:+--data "$body"} "$GATEWAY$path"
}

json_field() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }

# Appends one figure to results/<bench>.tsv (date, machine, figure, value, target) and prints it.
figure() {
  local bench=$1 name=$2 value=$3 target=$4
  printf '%-44s %14s   target %s\n' "$name" "$value" "$target"
  printf '%s\t%s\t%s\t%s\t%s\n' "$(date -u +%F)" "$(nproc)c/$(free -g | awk '/Mem:/{print $2}')G" "$name" "$value" "$target" \
    >> "$RESULTS/$bench.tsv"
}
