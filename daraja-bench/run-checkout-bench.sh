#!/usr/bin/env bash
# Measures the hosted checkout (BENCHMARKS.md "Checkout pages"): how heavy the customer's page is
# and how soon a phone draws it on a slow network, and how many checkout sessions the gateway
# creates and serves a second. Starts ./daraja gateway (java -Xmx1g, embedded emulator, SQLite, a
# fresh data directory), then:
#   1. the page's size (as sent, and gzipped for reference) with curl;
#   2. CheckoutPageBench: a session's page, a link's page, and for comparison the dashboard's
#      sign-in page (separate script and style files), each loaded RUNS times in a fresh headless
#      Chromium, unthrottled and at DevTools' "Slow 3G";
#   3. wrk (-t1 -c64, WARMUP s of warm-up, then DURATION s measured), in one run: nginx answering a
#      constant (the machine's HTTP ceiling), GET of a session's page, GET of the JSON the page
#      polls, and POST /v1/checkout-sessions (a new order each), with the CPU wrk and the server
#      used; the sessions the gateway says it created are checked against wrk's count.
#
# Usage: daraja-bench/run-checkout-bench.sh [duration] [connections] [runs]  defaults: 30 64 5
# Needs: wrk, nginx-light, curl, python3, chromium and chromium-driver (apt-get install -y …).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=bench-lib.sh
source "$root/daraja-bench/bench-lib.sh"
duration="${1:-30}"
connections="${2:-64}"
runs="${3:-5}"
warmup="${WARMUP:-10}"
api_key="dk_bench_$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
work="$(mktemp -d -t daraja-checkout-bench.XXXXXX)"
gateway_pid=""
cleanup() {
  [[ -n "$gateway_pid" ]] && kill "$gateway_pid" 2>/dev/null || true
  [[ -f "$work/nginx.pid" ]] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

require_tools "python3 chromium chromium-driver" wrk nginx curl python3 chromium chromedriver
require_free_ports 8080 8099
(cd "$root" && ./mvnw -q -B -DskipTests -Dspotless.check.skip=true -Dmaven.javadoc.skip=true \
  -Dmaven.source.skip=true -Dmaven.antrun.skip=true -pl daraja-cli,daraja-bench -am package)
bench_jar="$root/daraja-bench/target/daraja-bench.jar"
print_machine

DARAJA_API_KEY="$api_key" java -Xmx1g -jar "$root/daraja-cli/target/daraja.jar" gateway \
  --port 8080 --data-dir "$work/data" >"$work/gateway.log" 2>&1 &
gateway_pid=$!
for _ in $(seq 1 120); do
  curl -sf http://127.0.0.1:8080/health >/dev/null 2>&1 && break
  sleep 0.5
done
gw=http://127.0.0.1:8080
auth=(-H "Authorization: Bearer $api_key" -H 'Content-Type: application/json')
json_field() { python3 -c "import json,sys; print(json.load(sys.stdin)['$1'])"; }
session_url="$(curl -sf "${auth[@]}" -X POST $gw/v1/checkout-sessions -d \
  '{"amount":1500,"reference":"ORDER-1044","description":"Order 1044","success_url":"https://shop.example/paid","cancel_url":"https://shop.example/cart"}' \
  | json_field url)"
link_url="$(curl -sf "${auth[@]}" -X POST $gw/v1/payment-links -d \
  '{"amount":500,"reference":"LUNCH","description":"Lunch at the canteen"}' | json_field url)"
session_code="${session_url##*/}"

echo "== 1. the page as sent"
for page in "$session_url" "$link_url"; do
  curl -s -o "$work/page.html" -D "$work/page.headers" "$page"
  printf '%s: %s bytes (%s gzipped), %s\n' "$page" "$(wc -c <"$work/page.html")" \
    "$(gzip -9c "$work/page.html" | wc -c)" \
    "$(grep -ci '^content-encoding' "$work/page.headers" | sed 's/^0$/sent uncompressed/;s/^1$/sent compressed/')"
done

echo "== 2. first render, fresh browser each load, median of $runs"
java -cp "$bench_jar" io.github.darajakit.bench.CheckoutPageBench "$runs" \
  "checkout session page=$session_url" "payment link page=$link_url" \
  "dashboard sign-in (for comparison)=$gw/" 2>/dev/null

echo "== 3. requests a second (wrk -t1 -c$connections, ${warmup}s warm-up, ${duration}s measured)"
# measure LABEL SERVER_PID wrk-args... : a warm-up run, then the measured one with the CPU used.
measure() {
  local label="$1" server_pid="$2"; shift 2
  local file; file="$(file_name "$label")"
  : >"$work/warm-$file.out"
  if ((warmup > 0)); then wrk -t1 -c"$connections" -d"${warmup}s" "$@" >"$work/warm-$file.out"; fi
  children_cpu; local wrk0="$children_cpu_s" server0; server0="$(cpu_ticks "$server_pid")"
  local started; started=$(date +%s%N)
  wrk -t1 -c"$connections" -d"${duration}s" --latency "$@" >"$work/wrk-$file.out"
  children_cpu
  awk -v label="$label" -v w0="$wrk0" -v w1="$children_cpu_s" -v s0="$server0" \
    -v s1="$(cpu_ticks "$server_pid")" -v hz="$(getconf CLK_TCK)" \
    -v ns="$(( $(date +%s%N) - started ))" -v out="$work/rate-$file" '
    /Requests\/sec/ { rate = $2 }
    /^ +50%/ { p50 = $2 } /^ +99%/ { p99 = $2 }
    /Non-2xx/ { bad = $5 }
    END {
      secs = ns / 1e9
      printf "| %s | %s | %s | %s | %.2f | %.2f | %d |\n", label, rate, p50, p99,
        (w1 - w0) / secs, (s1 - s0) / hz / secs, bad
      print rate > out
    }' "$work/wrk-$file.out"
}
# file_name LABEL : LABEL with everything but letters and digits made _.
file_name() { printf '%s' "$1" | tr -c 'A-Za-z0-9' '_'; }
echo "| what | requests/s | p50 | p99 | CPU wrk (cores) | CPU server (cores) | non-2xx |"
echo "|---|---|---|---|---|---|---|"
nginx -c "$root/daraja-bench/nginx/ceiling.conf" -p "$work" -g "daemon on;"
sleep 0.5
measure "nginx constant (ceiling)" "$(cat "$work/nginx.pid")" http://127.0.0.1:8099/
kill "$(cat "$work/nginx.pid")"
measure "GET a session's page" "$gateway_pid" "$session_url"
measure "GET the JSON the page polls" "$gateway_pid" "$gw/pay/api/s/$session_code"
before="$(curl -sf "${auth[@]}" "$gw/v1/checkout/funnel" | json_field created)"
API_KEY="$api_key" measure "POST /v1/checkout-sessions" "$gateway_pid" \
  -s "$root/daraja-bench/wrk/checkout-sessions.lua" "$gw/v1/checkout-sessions"
after="$(curl -sf "${auth[@]}" "$gw/v1/checkout/funnel" | json_field created)"
ceiling="$(cat "$work/rate-$(file_name "nginx constant (ceiling)")")"
for label in "GET a session's page" "GET the JSON the page polls" "POST /v1/checkout-sessions"; do
  awk -v l="$label" -v r="$(cat "$work/rate-$(file_name "$label")")" -v c="$ceiling" \
    'BEGIN { printf "%s: %.3f of the nginx ceiling\n", l, r / c }'
done
# Every 2xx wrk counted (warm-up and measured) must be a session the gateway created, and no more.
post="$(file_name "POST /v1/checkout-sessions")"
answered="$(cat "$work/warm-$post.out" "$work/wrk-$post.out" \
  | awk '/requests in/ { n += $1 } /Non-2xx/ { n -= $5 } END { print n }')"
echo "POST /v1/checkout-sessions: wrk counted $answered answered 2xx; the gateway's funnel counts $((after - before)) sessions created"
# wrk does not count the requests still in flight when a run stops (one per connection at most, in
# the warm-up and in the measured run); the gateway may have answered them.
extra=$((after - before - answered))
if ((extra < 0 || extra > 2 * connections)); then
  echo "MISMATCH: $extra sessions beyond wrk's count (0 to $((2 * connections)) expected)" >&2
  exit 1
fi
