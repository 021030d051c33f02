#!/usr/bin/env bash
# Measures payout batches (BENCHMARKS.md "Payout batches") against the gateway's embedded emulator:
#   1. a batch of ROWS payouts with the pace set far above what the machine can do (rate limit
#      off): rows per second from confirmation to every row settled, and duplicates in the
#      emulator's ledger (must be 0);
#   2. for each configured pace N in RATES: a batch of N*SECONDS rows; the achieved sending rate
#      (rows sent / time from confirmation until none is left to send) against N;
#   3. unless SKIP_POSTGRES=1: for each pace N, two gateway instances on one PostgreSQL (PG_URL's
#      server, a database made for the run), each confirming a batch at once, sharing the pace
#      (PayoutPaceBench): the rows of both over the time until none is left to send, against N,
#      and rows the emulator's ledger shows paid twice.
#
# Usage: daraja-bench/run-payout-batch-bench.sh [rows] ["rates"] [seconds]
#   defaults: 10000 "50 200" 20
# Needs: curl, python3; psql for PostgreSQL.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rows="${1:-10000}"
rates="${2:-50 200}"
seconds="${3:-20}"
api_key="dk_bench_$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
work="$(mktemp -d -t daraja-payout-bench.XXXXXX)"
gateway_pid=""
cleanup() {
  [[ -n "$gateway_pid" ]] && kill "$gateway_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

if (exec 3<>/dev/tcp/127.0.0.1/8080) 2>/dev/null; then
  echo "port 8080 is busy: stop whatever listens there first" >&2; exit 1
fi
(cd "$root" && ./mvnw -q -B -DskipTests -Dspotless.check.skip=true -pl daraja-cli,daraja-bench -am package)
echo "== machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(java -version 2>&1 | head -1), $(date -u +%FT%TZ)"

# start_gateway RATE: a fresh gateway (and embedded emulator) pacing batches at RATE rows/s.
start_gateway() {
  [[ -n "$gateway_pid" ]] && { kill "$gateway_pid"; wait "$gateway_pid" 2>/dev/null || true; }
  rm -rf "$work/data" && mkdir -p "$work/data"
  printf '{"payouts":{"ratePerSecond":%s}}' "$1" >"$work/config.json"
  DARAJA_API_KEY="$api_key" java -Xmx1g -jar "$root/daraja-cli/target/daraja.jar" gateway \
    --port 8080 --data-dir "$work/data" --config "$work/config.json" >"$work/gateway.log" 2>&1 &
  gateway_pid=$!
  # The banner, with the embedded emulator's address, is printed once the gateway is ready.
  for _ in $(seq 1 300); do
    grep -q 'EMBEDDED EMULATOR at' "$work/gateway.log" && break
    sleep 0.1
  done
  emulator=$(grep -o 'EMBEDDED EMULATOR at http://[0-9.:]*' "$work/gateway.log" | awk '{print $4}')
}

# run_batch COUNT : creates, confirms and follows a batch; prints its figures.
run_batch() {
  python3 - "$1" "$api_key" "$emulator" <<'PY'
import json, sys, time, urllib.request
count, key, emulator = int(sys.argv[1]), sys.argv[2], sys.argv[3]
gw = "http://127.0.0.1:8080"
def call(method, url, body=None, auth=True):
    req = urllib.request.Request(url, method=method, data=None if body is None else json.dumps(body).encode())
    req.add_header("Content-Type", "application/json")
    if auth:
        req.add_header("Authorization", "Bearer " + key)
    with urllib.request.urlopen(req, timeout=120) as r:
        return json.loads(r.read())
items = [{"phone": "25472%07d" % n, "amount": 10} for n in range(count)]
batch = call("POST", gw + "/v1/payout-batches", {"type": "business", "remarks": "Bench payout", "items": items})
started = time.monotonic()
call("POST", gw + "/v1/payout-batches/%s/confirm" % batch["id"], {})
all_sent = None
while True:
    b = call("GET", gw + "/v1/payout-batches/" + batch["id"])
    p = b["progress"]
    if all_sent is None and p["queued"]["count"] == 0 and p["sending"]["count"] == 0:
        all_sent = time.monotonic() - started
    if b["status"] == "completed":
        settled = time.monotonic() - started
        break
    time.sleep(0.05)
ledger = call("GET", emulator + "/__admin/transactions?party=600000&limit=10000", auth=False)["transactions"]
ids = [t["originatorConversationId"] for t in ledger]
print("rows=%d sent_in=%.2fs send_rate=%.1f/s settled_in=%.2fs settled_rate=%.1f/s succeeded=%d failed=%d unknown=%d"
      % (count, all_sent, count / all_sent, settled, count / settled, p["succeeded"]["count"], p["failed"]["count"], p["unknown"]["count"]))
print("ledger_payments=%d duplicates=%d" % (len(ids), len(ids) - len(set(ids))))
PY
}

echo "== a batch of $rows rows, pace 10000/s (rate limit off)"
start_gateway 10000
run_batch "$rows"
for rate in $rates; do
  echo "== pace $rate/s: a batch of $((rate * seconds)) rows"
  start_gateway "$rate"
  run_batch $((rate * seconds))
done

if [[ "${SKIP_POSTGRES:-}" != 1 ]]; then
  pg_db="darajakit_pace_bench"
  pg_url="${PG_URL:-jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres}"
  pg_url="${pg_url%%\?*}"
  pg_url="${pg_url%/*}/$pg_db?user=postgres"
  for rate in $rates; do
    echo "== two instances on one PostgreSQL, pace $rate/s shared: $((rate * seconds)) rows"
    psql -h 127.0.0.1 -U postgres -d postgres -qc "DROP DATABASE IF EXISTS $pg_db" -c "CREATE DATABASE $pg_db"
    java -Xmx1g -cp "$root/daraja-bench/target/daraja-bench.jar" io.github.darajakit.bench.PayoutPaceBench \
      "$pg_url" "$rate" "$seconds" 2 2>/dev/null | grep '^instances='
  done
  psql -h 127.0.0.1 -U postgres -d postgres -qc "DROP DATABASE IF EXISTS $pg_db"
fi
