#!/usr/bin/env bash
# Measures the emulator's STK push throughput with callbacks delivered, and in the same run the
# ceiling of a do-nothing HTTP server (nginx answering a constant) with the same load generator.
#
# Usage: daraja-bench/run-emulator-bench.sh [duration-seconds] [connections]
# Needs: nginx (Debian package nginx-light). Prints the figures for BENCHMARKS.md.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
duration="${1:-30}"
connections="${2:-64}"
work="$(mktemp -d -t daraja-bench.XXXXXX)"
emulator_pid=""
cleanup() {
  [[ -n "$emulator_pid" ]] && kill "$emulator_pid" 2>/dev/null || true
  [[ -f "$work/nginx.pid" ]] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

for port in 8090 8099; do
  if (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null; then
    echo "port $port is busy: stop whatever listens there first" >&2; exit 1
  fi
done
command -v nginx >/dev/null || { echo "nginx is needed: apt-get install -y nginx-light" >&2; exit 1; }
(cd "$root" && ./mvnw -q -B -DskipTests -Dspotless.check.skip=true -pl daraja-cli,daraja-bench -am package)

bench=(java -Xmx1g -jar "$root/daraja-bench/target/daraja-bench.jar" --connections "$connections" --duration "${duration}s" --warmup "${WARMUP:-60}s")

echo "== machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(java -version 2>&1 | head -1)"
echo "== ceiling: nginx returning a constant"
nginx -c "$root/daraja-bench/nginx/ceiling.conf" -p "$work" -g "daemon on;"
sleep 0.5
"${bench[@]}" --ceiling http://127.0.0.1:8099/
kill "$(cat "$work/nginx.pid")"; rm -f "$work/nginx.pid"

echo "== emulator: STK push with callbacks"
java -Xmx1g -jar "$root/daraja-cli/target/daraja.jar" emulator --port 8090 \
  --config "$root/daraja-bench/emulator-bench.json" >"$work/emulator.log" 2>&1 &
emulator_pid=$!
for _ in $(seq 1 50); do curl -sf http://127.0.0.1:8090/__admin/health >/dev/null && break; sleep 0.2; done
"${bench[@]}" --base-url http://127.0.0.1:8090
jcmd "$emulator_pid" GC.run >/dev/null 2>&1 || true
echo "== emulator heap after the run and a full GC"
jcmd "$emulator_pid" GC.heap_info 2>/dev/null | head -3 || true
curl -s http://127.0.0.1:8090/__admin/state; echo
