#!/usr/bin/env bash
# Stops exactly what deploy/local/up.sh started: the five services it launched and, if it had to start them,
# Redis and Postgres. Anything it did not start is left alone.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
STATE=${FLYWHEEL_STATE_DIR:-$ROOT/.flywheel}
# shellcheck source=infra.sh
source "$ROOT/deploy/local/infra.sh"

for svc in gateway selftest-service run-service verify-service variant-service; do
  pidfile=$STATE/$svc.pid
  [ -f "$pidfile" ] || continue
  pid=$(cat "$pidfile")
  if kill -0 "$pid" 2>/dev/null && tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null | grep -qF "$STATE/apps/$svc/quarkus-run.jar"; then
    log "stopping $svc (pid $pid)"
    kill "$pid"
    for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
  fi
  rm -f "$pidfile"
done

if [ -f "$STATE/started-redis" ]; then
  log "stopping the Redis that up.sh started"
  redis-cli -h 127.0.0.1 -p "$FLYWHEEL_REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true
  rm -f "$STATE/started-redis"
fi
if [ -f "$STATE/started-postgres" ]; then
  log "stopping the PostgreSQL that up.sh started"
  pg_ctlcluster --skip-systemctl-redirect "$(cat "$STATE/started-postgres")" main stop >/dev/null 2>&1 || true
  rm -f "$STATE/started-postgres"
fi
log "stopped"
