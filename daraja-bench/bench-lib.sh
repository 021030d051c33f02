# Shared by run-gateway-bench.sh and run-http-ceilings.sh (sourced, not run): checks before a run,
# wrk runs with the CPU they and the server used, and the HTTP ceilings (nginx and daraja-bench's
# Java servers) driven with the same wrk script and callback bodies as the gateway.
#
# The sourcing script sets root (the repository) before sourcing, calls load_settings "$@", and
# sets work (a scratch directory it removes), gateway_java (the gateway's java command and flags)
# and bench_jar. It may define wrk_before_measure LABEL, run between a wrk_run's warm-up and its
# measured run.

# load_settings [DURATION] [CONNECTIONS] : the script's arguments (default 30 s and 64), WARMUP
# (seconds, default 30; 0 for none) and WRK_THREADS (default 1), and the wrk script.
load_settings() {
  duration="${1:-30}"
  connections="${2:-64}"
  warmup="${WARMUP:-30}"
  wrk_threads="${WRK_THREADS:-1}"
  lua="$root/daraja-bench/wrk/callbacks.lua"
}

# require_tools HINT TOOL... : exits, naming the missing ones and HINT, unless every TOOL is on PATH.
require_tools() {
  local hint="$1" missing=() tool; shift
  for tool in "$@"; do
    command -v "$tool" >/dev/null || missing+=("$tool")
  done
  if ((${#missing[@]})); then
    echo "missing: ${missing[*]}. On Debian: apt-get install -y wrk nginx-light curl $hint" >&2
    exit 1
  fi
}

# require_free_ports PORT... : exits if anything listens on one of them.
require_free_ports() {
  local port
  for port in "$@"; do
    if (exec 3<>/dev/tcp/127.0.0.1/"$port") 2>/dev/null; then
      echo "port $port is busy: stop whatever listens there first" >&2; exit 1
    fi
  done
}

print_machine() {
  echo "== machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(java -version 2>&1 | head -1), $(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2), $(date -u +%FT%TZ)"
}

# cpu_ticks PID : the clock ticks of CPU a process and its child processes (nginx's workers) have
# used so far.
cpu_ticks() {
  local total=0 p
  for p in "$1" $(pgrep -P "$1" || true); do
    [[ -r "/proc/$p/stat" ]] || continue
    total=$(( total + $(sed 's/.*) //' "/proc/$p/stat" | awk '{print $12 + $13}') ))
  done
  echo "$total"
}

# children_cpu : sets children_cpu_s to the CPU seconds this shell's finished child processes have
# used so far (`times` must run in this shell, not in a $(...) subshell, to see them).
children_cpu() {
  times >"$work/times"
  children_cpu_s="$(tail -1 "$work/times" \
    | awk '{ for (i = 1; i <= 2; i++) { split($i, t, /[ms]/); s += t[1] * 60 + t[2] } printf "%.2f", s }')"
}

# wrk_run LABEL URL WARM_BODIES BODIES SERVER_PID : a warm-up run on WARM_BODIES, then the measured
# one on BODIES; prints wrk's report and the CPU wrk and the server used during the measured run
# (in cores: on this machine the two share $(nproc)), and leaves wrk's result line in
# $work/wrk-LABEL and the CPU as "wrk_cpu=… server_cpu=…" in $work/cpu-LABEL.
wrk_run() {
  local label="$1" url="$2" warm_bodies="$3" bodies="$4" server_pid="$5"
  if ((warmup > 0)); then
    wrk -t"$wrk_threads" -c"$connections" -d"${warmup}s" --timeout 10s -s "$lua" "$url" -- "$warm_bodies" \
      | grep '^wrk_result' | sed 's/^/warm-up: /' \
      || { echo "the warm-up run of wrk against $url printed no result" >&2; exit 1; }
  fi
  if declare -F wrk_before_measure >/dev/null; then wrk_before_measure "$label"; fi
  local wrk_cpu server_ticks started
  children_cpu; wrk_cpu="$children_cpu_s"
  server_ticks="$(cpu_ticks "$server_pid")"
  started=$(date +%s%N)
  wrk -t"$wrk_threads" -c"$connections" -d"${duration}s" --timeout 10s -s "$lua" "$url" -- "$bodies" \
    | tee "$work/wrk-$label.out" | grep -E 'Requests/sec|wrk_result|Non-2xx|Socket errors' || true
  children_cpu
  awk -v w0="$wrk_cpu" -v w1="$children_cpu_s" \
    -v s0="$server_ticks" -v s1="$(cpu_ticks "$server_pid")" -v hz="$(getconf CLK_TCK)" \
    -v ns="$(( $(date +%s%N) - started ))" -v n="$(nproc)" -v out="$work/cpu-$label" 'BEGIN {
      secs = ns / 1e9; w = (w1 - w0) / secs; s = (s1 - s0) / hz / secs
      printf "cpu during the measured run (cores of %d): wrk %.2f, server %.2f\n", n, w, s
      printf "wrk_cpu=%.2f server_cpu=%.2f\n", w, s > out
    }'
  grep '^wrk_result' "$work/wrk-$label.out" >"$work/wrk-$label" \
    || { echo "wrk printed no result for $label" >&2; cat "$work/wrk-$label.out" >&2; exit 1; }
}

# field NAME FILE : the value of NAME=... on a wrk_result (or applied=, or cpu) line.
field() {
  tr ' ' '\n' <"$2" | awk -F= -v k="$1" '$1 == k {print $2}'
}

# Requests answered below 400, per second of the measured run.
answered_rate() {
  awk -v r="$(field requests "$1")" -v n="$(field non2xx "$1")" -v s="$(field seconds "$1")" \
    'BEGIN {printf "%.0f", (r - n) / s}'
}

# write_ceiling_bodies : STK callback bodies with no payments behind them, for the ceilings, in
# $work/ceiling.NN (one file per wrk thread).
write_ceiling_bodies() {
  java -Xmx2g -cp "$bench_jar" io.github.darajakit.bench.GatewayLoadTest \
    bodies --run ceiling --count 200000 --bodies "$work/ceiling" --files "$wrk_threads"
}

nginx_pid=""
ceiling_pid=""

# ceiling_nginx LABEL : nginx answering a constant (daraja-bench/nginx/ceiling.conf, port 8099),
# measured with wrk_run on the ceiling bodies.
ceiling_nginx() {
  nginx -c "$root/daraja-bench/nginx/ceiling.conf" -p "$work" -g "daemon on;"
  sleep 0.5
  nginx_pid="$(cat "$work/nginx.pid")"
  wrk_run "$1" http://127.0.0.1:8099/daraja/ceiling/stk "$work/ceiling" "$work/ceiling" "$nginx_pid"
  kill "$nginx_pid"
  while kill -0 "$nginx_pid" 2>/dev/null; do sleep 0.1; done # it removes its pid file as it goes
  nginx_pid=""
}

# ceiling_java LABEL CLASS ARGS... : one of daraja-bench's ceiling servers (CLASS, port 8098, then
# ARGS), started with the gateway's JVM flags, measured with wrk_run on the ceiling bodies.
ceiling_java() {
  local label="$1" class="$2"; shift 2
  "${gateway_java[@]}" -cp "$bench_jar" "io.github.darajakit.bench.$class" 8098 "$@" \
    >"$work/$label.log" 2>&1 &
  ceiling_pid=$!
  for _ in $(seq 1 1500); do
    curl -s -o /dev/null http://127.0.0.1:8098/ && break
    kill -0 "$ceiling_pid" 2>/dev/null || { cat "$work/$label.log" >&2; exit 1; }
    sleep 0.02
  done
  wrk_run "$label" http://127.0.0.1:8098/daraja/ceiling/stk "$work/ceiling" "$work/ceiling" "$ceiling_pid"
  kill "$ceiling_pid"; wait "$ceiling_pid" 2>/dev/null || true; ceiling_pid=""
}

# stop_ceilings : for an EXIT trap; stops whichever ceiling is still running.
stop_ceilings() {
  [[ -n "$ceiling_pid" ]] && kill "$ceiling_pid" 2>/dev/null || true
  [[ -f "$work/nginx.pid" ]] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
}
