#!/usr/bin/env bash
# Shared by up.sh and .ci/run: make sure Postgres and Redis answer on loopback, starting them when they are
# installed but stopped, installing them from the OS packages when absent and we are root. Sourced, not run.

FLYWHEEL_PG_HOST=${FLYWHEEL_PG_HOST:-127.0.0.1}
FLYWHEEL_PG_PORT=${FLYWHEEL_PG_PORT:-5432}
FLYWHEEL_PG_USER=${FLYWHEEL_PG_USER:-postgres}
FLYWHEEL_REDIS_PORT=${FLYWHEEL_REDIS_PORT:-6379}
FLYWHEEL_DEPLOY_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

log() { printf '%s %s\n' "[flywheel]" "$*" >&2; }
die() { log "error: $*"; exit 1; }

can_install() { [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; }

apt_install() {
  log "installing $* from the OS packages"
  if [ -z "${FLYWHEEL_APT_UPDATED:-}" ]; then
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null || die "apt-get update failed"
    FLYWHEEL_APT_UPDATED=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null || die "apt-get install $* failed"
}

postgres_answers() {
  pg_isready -q -h "$FLYWHEEL_PG_HOST" -p "$FLYWHEEL_PG_PORT" 2>/dev/null
}

redis_answers() {
  [ "$(redis-cli -h 127.0.0.1 -p "$FLYWHEEL_REDIS_PORT" ping 2>/dev/null)" = "PONG" ]
}

wait_for() {
  local what=$1 check=$2 i
  for i in $(seq 1 60); do
    "$check" && return 0
    sleep 0.5
  done
  die "$what did not come up on loopback"
}

# Trust local connections of the postgres user, as the services' default config expects (no password).
trust_loopback() {
  local hba
  hba=$(ls /etc/postgresql/*/main/pg_hba.conf 2>/dev/null | head -1)
  [ -n "$hba" ] || return 0
  if ! grep -q '^host all postgres 127.0.0.1/32 trust' "$hba"; then
    sed -i '1i host all postgres 127.0.0.1/32 trust\nhost all postgres ::1/128 trust' "$hba"
  fi
}

ensure_postgres() {
  postgres_answers && return 0
  if ! command -v pg_ctlcluster >/dev/null 2>&1; then
    can_install || die "PostgreSQL is not installed and I cannot install it (need root and apt-get): install PostgreSQL 15+ listening on 127.0.0.1:5432 with trust auth for user postgres"
    apt_install postgresql postgresql-client
    trust_loopback
  fi
  log "starting PostgreSQL"
  local version
  version=$(ls /etc/postgresql | sort -V | tail -1)
  [ -n "$version" ] || die "no PostgreSQL cluster found under /etc/postgresql"
  pg_ctlcluster --skip-systemctl-redirect "$version" main start >/dev/null 2>&1 \
    || pg_ctlcluster "$version" main start >/dev/null 2>&1 || true
  wait_for PostgreSQL postgres_answers
  FLYWHEEL_STARTED_POSTGRES=$version
}

ensure_redis() {
  if ! command -v redis-cli >/dev/null 2>&1 && can_install; then
    apt_install redis-tools
  fi
  redis_answers && return 0
  if ! command -v redis-server >/dev/null 2>&1; then
    can_install || die "Redis is not installed and I cannot install it (need root and apt-get): install redis-server listening on 127.0.0.1:6379"
    apt_install redis-server redis-tools
  fi
  log "starting Redis"
  mkdir -p /var/lib/redis /var/log/redis 2>/dev/null || true
  redis-server --daemonize yes --bind 127.0.0.1 -::1 --port "$FLYWHEEL_REDIS_PORT" --save "" --appendonly no \
    --dir "${TMPDIR:-/tmp}" --logfile "${TMPDIR:-/tmp}/flywheel-redis.log" >/dev/null
  wait_for Redis redis_answers
  FLYWHEEL_STARTED_REDIS=1
}

ensure_database() {
  local db=$1
  psql -h "$FLYWHEEL_PG_HOST" -p "$FLYWHEEL_PG_PORT" -U "$FLYWHEEL_PG_USER" -d postgres -tAc \
    "select 1 from pg_database where datname = '$db'" | grep -q 1 && return 0
  log "creating database $db"
  psql -h "$FLYWHEEL_PG_HOST" -p "$FLYWHEEL_PG_PORT" -U "$FLYWHEEL_PG_USER" -d postgres -qc "create database $db" \
    || die "could not create database $db"
}

# The JVM flags of a service run from its fast-jar directory (<module>/target/quarkus-app) on this machine:
# deploy/jvm.flags, the module's own src/main/jvm.flags when it has one, the local heap ceiling and, when there is
# one, the AppCDS archive beside the jar (made by this machine's JVM).
jvm_flags() {
  local app_dir=$1 module_flags
  module_flags=$(dirname "$(dirname "$app_dir")")/src/main/jvm.flags
  grep -v -e '^[[:space:]]*#' -e '^[[:space:]]*$' "$FLYWHEEL_DEPLOY_DIR/jvm.flags" | tr '\n' ' '
  if [ -f "$module_flags" ]; then grep -v -e '^[[:space:]]*#' -e '^[[:space:]]*$' "$module_flags" | tr '\n' ' '; fi
  printf '%s' '-Xmx192m'
  if [ -f "$app_dir/app-cds.jsa" ]; then printf ' %s' "-XX:SharedArchiveFile=$app_dir/app-cds.jsa"; fi
  echo
}

# Replaces the build's AppCDS archive (Quarkus's, from static init only) by one from a training run: the service
# started in full on a free port, with Flyway off and Postgres and Redis pointed at a closed port, so that it needs
# neither and changes nothing; asked for health, metrics and its OpenAPI document; then stopped, when the JVM
# writes every class it linked. Issue 21: such an archive holds about twice the classes and saves 3–15% of
# start-up CPU (README, Start-up and memory).
# Dockerfile.jvm trains the same way in the image. A marker newer than the archive says it is trained already
# (a rebuild writes a new archive, which is then trained again).
appcds_trained() { [ -f "$1/app-cds.trained" ] && [ ! "$1/app-cds.jsa" -nt "$1/app-cds.trained" ]; }

train_appcds() {
  local app_dir=$1 port pid deadline path
  appcds_trained "$app_dir" && return 0
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  # The training JVM runs without the build's archive (a JDK 17 dynamic archive cannot stack on another one),
  # which comes back if training fails.
  rm -f "$app_dir/app-cds.trained"
  [ -f "$app_dir/app-cds.jsa" ] && mv "$app_dir/app-cds.jsa" "$app_dir/app-cds.jsa.build"
  (
    cd "$app_dir" || exit 1
    # shellcheck disable=SC2046,SC2086
    exec env $FLYWHEEL_JVM_ENV QUARKUS_HTTP_PORT="$port" QUARKUS_FLYWAY_MIGRATE_AT_START=false \
      QUARKUS_DATASOURCE_REACTIVE_URL=postgresql://127.0.0.1:9/training QUARKUS_REDIS_HOSTS=redis://127.0.0.1:9 \
      java $(jvm_flags "$app_dir") -XX:ArchiveClassesAtExit="$app_dir/app-cds.jsa" -Xlog:cds=off -Xlog:cds+dynamic=off \
      -jar "$app_dir/quarkus-run.jar"
  ) > "$app_dir/app-cds-training.log" 2>&1 &
  pid=$!
  deadline=$(( SECONDS + ${FLYWHEEL_START_TIMEOUT:-300} ))
  until curl -fs -o /dev/null --max-time 2 "http://127.0.0.1:$port/q/health/live"; do
    kill -0 "$pid" 2>/dev/null && [ "$SECONDS" -lt "$deadline" ] \
      || { kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; training_failed "$app_dir"; return 1; }
    sleep 0.2
  done
  for path in q/health/live q/health/ready q/metrics q/openapi api/training; do
    curl -s -o /dev/null --max-time 10 "http://127.0.0.1:$port/$path" || true
  done
  kill "$pid"
  wait "$pid" 2>/dev/null || true
  [ -s "$app_dir/app-cds.jsa" ] || { training_failed "$app_dir"; return 1; }
  rm -f "$app_dir/app-cds.jsa.build"
  touch "$app_dir/app-cds.trained"
}

training_failed() {
  local app_dir=$1
  [ -f "$app_dir/app-cds.jsa.build" ] && mv -f "$app_dir/app-cds.jsa.build" "$app_dir/app-cds.jsa"
  log "AppCDS training of $app_dir failed, it keeps the build's archive (log: $app_dir/app-cds-training.log)"
}

# The environment of those JVMs (as in each Dockerfile.jvm): two malloc arenas instead of eight per core, as
# the services' native memory is small and mostly the JVM's own.
FLYWHEEL_JVM_ENV="MALLOC_ARENA_MAX=2"

# Becomes the JVM of a service's fast-jar, with the flags (FLYWHEEL_JAVA_OPTS replaces them) and environment
# above, run from the jar's directory because the AppCDS archive names the jar relative to it.
# Run it in the background: ( service_java <app dir> ) > log &   ($! is then the JVM).
service_java() {
  local app_dir=$1
  cd "$app_dir" || return 1
  # shellcheck disable=SC2086
  exec env $FLYWHEEL_JVM_ENV java ${FLYWHEEL_JAVA_OPTS:-$(jvm_flags "$app_dir")} -jar "$app_dir/quarkus-run.jar"
}
