#!/usr/bin/env bash
# Runs every fault scenario one after the other (each brings up and tears down its own Postgres, Redis and
# services) and exits non-zero when any of them failed. Needs the packaged jars (`./mvnw verify` or
# `./mvnw -DskipTests package -pl variant-service,run-service,verify-service -am`).
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
SCENARIOS=(redis-outage run-replica-killed two-replicas postgres-restart variant-service-down verify-backends-hanging)
failed=()
summary=()
all_started=$(date +%s)
for scenario in "${SCENARIOS[@]}"; do
  started=$(date +%s)
  echo "===== $scenario"
  if ./"$scenario".sh; then outcome=PASS; else outcome=FAIL; failed+=("$scenario"); fi
  summary+=("$(printf '%-26s %s  %4d s' "$scenario" "$outcome" $(( $(date +%s) - started )))")
done
echo "===== summary ($(( $(date +%s) - all_started )) s)"
printf '%s\n' "${summary[@]}"
if [ "${#failed[@]}" -gt 0 ]; then
  echo "failed: ${failed[*]}"
  exit 1
fi
