#!/usr/bin/env bash
# Benchmark 5: each service's time from process start to its first successful /q/health/ready, with the JVM
# flags every service runs with (deploy/jvm.flags, the local heap ceiling and the AppCDS archive of a training
# run, as up.sh makes it; the Dockerfiles do the same), and the resident memory of the suite's running services (run it after
# gateway-overhead.sh and run-throughput.sh so they have seen load). FLYWHEEL_JAVA_OPTS replaces the flags.
# Targets: <= 2.0 s to first response and <= 160 MB RSS per service.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
need_suite
work=$(mktemp -d)

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

for svc in gateway selftest-service variant-service run-service verify-service; do
  app=$BENCH_ROOT/$svc/target/quarkus-app
  GATEWAY_API_KEYS="$(printf x | sha256sum | cut -d' ' -f1):read" train_appcds "$app" || true
  port=$(free_port)
  start=$(date +%s%N)
  QUARKUS_HTTP_PORT=$port GATEWAY_API_KEYS="$(printf x | sha256sum | cut -d' ' -f1):read" \
    service_java "$app" > "$work/$svc.log" 2>&1 &
  pid=$!
  until curl -fs -o /dev/null "http://127.0.0.1:$port/q/health/ready"; do
    kill -0 "$pid" 2>/dev/null || { tail -20 "$work/$svc.log"; die "$svc exited"; }
    sleep 0.02
  done
  elapsed=$(( ($(date +%s%N) - start) / 1000000 ))
  kill "$pid"; wait "$pid" 2>/dev/null || true
  figure startup-memory "$svc start to first ready (ms)" "$elapsed" "<= 2000"
done

for svc in gateway selftest-service variant-service run-service verify-service; do
  pid=$(cat "$BENCH_ROOT/.flywheel/$svc.pid" 2>/dev/null || true)
  [ -n "$pid" ] && [ -r "/proc/$pid/status" ] || { log "$svc is not running under up.sh: no RSS figure"; continue; }
  rss_kb=$(awk '/VmRSS/{print $2}' "/proc/$pid/status")
  figure startup-memory "$svc RSS under up.sh (MB)" "$(( rss_kb / 1024 ))" "<= 160"
done
