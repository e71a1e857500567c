#!/usr/bin/env bash
# GET /api/v1/coverage at national scale with a year of daily history, under 64 concurrent connections (wrk),
# against nginx serving the same JSON bytes from a file, in the same run; then past as_of answers (cold cache).
#
# Usage: Benchmarks/coverage.sh [DAYS]        (default 365; needs a release build, wrk and nginx)
#   swift build -c release && Benchmarks/coverage.sh
# Everything runs on loopback in a throwaway data dir, removed at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
days=${1:-365}
bin=${KH02_BINARY:-.build/release/kh02}
[ -x "$bin" ] || { echo "build first: swift build -c release (or set KH02_BINARY)"; exit 1; }
command -v wrk >/dev/null && command -v nginx >/dev/null || { echo "needs wrk and nginx: apt-get install wrk nginx"; exit 1; }

work=$(mktemp -d /tmp/kh02-coverage-bench.XXXXXX)
chmod 755 "$work"
server_pid=""; nginx_conf="$work/nginx.conf"
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
  [ -f "$work/nginx.pid" ] && nginx -c "$nginx_conf" -s stop 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

echo "loading $days daily rounds of demo data through the ingestion path…"
start=$(date +%s)
"$bin" demo --data-dir "$work/data" --days "$days" 2>/dev/null | tail -1
echo "  loaded in $(( $(date +%s) - start )) s"
token=$("$bin" token create --role central --name "coverage bench" --data-dir "$work/data" 2>/dev/null | grep '^kh02_')

"$bin" serve --port 18090 --data-dir "$work/data" > "$work/serve.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 300); do grep -q "is running at" "$work/serve.log" && break; sleep 0.1; done
api="http://127.0.0.1:18090/api/v1/coverage"
curl -sf -H "Authorization: Bearer $token" "$api" -o "$work/coverage.json"
echo "coverage answer: $(wc -c < "$work/coverage.json") bytes, $(curl -sf -H "Authorization: Bearer $token" -H "Accept-Encoding: gzip" "$api" | wc -c) gzip-encoded"

cat > "$nginx_conf" <<CONF
worker_processes 1;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  server {
    listen 127.0.0.1:18091;
    location = /coverage.json { root $work; default_type application/json; }
  }
}
CONF
nginx -c "$nginx_conf"
sleep 0.3

run() { wrk -t2 -c64 -d"${DURATION:-10}"s --latency "$@" 2>&1; }
parse() { awk '/Requests\/sec/ {rps=$2} /^ +99%/ {p99=$2} END {print rps, p99}'; }
echo "wrk: 2 threads, 64 connections, ${DURATION:-10} s each"
read -r api_rps api_p99 < <(run -H "Authorization: Bearer $token" "$api" | parse)
read -r gzip_rps gzip_p99 < <(run -H "Authorization: Bearer $token" -H "Accept-Encoding: gzip" "$api" | parse)
read -r nginx_rps nginx_p99 < <(run "http://127.0.0.1:18091/coverage.json" | parse)
# The framework's floor on this machine: the smallest answer kh02 gives (no token, no cache, a constant body).
read -r health_rps health_p99 < <(run "http://127.0.0.1:18090/health" | parse)
printf "%-34s %12s %10s\n" "" "requests/s" "p99"
printf "%-34s %12s %10s\n" "kh02 GET /api/v1/coverage" "$api_rps" "$api_p99"
printf "%-34s %12s %10s\n" "the same, Accept-Encoding: gzip" "$gzip_rps" "$gzip_p99"
printf "%-34s %12s %10s\n" "nginx, same bytes from a file" "$nginx_rps" "$nginx_p99"
printf "%-34s %12s %10s\n" "kh02 GET /health (framework floor)" "$health_rps" "$health_p99"
awk -v a="$api_rps" -v n="$nginx_rps" -v h="$health_rps" 'BEGIN { printf "ratio kh02 / nginx: %.2f (coverage / health: %.2f)\n", a / n, a / h }'

echo "past as_of, each a cold cache (a full rescore from the stored reports):"
today=$(TZ=Asia/Ho_Chi_Minh date +%F)
times=()
for back in 3 10 30 60 90 120 180 240 300 $(( days - 5 )); do
  day=$(date -d "$today - $back days" +%F)
  t=$(curl -s -o /dev/null -w '%{time_total}' -H "Authorization: Bearer $token" "$api?as_of=$day")
  times+=("$t")
  printf "  as_of %s  %6.1f ms\n" "$day" "$(awk -v t="$t" 'BEGIN { print t * 1000 }')"
done
printf "%s\n" "${times[@]}" | sort -n | awk '{ a[NR] = $1 } END { printf "past as_of: median %.1f ms, max %.1f ms\n", a[int((NR + 1) / 2)] * 1000, a[NR] * 1000 }'
