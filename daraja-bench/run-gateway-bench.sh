#!/usr/bin/env bash
# Measures the gateway (BENCHMARKS.md "Gateway"), all in one run on this machine:
#   1. two ceilings, each driven by wrk with the same script and STK callback bodies as the
#      gateway (daraja-bench/wrk/callbacks.lua: a POST of one callback body per request):
#      nginx answering a constant (daraja-bench/nginx/ceiling.conf), and a bare Jetty handler
#      answering a constant (JettyCeiling: the gateway's Jetty, set up as the gateway sets it up,
#      started with the gateway's JVM flags);
#   2. for SQLite and then PostgreSQL: cold start to ready on an empty database; durable STK
#      callback ingest driven by wrk, closed loop, against payments seeded beforehand, then checked
#      from the database: every acknowledged (200) callback must have settled its payment; then
#      open loop at RATE callbacks/s for latency (GatewayLoadTest, which paces and times each
#      callback from when it was due); the gateway's RSS sampled every second throughout; then
#      end-to-end payment creation through POST /v1/payments to the embedded emulator;
#   3. the gateway's matched callbacks/s as a ratio to both ceilings.
# Every wrk run is preceded by a WARMUP-second wrk run of its own (the gateway's on other payments).
#
# Usage: daraja-bench/run-gateway-bench.sh [duration-seconds] [connections]
# Environment: WARMUP (seconds, default 30), WRK_THREADS (default 1), RATE (default 5000;
#   PostgreSQL is also measured at PG_RATE, default 2500, a rate it sustains on this machine),
#   SQLITE_PEAK and PG_PEAK (default 25000 and 10000: the closed-loop callbacks/s that payments are
#   seeded for; wrk wraps around to duplicates beyond that, reported as such), SKIP_POSTGRES=1,
#   PG_URL (default jdbc:postgresql://127.0.0.1:5432/darajakit_bench?user=postgres;
#   the database is dropped and created, so it must be one used for nothing else).
# Needs: wrk and nginx (Debian: apt-get install -y wrk nginx-light), curl, procps; psql for PostgreSQL;
#   ports 8080 (gateway), 8098 (Jetty ceiling) and 8099 (nginx ceiling) free.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/daraja-bench/bench-lib.sh"
load_settings "$@"
rate="${RATE:-5000}"
sqlite_peak="${SQLITE_PEAK:-25000}"
pg_peak="${PG_PEAK:-10000}"
pg_rate="${PG_RATE:-2500}"
pg_url="${PG_URL:-jdbc:postgresql://127.0.0.1:5432/darajakit_bench?user=postgres}"
api_key="dk_bench_$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
secret="bench$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"

tools=(wrk nginx curl java)
[[ "${SKIP_POSTGRES:-}" == 1 ]] || tools+=(psql)
require_tools "(psql: postgresql-client; or SKIP_POSTGRES=1)" "${tools[@]}"
require_free_ports 8080 8098 8099

work="$(mktemp -d -t daraja-gateway-bench.XXXXXX)"
gateway_pid=""
sampler_pid=""

cleanup() {
  [[ -n "$sampler_pid" ]] && kill "$sampler_pid" 2>/dev/null || true
  [[ -n "$gateway_pid" ]] && kill "$gateway_pid" 2>/dev/null || true
  stop_ceilings
  rm -rf "$work"
}
trap cleanup EXIT

(cd "$root" && ./mvnw -q -B -DskipTests -Dspotless.check.skip=true -pl daraja-cli,daraja-bench -am package)

# The gateway's JVM, given to the Jetty ceiling as well.
gateway_java=(java -Xmx1g)
bench_jar="$root/daraja-bench/target/daraja-bench.jar"
load=(java -Xmx2g -cp "$bench_jar" io.github.darajakit.bench.GatewayLoadTest)
timing=(--connections "$connections" --duration "${duration}s" --warmup "${warmup}s")
summary="$work/summary"
shortfall=0

print_machine
echo "== load: wrk -t$wrk_threads -c$connections, ${warmup}s warm-up then ${duration}s measured, for every ceiling and ingest run"

# Between the warm-up and the measurement: what a warm-up callback still in flight commits now
# is not counted against the measured run.
wrk_before_measure() {
  [[ -n "$gateway_pid" ]] || return 0
  sleep 1
  metrics_snapshot "$work/metrics-$1-before"
}

write_ceiling_bodies

echo "== ceiling 1: nginx returning a constant ($(nginx -v 2>&1 | cut -d/ -f2))"
ceiling_nginx nginx
nginx_rate="$(answered_rate "$work/wrk-nginx")"

echo "== ceiling 2: a bare Jetty handler returning a constant (JettyCeiling, ${gateway_java[*]:1})"
ceiling_java jetty JettyCeiling
jetty_rate="$(answered_rate "$work/wrk-jetty")"
printf '%-40s %10s/s\n' "nginx ceiling" "$nginx_rate" "Jetty ceiling" "$jetty_rate" >>"$summary"

# start_gateway LABEL ARGS... : starts the gateway, prints the milliseconds to a healthy /health.
start_gateway() {
  local label="$1"; shift
  local started; started=$(date +%s%N)
  DARAJA_API_KEY="$api_key" DARAJA_CALLBACK_SECRET="$secret" \
    "${gateway_java[@]}" -jar "$root/daraja-cli/target/daraja.jar" gateway --port 8080 "$@" \
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

# The gateway's STK callback counters by outcome, one "outcome count" a line.
metrics_snapshot() {
  curl -s http://127.0.0.1:8080/metrics \
    | awk '/^daraja_gateway_callbacks_total\{/ && /kind="stk"/ {
        match($0, /outcome="[a-z_]+"/); o = substr($0, RSTART + 9, RLENGTH - 10); print o, $NF }' \
    | sort >"$1"
}

# What each outcome counter grew by between two snapshots, as "outcome=N ...".
metrics_delta() {
  join -a 2 -e 0 -o 0,1.2,2.2 "$1" "$2" | awk '{d = $3 - $2; if (d) printf "%s%s=%.0f", s, $1, d; s = " "}'
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

# check_ingest LABEL DB : compares wrk's acknowledgements of the measured run with the payments
# the database shows settled, and reports matched callbacks/s and their ratios to the ceilings.
check_ingest() {
  local label="$1" db="$2" result="$work/wrk-$1-ingest"
  sleep 2 # the gateway finishes committing what wrk left in flight when it stopped
  metrics_snapshot "$work/metrics-$label-ingest-after"
  "${load[@]}" applied --db "$db" --run max >"$work/applied-$label"
  local answered acked applied sent wrapped outcomes duplicates
  answered="$(field requests "$result")"
  acked=$(( answered - $(field non2xx "$result") ))
  applied="$(field applied "$work/applied-$label")"
  sent="$(field sent "$result")"
  wrapped="$(field wrapped "$result")"
  outcomes="$(metrics_delta "$work/metrics-$label-ingest-before" "$work/metrics-$label-ingest-after")"
  duplicates="$(tr ' ' '\n' <<<"$outcomes" | awk -F= '$1 == "duplicate" {print $2}')"
  duplicates="${duplicates:-0}"
  echo "wrk: sent=$sent answered=$answered acknowledged=$acked socket_errors=$(field errors "$result")" \
    "wrapped=$wrapped"
  echo "database: $(cat "$work/applied-$label") (waiting: seeded, no callback applied)"
  echo "gateway, STK callback outcomes during the measured run: ${outcomes:-none}"
  local matched=$(( acked < applied ? acked : applied ))
  if ((acked > applied + duplicates)); then
    echo "SHORTFALL ($label): $((acked - applied - duplicates)) acknowledged callbacks neither" \
      "settled their payment nor were duplicates" >&2
    shortfall=1
  elif ((acked > applied)); then
    echo "$((acked - applied)) acknowledged callbacks were duplicates: wrk came to the end of its" \
      "bodies (wrapped=$wrapped); they are not counted as matched; seed more for a longer run"
  else
    echo "every acknowledged callback settled its payment ($((applied - acked)) more settled:" \
      "sent before wrk stopped, answered after it)"
  fi
  awk -v l="$label" -v m="$matched" -v s="$(field seconds "$result")" -v n="$nginx_rate" -v j="$jetty_rate" \
    -v p50="$(field p50_ms "$result")" -v p99="$(field p99_ms "$result")" 'BEGIN {
      r = m / s
      printf "matched_rate (%s) %.0f/s (p50 %s ms, p99 %s ms); ratio to nginx %.2f, to Jetty %.2f\n", l, r, p50, p99, r / n, r / j
      printf "%-40s %10.0f/s   %.2f of nginx, %.2f of Jetty\n", l " ingest (matched)", r, r / n, r / j >> "'"$summary"'"
    }'
}

# store_bench LABEL JDBC_URL PEAK "RATES" GATEWAY_ARGS... : PEAK is the closed-loop rate seeded
# for (a faster gateway makes wrk wrap around its bodies, and the excess shows as duplicates);
# each of RATES is an open-loop run.
store_bench() {
  local label="$1" db="$2" peak="$3" rates="$4"; shift 4
  echo "== $label: cold start on an empty database (migrations, API key, callback secret)"
  start_gateway "$label-empty" "$@"
  stop_gateway
  echo "== $label: seeding pending payments, and writing their callbacks for wrk"
  "${load[@]}" seed --db "$db" --count $(( (warmup + 5) * peak )) --run warm \
    --bodies "$work/warm-$label" --files "$wrk_threads"
  "${load[@]}" seed --db "$db" --count $(( (duration + 5) * peak )) --run max \
    --bodies "$work/max-$label" --files "$wrk_threads"
  for r in $rates; do
    "${load[@]}" seed --db "$db" --count $(( (duration + warmup + 10) * r )) --run "rate$r"
  done
  echo "== $label: start with the payments stored"
  start_gateway "$label" "$@"
  sample_rss "$label" & sampler_pid=$!
  echo "== $label: durable STK callback ingest, closed loop, driven by wrk"
  wrk_run "$label-ingest" "http://127.0.0.1:8080/daraja/$secret/stk" "$work/warm-$label" \
    "$work/max-$label" "$gateway_pid"
  rm -f "$work/warm-$label".* "$work/max-$label".*
  check_ingest "$label" "$db"
  for r in $rates; do
    echo "== $label: open loop at $r/s (GatewayLoadTest)"
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
store_bench sqlite "jdbc:sqlite:$sqlite_dir/gateway.db" "$sqlite_peak" "$rate" --data-dir "$sqlite_dir"

if [[ "${SKIP_POSTGRES:-}" != 1 ]]; then
  pg_db="${pg_url#jdbc:postgresql://*/}"; pg_db="${pg_db%%\?*}"
  psql -h 127.0.0.1 -U postgres -d postgres -qc "DROP DATABASE IF EXISTS $pg_db" -c "CREATE DATABASE $pg_db"
  store_bench postgresql "$pg_url" "$pg_peak" "$rate $pg_rate" --data-dir "$work/pg-data" --db "$pg_url"
fi

echo "== summary (wrk -t$wrk_threads -c$connections, ${duration}s measured after ${warmup}s warm-up)"
cat "$summary"
if ((shortfall)); then
  echo "FAILED: the gateway acknowledged callbacks it did not apply (SHORTFALL above)" >&2
  exit 1
fi
