#!/usr/bin/env bash
# Soak: keeps STK pushes (with callbacks) flowing into the emulator for a long run and prints
# its heap after a full GC once a minute, to show memory stays bounded by the retention settings.
#
# Usage: daraja-bench/run-emulator-soak.sh [minutes] [connections]
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
minutes="${1:-10}"
connections="${2:-64}"
work="$(mktemp -d -t daraja-soak.XXXXXX)"
emulator_pid=""
bench_pid=""
cleanup() {
  [[ -n "$bench_pid" ]] && kill "$bench_pid" 2>/dev/null || true
  [[ -n "$emulator_pid" ]] && kill "$emulator_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

if (exec 3<>/dev/tcp/127.0.0.1/8090) 2>/dev/null; then
  echo "port 8090 is busy: stop whatever listens there first" >&2; exit 1
fi
(cd "$root" && ./mvnw -q -B -DskipTests -Dspotless.check.skip=true -pl daraja-cli,daraja-bench -am package)

java -Xmx1g -jar "$root/daraja-cli/target/daraja.jar" emulator --port 8090 \
  --config "$root/daraja-bench/emulator-bench.json" >"$work/emulator.log" 2>&1 &
emulator_pid=$!
for _ in $(seq 1 50); do curl -sf http://127.0.0.1:8090/__admin/health >/dev/null && break; sleep 0.2; done

java -Xmx1g -jar "$root/daraja-bench/target/daraja-bench.jar" --connections "$connections" \
  --duration "$((minutes * 60))s" --warmup 5s >"$work/bench.log" 2>&1 &
bench_pid=$!

echo "minute heap_used_after_full_gc transactions customers"
for minute in $(seq 1 "$minutes"); do
  sleep 60
  jcmd "$emulator_pid" GC.run >/dev/null
  used=$(jcmd "$emulator_pid" GC.heap_info | awk '/garbage-first heap/ {print $(NF-2)}' | tr -d ',')
  state=$(curl -s http://127.0.0.1:8090/__admin/state)
  echo "$minute $used $(echo "$state" | sed 's/.*"transactions":\([0-9]*\).*/\1/') $(echo "$state" | sed 's/.*"customers":\([0-9]*\).*/\1/')"
done
wait "$bench_pid" || true
bench_pid=""
grep -E "throughput|callbacks|latency" "$work/bench.log"
