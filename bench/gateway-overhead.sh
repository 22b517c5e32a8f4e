#!/usr/bin/env bash
# Benchmark 1: GET resolved-config through the gateway, through nginx (keep-alive reverse proxy) and directly,
# with wrk at 64 connections. Targets (issue 21): gateway throughput >= nginx's, CPU per proxied request <= nginx's,
# p99 <= nginx's in the same run, zero non-2xx.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
need_suite
need_tool wrk
need_tool nginx nginx-light
DURATION=${BENCH_DURATION:-15s}
CONNECTIONS=${BENCH_CONNECTIONS:-64}
# Where nginx listens; the services' pids (a suite that up.sh did not start names them here).
NGINX_PORT=${BENCH_NGINX_PORT:-8090}
variant_pid=${FLYWHEEL_VARIANT_PID:-$(cat "$BENCH_ROOT/.flywheel/variant-service.pid")}
gateway_pid=${FLYWHEEL_GATEWAY_PID:-$(cat "$BENCH_ROOT/.flywheel/gateway.pid")}

agent=$(api POST /api/agents "{\"name\":\"bench-$(date +%s%N)\",\"model_provider\":\"echo\",\"model_name\":\"any\"}" | json_field "['id']")
path=/api/agents/$agent/resolved-config

conf=$(mktemp -d)
cat > "$conf/nginx.conf" <<NGINX
worker_processes auto;
pid $conf/nginx.pid;
error_log $conf/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  upstream variant { server ${VARIANT#http://}; keepalive 128; }
  server {
    listen 127.0.0.1:$NGINX_PORT;
    location / {
      proxy_pass http://variant;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
    }
  }
}
NGINX
nginx -c "$conf/nginx.conf"
trap 'nginx -c "$conf/nginx.conf" -s quit 2>/dev/null || true' EXIT

# CPU time (clock ticks) of the given processes: what a proxy spends, whatever else the machine is doing; user time
# alone with ticks_user (the kernel's share, socket work, is about the same for every proxy: the difference is user).
ticks() { for pid in "$@"; do awk '{print $14+$15}' "/proc/$pid/stat"; done | awk '{s+=$1} END {print s+0}'; }
ticks_user() { for pid in "$@"; do awk '{print $14}' "/proc/$pid/stat"; done | awk '{s+=$1} END {print s+0}'; }

# Runs wrk against $1 and prints req/s, p99, non-2xx and the CPU microseconds per request of processes $3..., all and
# user time only.
run_wrk() {
  local url=$1 name=$2; shift 2
  local before; before=$(ticks "$@")
  local before_user; before_user=$(ticks_user "$@")
  wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -H "Authorization: Bearer $KEY" "$url" > "$conf/$name.txt"
  local after; after=$(ticks "$@")
  local after_user; after_user=$(ticks_user "$@")
  rps=$(awk '/Requests\/sec/{print $2}' "$conf/$name.txt")
  p99=$(awk '$1=="99%"{print $2}' "$conf/$name.txt")
  non2xx=$(awk '/Non-2xx/{print $NF}' "$conf/$name.txt")
  requests=$(awk '/requests in/{print $1}' "$conf/$name.txt")
  cpu_us=$(python3 -c "print(round(($after-$before)*1e6/$(getconf CLK_TCK)/$requests,1))")
  user_us=$(python3 -c "print(round(($after_user-$before_user)*1e6/$(getconf CLK_TCK)/$requests,1))")
  echo "$rps ${p99:-?} ${non2xx:-0} $cpu_us $user_us"
}

# Warm-up long enough for the JIT to finish compiling the proxy path on two cores.
wrk -t2 -c"$CONNECTIONS" -d"${BENCH_WARMUP:-20s}" -H "Authorization: Bearer $KEY" "$GATEWAY$path" > /dev/null
nginx_pids=$(pgrep -P "$(cat "$conf/nginx.pid")" | tr '\n' ' ')
read -r direct_rps direct_p99 direct_bad direct_cpu direct_user <<< "$(run_wrk "$VARIANT$path" direct "$variant_pid")"
# shellcheck disable=SC2086
read -r nginx_rps nginx_p99 nginx_bad nginx_cpu nginx_user <<< "$(run_wrk "http://127.0.0.1:$NGINX_PORT$path" nginx $nginx_pids)"
read -r gw_rps gw_p99 gw_bad gw_cpu gw_user <<< "$(run_wrk "$GATEWAY$path" gateway "$gateway_pid")"

# A 429 from the suite's default rate limit (or a 404) costs a proxy almost nothing: figures taken over such answers
# would say nothing about forwarding, so none are recorded.
if [ "$direct_bad/$nginx_bad/$gw_bad" != "0/0/0" ]; then
  die "non-2xx answers (direct/nginx/gateway: $direct_bad/$nginx_bad/$gw_bad), no figures recorded; for the gateway start it with GATEWAY_RATE_LIMIT_RATE=1000000 GATEWAY_RATE_LIMIT_BURST=1000000 (README, Performance)"
fi
echo "gateway overhead, $CONNECTIONS connections, $DURATION each"
figure gateway-overhead "direct req/s" "$direct_rps" "reference"
figure gateway-overhead "direct p99" "$direct_p99" "reference"
figure gateway-overhead "nginx req/s" "$nginx_rps" "reference"
figure gateway-overhead "nginx p99" "$nginx_p99" "reference"
figure gateway-overhead "gateway req/s" "$gw_rps" ">= nginx ($nginx_rps)"
figure gateway-overhead "gateway p99" "$gw_p99" "<= nginx ($nginx_p99)"
figure gateway-overhead "gateway/nginx throughput ratio" "$(python3 -c "print(round($gw_rps/$nginx_rps,2))")" ">= 1.0"
figure gateway-overhead "variant-service CPU per request (us)" "$direct_cpu" "reference"
figure gateway-overhead "nginx CPU per proxied request (us)" "$nginx_cpu" "reference"
figure gateway-overhead "gateway CPU per proxied request (us)" "$gw_cpu" "<= nginx ($nginx_cpu)"
figure gateway-overhead "nginx user CPU per proxied request (us)" "$nginx_user" "reference"
figure gateway-overhead "gateway user CPU per proxied request (us)" "$gw_user" "<= nginx ($nginx_user)"
figure gateway-overhead "gateway/nginx CPU per request ratio" "$(python3 -c "print(round($gw_cpu/$nginx_cpu,2) if $nginx_cpu else 'n/a')")" "<= 1.0"
figure gateway-overhead "non-2xx (direct/nginx/gateway)" "$direct_bad/$nginx_bad/$gw_bad" "0/0/0"
