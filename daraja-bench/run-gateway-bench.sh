#!/usr/bin/env bash
# Measures the gateway (BENCHMARKS.md "Gateway"), all in one run on this machine:
#   1. the ceiling: nginx answering a constant, driven with the same callback bodies;
#   2. for SQLite and then PostgreSQL: cold start to ready on an empty database, durable STK
#      callback ingest closed loop (as fast as the connections allow), then open loop at
#      RATE callbacks/s for latency, the gateway's RSS sampled every second throughout;
#      then end-to-end payment creation through POST /v1/payments to the embedded emulator.
#
# Usage: daraja-bench/run-gateway-bench.sh [duration-seconds] [connections]
# Environment: WARMUP (seconds, default 30), RATE (default 5000; PostgreSQL is also measured at
#   PG_RATE, default 2500, a rate it sustains on this machine), SKIP_POSTGRES=1,
#   PG_URL (default jdbc:postgresql://127.0.0.1:5432/darajakit_bench?user=postgres; the database
#   is dropped and created, so it must be one used for nothing else).
# Needs: nginx (Debian package nginx-light), curl; psql for PostgreSQL.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
duration="${1:-30}"
connections="${2:-64}"
warmup="${WARMUP:-30}"
rate="${RATE:-5000}"
pg_rate="${PG_RATE:-2500}"
pg_url="${PG_URL:-jdbc:postgresql://127.0.0.1:5432/darajakit_bench?user=postgres}"
api_key="dk_bench_$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
secret="bench$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
work="$(mktemp -d -t daraja-gateway-bench.XXXXXX)"
gateway_pid=""
sampler_pid=""

cleanup() {
  [[ -n "$sampler_pid" ]] && kill "$sampler_pid" 2>/dev/null || true
  [[ -n "$gateway_pid" ]] && kill "$gateway_pid" 2>/dev/null || true
  [[ -f "$work/nginx.pid" ]] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

for port in 8080 8099; do
  if (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null; then
    echo "port $port is busy: stop whatever listens there first" >&2; exit 1
  fi
done
command -v nginx >/dev/null || { echo "nginx is needed: apt-get install -y nginx-light" >&2; exit 1; }
(cd "$root" && ./mvnw -q -B -DskipTests -Dspotless.check.skip=true -pl daraja-cli,daraja-bench -am package)

load=(java -Xmx2g -cp "$root/daraja-bench/target/daraja-bench.jar" io.github.darajakit.bench.GatewayLoadTest)
timing=(--connections "$connections" --duration "${duration}s" --warmup "${warmup}s")

echo "== machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(java -version 2>&1 | head -1), $(date -u +%FT%TZ)"
echo "== ceiling: nginx returning a constant, same callback bodies"
nginx -c "$root/daraja-bench/nginx/ceiling.conf" -p "$work" -g "daemon on;"
sleep 0.5
"${load[@]}" callbacks --ceiling http://127.0.0.1:8099/ --run ceiling "${timing[@]}"
kill "$(cat "$work/nginx.pid")"; rm -f "$work/nginx.pid"

# start_gateway LABEL ARGS... : starts the gateway, prints the milliseconds to a healthy /health.
start_gateway() {
  local label="$1"; shift
  local started; started=$(date +%s%N)
  DARAJA_API_KEY="$api_key" DARAJA_CALLBACK_SECRET="$secret" \
    java -Xmx1g -jar "$root/daraja-cli/target/daraja.jar" gateway --port 8080 "$@" \
    >>"$work/gateway-$label.log" 2>&1 &
  gateway_pid=$!
  for _ in $(seq 1 1500); do
    if curl -sf -o /dev/null http://127.0.0.1:8080/health; then
      echo "ready_ms=$(( ($(date +%s%N) - started) / 1000000 )) ($label)"
      return 0
    fi
    kill -0 "$gateway_pid" 2>/dev/null || break
    sleep 0.02
  done
  echo "gateway did not become ready; its log:" >&2; tail -50 "$work/gateway-$label.log" >&2; exit 1
}

stop_gateway() {
  kill "$gateway_pid"; wait "$gateway_pid" 2>/dev/null || true; gateway_pid=""
}

# The gateway's resident set, every second, while it takes load.
sample_rss() {
  while kill -0 "$gateway_pid" 2>/dev/null; do
    ps -o rss= -p "$gateway_pid" >>"$work/rss-$1" || true
    sleep 1
  done
}

report_rss() {
  sort -n "$work/rss-$1" | awk -v l="$1" '{a[NR]=$1} END {printf "rss_mib (%s) min=%.0f median=%.0f max=%.0f over %d samples\n", l, a[1]/1024, a[int((NR+1)/2)]/1024, a[NR]/1024, NR}'
}

# store_bench LABEL JDBC_URL PEAK "RATES" GATEWAY_ARGS... : PEAK bounds the closed-loop rate
# seeded for; each of RATES is an open-loop run.
store_bench() {
  local label="$1"; local db="$2"; local max_count=$(( (duration + warmup + 10) * $3 ))
  local rates="$4"; shift 4
  echo "== $label: cold start on an empty database (migrations, API key, callback secret)"
  start_gateway "$label-empty" "$@"
  stop_gateway
  echo "== $label: seeding pending payments"
  "${load[@]}" seed --db "$db" --count "$max_count" --run max
  for r in $rates; do
    "${load[@]}" seed --db "$db" --count $(( (duration + warmup + 10) * r )) --run "rate$r"
  done
  echo "== $label: start with the payments stored"
  start_gateway "$label" "$@"
  sample_rss "$label" & sampler_pid=$!
  echo "== $label: durable STK callback ingest, closed loop"
  "${load[@]}" callbacks --url "http://127.0.0.1:8080/daraja/$secret/stk" --count "$max_count" --run max "${timing[@]}"
  for r in $rates; do
    echo "== $label: open loop at $r/s"
    "${load[@]}" callbacks --url "http://127.0.0.1:8080/daraja/$secret/stk" \
      --count $(( (duration + warmup + 10) * r )) --run "rate$r" --rate "$r" "${timing[@]}"
  done
  kill "$sampler_pid" 2>/dev/null || true; sampler_pid=""
  report_rss "$label"
  echo "== $label: end to end, POST /v1/payments -> STK push to the embedded emulator -> its callback"
  "${load[@]}" payments --url http://127.0.0.1:8080/v1/payments --api-key "$api_key" "${timing[@]}"
  sleep 5
  echo "== $label: what the gateway counted (all runs, warm-ups included)"
  curl -s http://127.0.0.1:8080/metrics \
    | grep -E '^daraja_gateway_callbacks_total|^daraja_gateway_callback_commit_seconds|stk.push' || true
  stop_gateway
}

sqlite_dir="$work/sqlite"
store_bench sqlite "jdbc:sqlite:$sqlite_dir/gateway.db" 20000 "$rate" --data-dir "$sqlite_dir"

if [[ "${SKIP_POSTGRES:-}" != 1 ]]; then
  pg_db="${pg_url#jdbc:postgresql://*/}"; pg_db="${pg_db%%\?*}"
  psql -h 127.0.0.1 -U postgres -d postgres -qc "DROP DATABASE IF EXISTS $pg_db" -c "CREATE DATABASE $pg_db"
  store_bench postgresql "$pg_url" 8000 "$rate $pg_rate" --data-dir "$work/pg-data" --db "$pg_url"
fi

