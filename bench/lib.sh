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

# A free TCP port on the loopback interface, for a process a benchmark starts of its own.
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# Waits until the service at <url> is ready; dies with its log's tail if process <pid> ends first.
wait_ready() {
  local url=$1 pid=$2 log_file=$3 name=$4
  until curl -fs -o /dev/null "$url/q/health/ready"; do
    kill -0 "$pid" 2>/dev/null || { tail -30 "$log_file"; die "$name did not start"; }
    sleep 0.2
  done
}

# A query against the benchmark's database, answered unaligned (one value per line).
bench_sql() { psql -h 127.0.0.1 -U postgres -d "$BENCH_DB" -tAc "$1"; }
# Statements a service of the benchmark's own (base URL $1) has sent through its pg client (its Vert.x client
# metrics; a pipelined batch counts once). Not pg_stat_database: other benchmarks' services share the database.
pg_statements() { curl -fs "$1/q/metrics" | awk '/^postgresql_processing_seconds_count/ { n += $2 } END { print n + 0 }'; }

# Starts bench/fake_openai.py in the background, answering after <delay-ms>: its port in FAKE_PORT, pid in FAKE_PID.
start_fake_openai() {
  FAKE_PORT=$(free_port)
  python3 "$BENCH_ROOT/bench/fake_openai.py" "$FAKE_PORT" "$1" &
  FAKE_PID=$!
}

# Starts a run-service of the benchmark's own (so the suite's replica neither shares the work nor hears its events),
# at worker and provider concurrency $CONCURRENCY against the fake OpenAI server, and waits until it is ready: its
# pid in SVC_PID, its base URL in RUN. Set the caller's EXIT trap (kill $SVC_PID) before calling.
# Usage: start_run_service <app dir> <database> <redis URL> <events prefix> <log file> [extra JVM flags]
start_run_service() {
  local app=$1 database=$2 redis=$3 prefix=$4 log_file=$5 extra=${6:-} port
  port=$(free_port)
  QUARKUS_HTTP_PORT=$port \
  QUARKUS_DATASOURCE_REACTIVE_URL=postgresql://127.0.0.1:5432/$database \
  QUARKUS_REDIS_HOSTS=$redis FLYWHEEL_EVENTS_PREFIX=$prefix \
  RUN_WORKER_CONCURRENCY=$CONCURRENCY RUN_WORKER_PROVIDER_CONCURRENCY=$CONCURRENCY \
  RUN_PROVIDERS_OPENAI_CONCURRENCY=$CONCURRENCY \
  RUN_PROVIDERS_OPENAI_BASE_URL=http://127.0.0.1:$FAKE_PORT/v1 RUN_PROVIDERS_OPENAI_API_KEY=bench \
  FLYWHEEL_JAVA_OPTS="$(jvm_flags "$app") $extra" service_java "$app" > "$log_file" 2>&1 &
  SVC_PID=$!
  RUN=http://127.0.0.1:$port
  wait_ready "$RUN" "$SVC_PID" "$log_file" run-service
}

# Starts a verify-service of the benchmark's own on a free port against the benchmark's database, Redis db and event
# prefix, and waits until it is ready: its pid in SVC_PID, its base URL in VERIFY. Set the caller's EXIT trap
# (kill $SVC_PID) before calling. Usage: start_verify_service <app dir> <log file> [extra JVM flags]
start_verify_service() {
  local app=$1 log_file=$2 extra=${3:-} port
  port=$(free_port)
  QUARKUS_HTTP_PORT=$port \
  QUARKUS_DATASOURCE_REACTIVE_URL=postgresql://127.0.0.1:5432/$BENCH_DB \
  QUARKUS_REDIS_HOSTS=$BENCH_REDIS FLYWHEEL_EVENTS_PREFIX=$BENCH_PREFIX \
  FLYWHEEL_JAVA_OPTS="$(jvm_flags "$app") $extra" service_java "$app" > "$log_file" 2>&1 &
  SVC_PID=$!
  VERIFY=http://127.0.0.1:$port
  wait_ready "$VERIFY" "$SVC_PID" "$log_file" verify-service
}

# CPU ticks the service $SVC_PID has used: "all" of its threads, or "app", i.e. without the JIT compiler threads
# (which keep compiling long after a warm-up on a busy machine and would otherwise dominate the figure).
cpu_ticks() {
  python3 - "$SVC_PID" "$1" <<'PY'
import glob, sys
pid, which = sys.argv[1], sys.argv[2]
total = 0
for stat in glob.glob(f"/proc/{pid}/task/*/stat"):
    try:
        text = open(stat).read()
    except OSError:
        continue
    name, fields = text[text.index("(") + 1:text.rindex(")")], text[text.rindex(")") + 2:].split()
    if which == "app" and name.startswith(("C1 Compiler", "C2 Compiler")):
        continue
    total += int(fields[11]) + int(fields[12])
print(total)
PY
}

# JVM flags and a settings file for a JFR profile (BENCH_JFR=1): sampling every 2 ms instead of 10, deep reactive
# stacks kept whole. Sets JFR_FLAGS and JFR_SETTINGS (a file in directory <dir>); both empty without BENCH_JFR.
jfr_setup() {
  JFR_FLAGS='' JFR_SETTINGS=''
  [ "${BENCH_JFR:-0}" = 1 ] || return 0
  local java_home
  java_home=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
  JFR_SETTINGS=$1/profile.jfc
  sed 's/<setting name="period" control="method-sampling-java-interval">10 ms/<setting name="period" control="method-sampling-java-interval">2 ms/' \
    "$java_home/lib/jfr/profile.jfc" > "$JFR_SETTINGS"
  JFR_FLAGS=-XX:FlightRecorderOptions=stackdepth=256
}

# wrk with one of bench/'s Lua scripts (they split their work by thread, bench/wrk-threads.lua): the thread count
# goes to the script as its last argument. Usage: wrk_script <script.lua> <wrk options> <url> -- <script arguments>
WRK_THREADS=${BENCH_WRK_THREADS:-2}
wrk_script() {
  local script=$1; shift
  wrk -t"$WRK_THREADS" -s "$BENCH_ROOT/bench/$script" "$@" "$WRK_THREADS"
}
# The same in the background, wrk's own pid in WRK_PID: `wrk_script ... &` would give the pid of a subshell, and
# killing that leaves wrk running (and holding the caller's output open) for its whole -d.
wrk_script_bg() {
  local script=$1; shift
  wrk -t"$WRK_THREADS" -s "$BENCH_ROOT/bench/$script" "$@" "$WRK_THREADS" &
  WRK_PID=$!
}

json_field() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }

# Appends one figure to results/<bench>.tsv (date, machine, figure, value, target) and prints it.
figure() {
  local bench=$1 name=$2 value=$3 target=$4
  printf '%-44s %14s   target %s\n' "$name" "$value" "$target"
  printf '%s\t%s\t%s\t%s\t%s\n' "$(date -u +%F)" "$(nproc)c/$(free -g | awk '/Mem:/{print $2}')G" "$name" "$value" "$target" \
    >> "$RESULTS/$bench.tsv"
}
