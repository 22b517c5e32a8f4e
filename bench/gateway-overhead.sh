#!/usr/bin/env bash
# Benchmark 1: GET resolved-config through the gateway, through nginx (keep-alive reverse proxy) and directly,
# with wrk at 64 connections. Targets: gateway throughput >= nginx's, gateway p99 <= 5 ms, zero non-2xx.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
need_suite
need_tool wrk
need_tool nginx nginx-light
DURATION=${BENCH_DURATION:-15s}
CONNECTIONS=${BENCH_CONNECTIONS:-64}

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
    listen 127.0.0.1:8090;
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

run_wrk() {
  wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -H "Authorization: Bearer $KEY" "$1" > "$conf/$2.txt"
  rps=$(awk '/Requests\/sec/{print $2}' "$conf/$2.txt")
  p99=$(awk '$1=="99%"{print $2}' "$conf/$2.txt")
  non2xx=$(awk '/Non-2xx/{print $NF}' "$conf/$2.txt")
  echo "$rps ${p99:-?} ${non2xx:-0}"
}

wrk -t2 -c"$CONNECTIONS" -d5s -H "Authorization: Bearer $KEY" "$GATEWAY$path" > /dev/null   # warm-up
read -r direct_rps direct_p99 direct_bad <<< "$(run_wrk "$VARIANT$path" direct)"
read -r nginx_rps nginx_p99 nginx_bad <<< "$(run_wrk "http://127.0.0.1:8090$path" nginx)"
read -r gw_rps gw_p99 gw_bad <<< "$(run_wrk "$GATEWAY$path" gateway)"

echo "gateway overhead, $CONNECTIONS connections, $DURATION each"
figure gateway-overhead "direct req/s" "$direct_rps" "reference"
figure gateway-overhead "direct p99" "$direct_p99" "reference"
figure gateway-overhead "nginx req/s" "$nginx_rps" "reference"
figure gateway-overhead "nginx p99" "$nginx_p99" "reference"
figure gateway-overhead "gateway req/s" "$gw_rps" ">= nginx ($nginx_rps)"
figure gateway-overhead "gateway p99" "$gw_p99" "<= 5ms"
figure gateway-overhead "gateway/nginx throughput ratio" "$(python3 -c "print(round($gw_rps/$nginx_rps,2))")" ">= 1.0"
figure gateway-overhead "non-2xx (direct/nginx/gateway)" "$direct_bad/$nginx_bad/$gw_bad" "0/0/0"
