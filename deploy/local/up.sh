#!/usr/bin/env bash
# Starts the whole Flywheel suite on this machine: Postgres and Redis (started or installed when needed),
# the five services built when their jars are missing or stale, then waits until every one is ready.
# The services run from copies of their app directories under .flywheel/apps, so that ./mvnw verify can rebuild
# target/ while the suite runs (the README's order: up.sh, then ./mvnw verify).
# Running it again while the suite runs starts nothing twice. deploy/local/down.sh stops what it started.
# Every setting of the README's configuration table passes through from this script's environment.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
STATE=${FLYWHEEL_STATE_DIR:-$ROOT/.flywheel}
LOGS=$STATE/logs
APPS=$STATE/apps
# shellcheck source=infra.sh
source "$ROOT/deploy/local/infra.sh"

SERVICES=(variant-service run-service verify-service selftest-service gateway)
declare -A PORTS=([gateway]=8080 [selftest-service]=8081 [variant-service]=8082 [run-service]=8083 [verify-service]=8084)

mkdir -p "$LOGS" "$APPS"
command -v java >/dev/null || die "java (17+) is not installed"
command -v curl >/dev/null || { can_install && apt_install curl; } || die "curl is not installed"

ensure_postgres
ensure_redis
[ -n "${FLYWHEEL_STARTED_POSTGRES:-}" ] && echo "$FLYWHEEL_STARTED_POSTGRES" > "$STATE/started-postgres"
[ -n "${FLYWHEEL_STARTED_REDIS:-}" ] && echo 1 > "$STATE/started-redis"
ensure_database flywheel
ensure_database flywheel_test

jar_of() { echo "$ROOT/$1/target/quarkus-app/quarkus-run.jar"; }
running_jar_of() { echo "$APPS/$1/quarkus-run.jar"; }

# A jar is stale when any source or pom of its module, of common-http or common-events, or the root pom is newer than it.
needs_build() {
  local svc jar
  for svc in "${SERVICES[@]}"; do
    jar=$(jar_of "$svc")
    [ -f "$jar" ] || return 0
    if [ -n "$(find "$ROOT/$svc/src/main" "$ROOT/$svc/pom.xml" "$ROOT/common-http/src/main" "$ROOT/common-http/pom.xml" \
      "$ROOT/common-events/src/main" "$ROOT/common-events/pom.xml" "$ROOT/pom.xml" -newer "$jar" -print -quit 2>/dev/null)" ]; then
      return 0
    fi
  done
  return 1
}

running_pid() {
  local svc=$1 pidfile=$STATE/$1.pid pid
  [ -f "$pidfile" ] || return 1
  pid=$(cat "$pidfile")
  if kill -0 "$pid" 2>/dev/null && tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null | grep -qF "$(running_jar_of "$svc")"; then
    echo "$pid"
    return 0
  fi
  rm -f "$pidfile"
  return 1
}

all_running=1
for svc in "${SERVICES[@]}"; do running_pid "$svc" >/dev/null || all_running=0; done

if [ "$all_running" = 0 ] && needs_build; then
  log "building the services (./mvnw package, tests skipped: ./mvnw verify runs them)"
  (cd "$ROOT" && ./mvnw -B -q package -DskipTests) > "$LOGS/build.log" 2>&1 \
    || { tail -40 "$LOGS/build.log" >&2; die "the build failed (full log: $LOGS/build.log)"; }
fi

# The API key: FLYWHEEL_API_KEY when set, else the one made on an earlier start, else a new one.
if [ -n "${FLYWHEEL_API_KEY:-}" ]; then
  API_KEY=$FLYWHEEL_API_KEY
elif [ -f "$STATE/api-key" ]; then
  API_KEY=$(cat "$STATE/api-key")
else
  API_KEY=fw_$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')
fi
(umask 077 && printf '%s' "$API_KEY" > "$STATE/api-key")
KEY_ENTRY="$(printf '%s' "$API_KEY" | sha256sum | cut -d' ' -f1):read+write"
export GATEWAY_API_KEYS=${GATEWAY_API_KEYS:+$GATEWAY_API_KEYS,}$KEY_ENTRY

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

TO_START=()
for svc in "${SERVICES[@]}"; do
  if pid=$(running_pid "$svc"); then
    log "$svc already runs (pid $pid)"
    continue
  fi
  port=${PORTS[$svc]}
  port_busy "$port" && die "port $port (for $svc) is taken by another process; stop it or run deploy/local/down.sh"
  TO_START+=("$svc")
done

# The AppCDS archive comes from a training run of each build (train_appcds in infra.sh), made once in target/
# and copied with the app: all services train at once, each on a free port of its own.
trainings=()
for svc in "${TO_START[@]}"; do
  app=$ROOT/$svc/target/quarkus-app
  if ! appcds_trained "$app"; then
    log "training the AppCDS archive of $svc"
    train_appcds "$app" &
    trainings+=($!)
  fi
done
for training in "${trainings[@]}"; do wait "$training" || true; done

for svc in "${TO_START[@]}"; do
  port=${PORTS[$svc]}
  log "starting $svc on :$port"
  # cp -a keeps the jars' times, which the AppCDS archive beside them checks.
  rm -rf "${APPS:?}/$svc"
  cp -a "$ROOT/$svc/target/quarkus-app" "$APPS/$svc"
  # Like nohup: the services outlive the terminal up.sh ran in.
  (trap '' HUP; service_java "$APPS/$svc") > "$LOGS/$svc.log" 2>&1 &
  echo $! > "$STATE/$svc.pid"
done

ready() { curl -fs -o /dev/null --max-time 2 "http://127.0.0.1:$1/q/health/ready"; }

# One deadline for the whole start (FLYWHEEL_START_TIMEOUT seconds): five JVMs starting together on two busy
# cores can take minutes, and a service that is merely slow must not fail the start.
deadline=$(( SECONDS + ${FLYWHEEL_START_TIMEOUT:-300} ))
for svc in "${SERVICES[@]}"; do
  port=${PORTS[$svc]}
  while [ "$SECONDS" -lt "$deadline" ]; do
    ready "$port" && break
    if ! running_pid "$svc" >/dev/null; then
      tail -40 "$LOGS/$svc.log" >&2
      die "$svc exited during start (log: $LOGS/$svc.log)"
    fi
    sleep 0.5
  done
  ready "$port" || { tail -40 "$LOGS/$svc.log" >&2; die "$svc is not ready within ${FLYWHEEL_START_TIMEOUT:-300} s (log: $LOGS/$svc.log)"; }
done

cat <<MSG

Flywheel is up.
  UI and API:  http://127.0.0.1:8080/
  API key:     $API_KEY
  Try:         curl -H "Authorization: Bearer $API_KEY" http://127.0.0.1:8080/api/status
  Logs:        $LOGS/
  Stop:        deploy/local/down.sh
MSG
