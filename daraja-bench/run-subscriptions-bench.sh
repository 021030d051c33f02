#!/usr/bin/env bash
# Measures the subscriptions billing run (BENCHMARKS.md "Subscriptions: 100,000 due at once"):
# COUNT subscriptions, all due at the same instant, billed by one gateway with the prompt pace off
# (SubscriptionBillingBench), first on a fresh SQLite file, then (unless SKIP_POSTGRES=1) on a
# fresh PostgreSQL database on PG_URL's server. For each: the ceiling (the SDK pushing straight to
# the emulator, eight in flight, no gateway), the time to invoice every due period (the
# scheduler's own work per due subscription), the time until every customer was prompted and its
# ratio to the ceiling, and the oracle: the emulator's count of the gateway's pushes and the
# invoices, periods, attempts and payments in the database (double_charges must be 0).
#
# Usage: daraja-bench/run-subscriptions-bench.sh [count]   default 100000
# Needs: psql for PostgreSQL.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
count="${1:-100000}"
work="$(mktemp -d -t daraja-subscriptions-bench.XXXXXX)"
trap 'rm -rf "$work"' EXIT

(cd "$root" && ./mvnw -q -B -DskipTests -Dspotless.check.skip=true -pl daraja-bench -am package)
echo "== machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(java -version 2>&1 | head -1), $(date -u +%FT%TZ)"
bench() {
  java -Xmx2g -cp "$root/daraja-bench/target/daraja-bench.jar" \
    io.github.darajakit.bench.SubscriptionBillingBench "$1" "$count" 2>"$work/bench.log" \
    || { tail -40 "$work/bench.log" >&2; exit 1; }
}

echo "== SQLite"
bench "jdbc:sqlite:$work/gateway.db"

if [[ "${SKIP_POSTGRES:-0}" != 1 ]]; then
  pg_db="daraja_subscriptions_bench"
  pg_url="${PG_URL:-jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres}"
  pg_url="${pg_url%%\?*}"
  pg_url="${pg_url%/*}/$pg_db?user=postgres"
  echo "== PostgreSQL"
  psql -h 127.0.0.1 -U postgres -d postgres -qc "DROP DATABASE IF EXISTS $pg_db" -c "CREATE DATABASE $pg_db"
  bench "$pg_url"
  psql -h 127.0.0.1 -U postgres -d postgres -qc "DROP DATABASE IF EXISTS $pg_db"
fi
