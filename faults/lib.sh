#!/usr/bin/env bash
# Shared by the fault scripts: a private Postgres cluster and a private redis-server on free ports (the shared
# servers on 5432/6379 are never touched), the packaged services started on free ports against them,
# deadline-based waits, and checks that print PASS/FAIL with their figures. Everything a script starts is
# stopped, and its temp dir removed, when the script exits, also on failure or interrupt.
set -Eeuo pipefail
FAULTS_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
source "$FAULTS_ROOT/deploy/local/infra.sh"

SCENARIO=$(basename "$0" .sh)
# The service JVMs are small and start fast; C1 only, as in the end-to-end suite.
FAULTS_JAVA_OPTS=${FAULTS_JAVA_OPTS:--XX:+UseSerialGC -Xmx256m -XX:TieredStopAtLevel=1}
# Scales every deadline: raise it on a slower or busier machine rather than editing the scripts.
FAULTS_SLACK=${FAULTS_SLACK:-1}
FAULTS_DB=flywheel
FAULTS_WORK=$(mktemp -d -t "flywheel-$SCENARIO.XXXXXX")
# The postgres user owns the cluster directory inside and must be able to reach it.
chmod 755 "$FAULTS_WORK"
FAULTS_FAILED=0
FAULTS_PASSED=0
FAULTS_PIDS=()
declare -A SVC_PORT=() SVC_PID=()
PG_DIR=$FAULTS_WORK/pg
PG_PORT=
REDIS_PORT=
REDIS_PID=

PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -n "$PG_BIN" ] && PATH=$PG_BIN:$PATH

say() { printf '[%s %s] %s\n' "$SCENARIO" "$(date -u +%T)" "$*"; }

# A setup step that cannot go on: reported as a failed check so run-all and CI see it.
abort() {
  printf 'FAIL  %s: %s\n' "$SCENARIO" "$*"
  FAULTS_FAILED=$((FAULTS_FAILED + 1))
  exit 1
}

cleanup() {
  local status=$? pid
  trap - EXIT INT TERM ERR
  if [ "$FAULTS_FAILED" -gt 0 ] || [ "$status" -ne 0 ]; then
    show_logs
  fi
  for pid in "${FAULTS_PIDS[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${FAULTS_PIDS[@]}"; do
    for _ in $(seq 1 50); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -9 "$pid" 2>/dev/null || true
  done
  if [ -f "$PG_DIR/postmaster.pid" ]; then
    as_postgres pg_ctl -D "$PG_DIR" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$FAULTS_WORK"
  exit "$status"
}
trap cleanup EXIT
# set -e would end a script silently: say which command broke it.
trap 'abort "unexpected failure (exit $?) at ${BASH_SOURCE[0]##*/}:$LINENO: $BASH_COMMAND"' ERR
trap 'exit 130' INT TERM

# The last lines of every log, so a failure in CI can be understood without the (removed) temp dir.
show_logs() {
  local file
  for file in "$FAULTS_WORK"/*.log; do
    [ -f "$file" ] || continue
    printf '\n----- %s (last 25 lines) -----\n' "$(basename "$file")"
    tail -25 "$file"
  done
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# initdb and postgres refuse to run as root.
as_postgres() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# Runs "$@" until it succeeds or <seconds> (times FAULTS_SLACK) pass; answers whether it succeeded.
wait_until() {
  local seconds=$1
  shift
  local deadline=$(( $(date +%s%N) + ${seconds%.*} * FAULTS_SLACK * 1000000000 ))
  until "$@" >/dev/null 2>&1; do
    [ "$(date +%s%N)" -lt "$deadline" ] || return 1
    sleep 0.3
  done
}

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# Sleeps until <seconds> have passed since <start_ms> (an outage lasts its full length, however long the checks
# made during it took).
sleep_until_elapsed() {
  local start_ms=$1 seconds=$2 remaining_ms
  remaining_ms=$(( seconds * 1000 - ($(now_ms) - start_ms) ))
  if [ "$remaining_ms" -gt 0 ]; then sleep "$(awk -v ms="$remaining_ms" 'BEGIN { print ms / 1000 }')"; fi
}

# ---- checks -------------------------------------------------------------------------------------------------

pass() { printf 'PASS  %s: %s (%s)\n' "$SCENARIO" "$1" "$2"; FAULTS_PASSED=$((FAULTS_PASSED + 1)); }
fail() { printf 'FAIL  %s: %s (%s)\n' "$SCENARIO" "$1" "$2"; FAULTS_FAILED=$((FAULTS_FAILED + 1)); }

expect_eq() {
  local what=$1 actual=$2 expected=$3
  if [ "$actual" = "$expected" ]; then pass "$what" "$actual"; else fail "$what" "got $actual, expected $expected"; fi
}

expect_le() {
  local what=$1 actual=$2 max=$3
  if [ "$actual" -le "$max" ]; then pass "$what" "$actual <= $max"; else fail "$what" "got $actual, at most $max allowed"; fi
}

expect_ge() {
  local what=$1 actual=$2 min=$3
  if [ "$actual" -ge "$min" ]; then pass "$what" "$actual >= $min"; else fail "$what" "got $actual, at least $min needed"; fi
}

# Ends the script: non-zero when any check failed.
finish() {
  say "$FAULTS_PASSED passed, $FAULTS_FAILED failed"
  [ "$FAULTS_FAILED" -eq 0 ]
}

# ---- private Postgres ---------------------------------------------------------------------------------------

start_postgres() {
  command -v initdb >/dev/null || abort "PostgreSQL server binaries (initdb, pg_ctl) are not installed"
  PG_PORT=$(free_port)
  mkdir -p "$PG_DIR"
  [ "$(id -u)" = 0 ] && chown postgres "$PG_DIR"
  as_postgres initdb -D "$PG_DIR" -A trust -U postgres >"$FAULTS_WORK/initdb.out" 2>&1 \
    || { cat "$FAULTS_WORK/initdb.out"; abort "initdb failed"; }
  postgres_up
  sql_on postgres "create database $FAULTS_DB" >/dev/null
  say "private Postgres on port $PG_PORT"
}

postgres_up() {
  as_postgres pg_ctl -D "$PG_DIR" -l "$PG_DIR/server.log" -w -t 60 \
    -o "-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1" start >/dev/null \
    || { tail -20 "$PG_DIR/server.log"; abort "Postgres did not start"; }
}

postgres_down() { as_postgres pg_ctl -D "$PG_DIR" -m fast -w -t 60 stop >/dev/null; }

sql_on() { psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d "$1" -v ON_ERROR_STOP=1 -tAqc "$2"; }

# One value (or rows, |-separated) from the scenario's database.
sql() { sql_on "$FAULTS_DB" "$1"; }

# ---- private Redis ------------------------------------------------------------------------------------------

start_redis() {
  command -v redis-server >/dev/null || abort "redis-server is not installed"
  REDIS_PORT=$(free_port)
  redis_up
  say "private Redis on port $REDIS_PORT"
}

redis_up() {
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no --daemonize no \
    --dir "$FAULTS_WORK" >>"$FAULTS_WORK/redis.log" 2>&1 &
  REDIS_PID=$!
  track "$REDIS_PID"
  wait_until 30 redis_answers_here || abort "redis-server did not start on port $REDIS_PORT"
}

redis_down() {
  redis-cli -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || kill "$REDIS_PID" 2>/dev/null || true
  wait_until 30 process_gone "$REDIS_PID" || abort "redis-server did not stop"
}

redis_answers_here() { [ "$(redis-cli -p "$REDIS_PORT" ping 2>/dev/null)" = PONG ]; }

rcli() { redis-cli -p "$REDIS_PORT" "$@"; }

# Stopped on exit; disowned so that killing it on purpose prints no job notice.
track() {
  FAULTS_PIDS+=("$1")
  disown "$1"
}

process_gone() { ! kill -0 "$1" 2>/dev/null; }

# ---- services -----------------------------------------------------------------------------------------------

# start_service <instance> <module> [VAR=value ...]: starts <module>'s packaged jar as <instance> on a free
# port against the private Postgres and Redis, with the peers started so far; does not wait for readiness.
start_service() {
  local instance=$1 module=$2
  shift 2
  local jar=$FAULTS_ROOT/$module/target/quarkus-app/quarkus-run.jar
  [ -f "$jar" ] || abort "$jar is missing: build it first (./mvnw -DskipTests package -pl $module -am)"
  local port
  port=$(free_port)
  SVC_PORT[$instance]=$port
  # shellcheck disable=SC2086 # FAULTS_JAVA_OPTS is a list of JVM flags
  env QUARKUS_HTTP_PORT="$port" \
    QUARKUS_DATASOURCE_REACTIVE_URL="postgresql://127.0.0.1:$PG_PORT/$FAULTS_DB" \
    QUARKUS_DATASOURCE_USERNAME=postgres \
    QUARKUS_REDIS_HOSTS="redis://127.0.0.1:$REDIS_PORT" \
    FLYWHEEL_VARIANT_URL="$(peer_url variant-service)" \
    FLYWHEEL_RUN_URL="$(peer_url run-service)" \
    FLYWHEEL_VERIFY_URL="$(peer_url verify-service)" \
    HOSTNAME="$instance" \
    "$@" \
    java $FAULTS_JAVA_OPTS -jar "$jar" >"$FAULTS_WORK/$instance.log" 2>&1 &
  SVC_PID[$instance]=$!
  track "$!"
}

# A peer started under its module name, else a closed port (the peer is then simply down).
peer_url() { echo "http://127.0.0.1:${SVC_PORT[$1]:-9}"; }

url() { echo "http://127.0.0.1:${SVC_PORT[$1]}"; }

ready() { curl -fs -o /dev/null --max-time 2 "$(url "$1")/q/health/ready"; }

not_ready() { ! ready "$1"; }

wait_ready() {
  local instance
  for instance in "$@"; do
    local started
    started=$(now_ms)
    until ready "$instance"; do
      kill -0 "${SVC_PID[$instance]}" 2>/dev/null || abort "$instance exited during start-up"
      [ $(( $(now_ms) - started )) -lt $(( 120000 * FAULTS_SLACK )) ] || abort "$instance not ready within 120 s"
      sleep 0.3
    done
  done
  say "ready: $*"
}

kill_service() {
  local instance=$1 signal=${2:-KILL}
  kill -"$signal" "${SVC_PID[$instance]}"
  wait_until 30 process_gone "${SVC_PID[$instance]}" || abort "$instance did not stop"
}

# A process of the script's own (a fake backend): tracked for clean-up; its output goes to <name>.log.
start_helper() {
  local name=$1
  shift
  "$@" >"$FAULTS_WORK/$name.log" 2>&1 &
  track "$!"
}

# ---- HTTP ---------------------------------------------------------------------------------------------------

# call <METHOD> <url> [json body]: prints the answer's body; fails on anything but 2xx.
call() {
  local method=$1 target=$2 body=${3:-}
  curl -fsS --max-time 30 -X "$method" -H 'Content-Type: application/json' ${body:+--data "$body"} "$target"
}

# An agent on variant-service with an active variant whose model is <model> (provider:name); prints the agent id.
agent_with_active_variant() {
  local model=$1 provider=${1%%:*} name=${1#*:}
  local variant_url agent variant
  variant_url=$(url variant-service)
  agent=$(call POST "$variant_url/api/agents" "$(jq -nc --arg n "faults-$SCENARIO-$RANDOM" \
    '{name: $n, model_provider: "echo", model_name: "base"}')" | jq -r .id)
  variant=$(call POST "$variant_url/api/agents/$agent/variants" "$(jq -nc --arg p "$provider" --arg m "$name" \
    '{variant_name: "Faults", model_provider: $p, model_name: $m, system_prompt: "Be brief.",
      user_prompt_template: "Summarise {{ input }}"}')" | jq -r .id)
  call POST "$variant_url/api/agents/$agent/variants/$variant/activate" >/dev/null
  echo "$agent"
}

experiment() { call POST "$(url "$1")/api/experiments" "{\"name\":\"faults $SCENARIO\"}" | jq -r .id; }

# batch <run instance> <experiment> <run count> [extra batch fields as JSON object]: prints the run ids, one a line.
batch() {
  local instance=$1 experiment=$2 count=$3 extra=${4:-'{}'}
  local body
  body=$(jq -nc --argjson n "$count" --argjson extra "$extra" \
    '{prompts: ["Summarise {{ input }}"], inputs: [range($n) | "item \(.)"], cache: false} + $extra')
  call POST "$(url "$instance")/api/experiments/$experiment/runs:batch" "$body" | jq -r '.run_ids[]'
}

# agent_runs <run instance> <experiment> <run count> <agent id>: runs that set nothing but the agent and their
# input, so they run the active variant's own config and count in its metrics (SPEC §10: a run that sets its own
# template or model is left out). Prints the run ids, one a line.
agent_runs() {
  local instance=$1 experiment=$2 count=$3 agent=$4
  local body
  body=$(jq -nc --argjson n "$count" --arg a "$agent" \
    '{runs: [range($n) | {agent_id: $a, input_data: "item \(.)", cache: false}]}')
  call POST "$(url "$instance")/api/experiments/$experiment/runs:bulk" "$body" | jq -r '.run_ids[]'
}

# How many of the experiment's runs are in <status>, from the database.
runs_in() { sql "select count(*) from runs.runs where experiment_id = '$1' and status = '$2'"; }

# Whether <schema>'s outbox has relayed everything.
outbox_empty() { [ "$(sql "select count(*) from $1.outbox")" = 0 ]; }

runs_settled() { [ "$(sql "select count(*) from runs.runs where experiment_id = '$1' and status in ('pending', 'running')")" = 0 ]; }

for tool in jq curl psql redis-cli python3; do
  command -v "$tool" >/dev/null 2>&1 && continue
  [ "$tool" = jq ] && can_install && apt_install jq && continue
  abort "$tool is missing"
done
