#!/usr/bin/env bash
# Measures what the dashboard asks of the gateway when many payments are stored (BENCHMARKS.md
# "Dashboard with 100,000 payments"): starts ./daraja gateway (embedded emulator, SQLite, a fresh
# data directory), stores PAYMENTS payments through POST /v1/payments (a mix of outcomes from the
# emulator's test numbers), then times, REPEAT times each, the requests the dashboard's pages make:
# its files, the overview, the first page of the payments list unfiltered, by status and by phone,
# a later page, and a payment's page (the payment, its events and its callbacks).
#
# Usage: daraja-bench/run-dashboard-bench.sh [payments] [repeat]   defaults: 100000 20
# Needs: curl, python3.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
payments="${1:-100000}"
repeat="${2:-20}"
api_key="dk_bench_$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
work="$(mktemp -d -t daraja-dashboard-bench.XXXXXX)"
gateway_pid=""
cleanup() {
  [[ -n "$gateway_pid" ]] && kill "$gateway_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

if (exec 3<>/dev/tcp/127.0.0.1/8080) 2>/dev/null; then
  echo "port 8080 is busy: stop whatever listens there first" >&2; exit 1
fi
(cd "$root" && ./mvnw -q -B -DskipTests -Dspotless.check.skip=true -pl daraja-cli -am package)
echo "== machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(java -version 2>&1 | head -1), $(date -u +%FT%TZ)"

DARAJA_API_KEY="$api_key" java -Xmx1g -jar "$root/daraja-cli/target/daraja.jar" gateway \
  --port 8080 --data-dir "$work/data" >"$work/gateway.log" 2>&1 &
gateway_pid=$!
for _ in $(seq 1 60); do
  curl -sf http://127.0.0.1:8080/health >/dev/null 2>&1 && break
  sleep 0.5
done

API_KEY="$api_key" PAYMENTS="$payments" REPEAT="$repeat" python3 - <<'PY'
import concurrent.futures, json, os, statistics, time, urllib.request

base = "http://127.0.0.1:8080"
key = os.environ["API_KEY"]
count = int(os.environ["PAYMENTS"])
repeat = int(os.environ["REPEAT"])
headers = {"Authorization": "Bearer " + key, "Content-Type": "application/json"}
# Paid, cancelled, failed (insufficient funds), expired: a realistic mix of rows.
phones = ["254708374149"] * 7 + ["254700001032", "254700000001", "254700001037"]

def call(method, path, body=None):
    request = urllib.request.Request(base + path, data=body, method=method, headers=headers)
    with urllib.request.urlopen(request, timeout=60) as reply:
        return reply.read()

def create(i):
    body = json.dumps({"phone": phones[i % len(phones)], "amount": 10 + i % 500,
                       "reference": "INV-%d" % i, "description": "Bench"}).encode()
    call("POST", "/v1/payments", body)

started = time.time()
with concurrent.futures.ThreadPoolExecutor(32) as pool:
    list(pool.map(create, range(count)))
print("stored %d payments in %.1f s" % (count, time.time() - started))
time.sleep(5)  # the last callbacks land

page = json.loads(call("GET", "/v1/payments?limit=50"))
later = json.loads(call("GET", "/v1/payments?limit=50&starting_after=" + page["data"][-1]["id"]))
one = later["data"][0]["id"]
checks = [
    ("GET / (page)", "/"), ("GET /dashboard/app.js", "/dashboard/app.js"),
    ("GET /v1/overview", "/v1/overview"),
    ("payments, first page", "/v1/payments?limit=50"),
    ("payments, status=failed", "/v1/payments?status=failed&limit=50"),
    ("payments, phone=0700001032", "/v1/payments?phone=0700001032&limit=50"),
    ("payments, page 2 (cursor)", "/v1/payments?limit=50&starting_after=" + page["data"][-1]["id"]),
    ("a payment", "/v1/payments/" + one),
    ("its events", "/v1/events?object_id=" + one),
    ("its callbacks", "/v1/callbacks?object_id=" + one),
]
print("%-30s %8s %8s %8s" % ("request", "p50 ms", "p90 ms", "max ms"))
for name, path in checks:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        call("GET", path)
        times.append((time.perf_counter() - t) * 1000)
    times.sort()
    print("%-30s %8.1f %8.1f %8.1f" % (name, statistics.median(times),
          times[int(len(times) * 0.9) - 1], times[-1]))
PY
