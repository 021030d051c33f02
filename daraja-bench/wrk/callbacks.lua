-- wrk script: POSTs STK callback bodies, one per request, each thread cycling through its own file.
--
--   wrk -t T -c C -d 60s -s daraja-bench/wrk/callbacks.lua URL -- BODIES_PREFIX
--
-- Thread i (from 0) reads BODIES_PREFIX.0i, one JSON body a line, as GatewayLoadTest's `bodies`
-- and `seed --bodies` write them (round robin over T files). Every target gets the same script and
-- so the same work per request: a ceiling and the gateway differ only in who answers.
--
-- At the end it prints one line for run-gateway-bench.sh to read:
--   wrk_result requests=… non2xx=… errors=… seconds=… sent=… wrapped=… p50_ms=… …
-- requests counts answered requests (as wrk does) and non2xx those answered with a status above
-- 399; sent counts bodies handed to wrk, answered or not; wrapped counts how many times a thread
-- came to the end of its file and began again (for the gateway: every body sent after that is a
-- duplicate of one already sent).

local threads = {}

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  local prefix = args[1]
  if prefix == nil then
    error("usage: wrk ... -s callbacks.lua URL -- BODIES_PREFIX")
  end
  local name = string.format("%s.%02d", prefix, id)
  bodies = assert(io.open(name, "r"))
  sent = 0
  wrapped = 0
  -- Built once: formatting a whole request per call (wrk.format) costs more than the request.
  local host = wrk.headers["Host"] or (wrk.host .. ":" .. tostring(wrk.port or 80))
  head = "POST " .. wrk.path .. " HTTP/1.1\r\nHost: " .. host
    .. "\r\nContent-Type: application/json\r\nContent-Length: "
end

function request()
  local body = bodies:read("*l")
  if body == nil then
    wrapped = wrapped + 1
    bodies:seek("set", 0)
    body = bodies:read("*l")
  end
  sent = sent + 1
  return head .. #body .. "\r\n\r\n" .. body
end

function done(summary, latency, requests)
  local sent, wrapped = 0, 0
  for _, thread in ipairs(threads) do
    sent = sent + thread:get("sent")
    wrapped = wrapped + thread:get("wrapped")
  end
  local e = summary.errors
  io.write(string.format(
    "wrk_result requests=%d non2xx=%d errors=%d seconds=%.3f sent=%d wrapped=%d"
      .. " p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f p999_ms=%.2f max_ms=%.2f\n",
    summary.requests, e.status, e.connect + e.read + e.write + e.timeout,
    summary.duration / 1e6, sent, wrapped,
    latency:percentile(50) / 1e3, latency:percentile(90) / 1e3, latency:percentile(99) / 1e3,
    latency:percentile(99.9) / 1e3, latency.max / 1e3))
end
