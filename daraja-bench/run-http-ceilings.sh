#!/usr/bin/env bash
# Why the gateway's HTTP layer is plain Jetty core handlers rather than Javalin (BENCHMARKS.md
# "Gateway"): five servers that store nothing answer the same STK callback POSTs, one after
# another, each driven by wrk with the gateway bench's script and bodies
# (daraja-bench/wrk/callbacks.lua):
#   1. nginx answering a constant (daraja-bench/nginx/ceiling.conf): the machine's HTTP stack;
#   2. JettyCeiling sync: a Jetty core handler, the gateway's Jetty set up as the gateway sets it
#      up, answering on the thread that read the body (usually the I/O thread);
#   3. JettyCeiling async: the same, the answer waiting on a future another thread completes and
#      written on the pool, as the gateway answers once its group commit has returned;
#   4. JavalinCeiling sync: Javalin on the same Jetty, pool and connector, a plain handler reading
#      ctx.bodyAsBytes() and answering;
#   5. JavalinCeiling async: the same through ctx.future, the future completed as in 3.
# The Java servers get the gateway's JVM flags. Each is warmed up with a WARMUP-second wrk run of its
# own, then measured; for each the script prints requests/s, p50 and p99, the CPU the server and
# wrk used, and each rate as a ratio to nginx and to bare Jetty (2).
#
# Usage: daraja-bench/run-http-ceilings.sh [duration-seconds] [connections]
# Environment: WARMUP (seconds, default 30), WRK_THREADS (default 1).
# Needs: wrk and nginx (Debian: apt-get install -y wrk nginx-light), curl, procps; ports 8098
#   (the Java servers) and 8099 (nginx) free.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/daraja-bench/bench-lib.sh"
load_settings "$@"

require_tools "" wrk nginx curl java
require_free_ports 8098 8099

work="$(mktemp -d -t daraja-http-ceilings.XXXXXX)"
cleanup() {
  stop_ceilings
  rm -rf "$work"
}
trap cleanup EXIT

(cd "$root" && ./mvnw -q -B -DskipTests -Dspotless.check.skip=true -pl daraja-bench -am package)

# The gateway's JVM (run-gateway-bench.sh), given to every Java server.
gateway_java=(java -Xmx1g)
bench_jar="$root/daraja-bench/target/daraja-bench.jar"

print_machine
echo "== load: wrk -t$wrk_threads -c$connections, ${warmup}s warm-up then ${duration}s measured, for each server"
write_ceiling_bodies

# label, then what the summary calls it; measured in this order
servers=(
  nginx "nginx, constant answer"
  jetty-sync "Jetty handler, answered on I/O thread"
  jetty-async "Jetty handler, answered from executor"
  javalin-sync "Javalin, sync handler"
  javalin-async "Javalin, async (ctx.future)"
)

for ((i = 0; i < ${#servers[@]}; i += 2)); do
  label="${servers[i]}"
  case "$label" in
    nginx)
      echo "== nginx returning a constant ($(nginx -v 2>&1 | cut -d/ -f2))"
      ceiling_nginx nginx ;;
    jetty-*)
      echo "== JettyCeiling ${label#jetty-} (${gateway_java[*]:1})"
      ceiling_java "$label" JettyCeiling "${label#jetty-}" ;;
    javalin-*)
      echo "== JavalinCeiling ${label#javalin-} (${gateway_java[*]:1})"
      ceiling_java "$label" JavalinCeiling "${label#javalin-}" ;;
  esac
done

nginx_rate="$(answered_rate "$work/wrk-nginx")"
jetty_rate="$(answered_rate "$work/wrk-jetty-sync")"
echo "== summary (wrk -t$wrk_threads -c$connections, ${duration}s measured after ${warmup}s warm-up; cpu in cores of $(nproc))"
printf '%-38s %10s %8s %8s %7s %7s %7s %7s %7s\n' \
  server "answered/s" "p50 ms" "p99 ms" "cpu srv" "cpu wrk" errors "/nginx" "/Jetty"
for ((i = 0; i < ${#servers[@]}; i += 2)); do
  result="$work/wrk-${servers[i]}" cpu="$work/cpu-${servers[i]}"
  rate="$(answered_rate "$result")"
  awk -v name="${servers[i + 1]}" -v r="$rate" -v n="$nginx_rate" -v j="$jetty_rate" \
    -v p50="$(field p50_ms "$result")" -v p99="$(field p99_ms "$result")" \
    -v cs="$(field server_cpu "$cpu")" -v cw="$(field wrk_cpu "$cpu")" \
    -v e=$(( $(field errors "$result") + $(field non2xx "$result") )) 'BEGIN {
      printf "%-38s %10d %8s %8s %7s %7s %7d %7.2f %7.2f\n", name, r, p50, p99, cs, cw, e, r / n, r / j
    }'
done
