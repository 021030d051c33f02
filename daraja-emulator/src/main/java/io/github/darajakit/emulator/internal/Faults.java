package io.github.darajakit.emulator.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.darajakit.emulator.EmulatorConfigException;
import io.github.darajakit.emulator.internal.http.DarajaError;
import io.github.darajakit.emulator.internal.http.Endpoint;
import io.github.darajakit.emulator.internal.http.Json;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Injected faults: added latency, errors per endpoint, callback mischief, SpikeArrest and quota
 * limits, and a short token lifetime. The whole set is replaced at once from the admin API; each
 * request reads one immutable {@link Plan}, so a change never applies half-way through a request.
 */
public final class Faults {

  /** When an injected error strikes, relative to the real processing. */
  public enum ErrorMode {
    /** Answer the error instead of processing: nothing happens. */
    REJECT,
    /** Process the request (money may move), then answer the error instead of the result. */
    ACCEPT_THEN_ERROR,
    /** Process the request (money may move), then drop the connection without answering. */
    ACCEPT_THEN_DROP
  }

  /**
   * One error rule.
   *
   * @param endpoint endpoint id or {@code "*"}
   * @param mode when it strikes
   * @param rate probability per matching request (used when {@code count} is negative)
   * @param count how many matching requests it strikes, then it is spent; negative for rate-based
   * @param errorCode Daraja error code to answer
   * @param errorMessage Daraja error message to answer
   */
  public record ErrorRule(
      String endpoint,
      ErrorMode mode,
      double rate,
      int count,
      String errorCode,
      String errorMessage) {}

  /**
   * Callback mischief, applied to deliveries whose kind is listed (all if empty).
   *
   * @param dropRate probability a callback is never sent
   * @param duplicateRate probability a callback is sent twice
   * @param extraDelay added to every callback's delay
   * @param reorderWindow each callback gets a random extra delay up to this, so they overtake each
   *     other
   * @param kinds delivery kinds affected ({@code stk}, {@code c2b_validation}, {@code
   *     c2b_confirmation}, {@code result}, {@code queue_timeout}); empty for all
   */
  public record CallbackFaults(
      double dropRate,
      double duplicateRate,
      Duration extraDelay,
      Duration reorderWindow,
      Set<String> kinds) {

    static final CallbackFaults NONE =
        new CallbackFaults(0, 0, Duration.ZERO, Duration.ZERO, Set.of());

    /** True if these faults touch deliveries of this kind. */
    public boolean applies(String kind) {
      return kinds.isEmpty() || kinds.contains(kind);
    }
  }

  /** The full set of faults in force. */
  record Plan(
      Map<String, Duration> latency,
      List<ErrorRule> errors,
      CallbackFaults callbacks,
      double spikeArrestRate,
      int spikeArrestBurst,
      long quota,
      Duration tokenTtl) {

    static final Plan NONE = new Plan(Map.of(), List.of(), CallbackFaults.NONE, 0, 0, 0, null);
  }

  private final Clock clock;
  private final Random random;
  private volatile Plan plan = Plan.NONE;
  private volatile List<AtomicInteger> remainingCounts = List.of();
  private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> quotaUsed = new ConcurrentHashMap<>();

  public Faults(Clock clock, long seed) {
    this.clock = clock;
    this.random = new Random(seed ^ 0x5DEECE66DL);
  }

  /** Removes every fault and forgets rate-limit and quota state. */
  public synchronized void clear() {
    plan = Plan.NONE;
    remainingCounts = List.of();
    buckets.clear();
    quotaUsed.clear();
  }

  /**
   * Replaces all faults with those in a JSON document (format in {@code docs/emulator.md}).
   *
   * @throws EmulatorConfigException naming the bad key
   */
  public synchronized void replace(JsonNode json) {
    if (!json.isObject()) {
      throw new EmulatorConfigException("faults must be a JSON object");
    }
    Map<String, Duration> latency = new LinkedHashMap<>();
    List<ErrorRule> errors = new ArrayList<>();
    CallbackFaults callbacks = CallbackFaults.NONE;
    double spikeRate = 0;
    int spikeBurst = 0;
    long quota = 0;
    Duration tokenTtl = null;
    var fields = json.fields();
    while (fields.hasNext()) {
      var field = fields.next();
      JsonNode v = field.getValue();
      switch (field.getKey()) {
        case "latency" -> {
          if (!v.isObject()) {
            throw new EmulatorConfigException(
                "'latency' must map endpoint ids (or \"*\") to durations, e.g. {\"*\":\"200ms\"}");
          }
          v.fields()
              .forEachRemaining(
                  e ->
                      latency.put(
                          endpointId(e.getKey()), duration("latency." + e.getKey(), e.getValue())));
        }
        case "errors" -> {
          if (!v.isArray()) {
            throw new EmulatorConfigException("'errors' must be an array of rules");
          }
          for (JsonNode rule : v) {
            errors.add(errorRule(rule));
          }
        }
        case "callbacks" -> callbacks = callbackFaults(v);
        case "spikeArrest" -> {
          spikeRate = number("spikeArrest.ratePerSecond", v.path("ratePerSecond"), 0.001, 1e9);
          spikeBurst =
              v.has("burst")
                  ? (int) number("spikeArrest.burst", v.get("burst"), 1, 1e9)
                  : (int) Math.max(1, Math.ceil(spikeRate));
        }
        case "quota" -> quota = (long) number("quota.maxRequests", v.path("maxRequests"), 1, 1e15);
        case "tokenTtl" -> tokenTtl = duration("tokenTtl", v);
        default ->
            throw new EmulatorConfigException(
                "unknown fault '"
                    + field.getKey()
                    + "': expected latency, errors, callbacks, spikeArrest, quota or tokenTtl");
      }
    }
    List<AtomicInteger> counts = new ArrayList<>();
    errors.forEach(rule -> counts.add(new AtomicInteger(rule.count())));
    remainingCounts = List.copyOf(counts);
    buckets.clear();
    quotaUsed.clear();
    plan =
        new Plan(
            Map.copyOf(latency),
            List.copyOf(errors),
            callbacks,
            spikeRate,
            spikeBurst,
            quota,
            tokenTtl);
  }

  /** The faults in force, in the format {@link #replace} accepts. */
  public ObjectNode toJson() {
    Plan p = plan;
    List<AtomicInteger> counts = remainingCounts;
    ObjectNode root = Json.object();
    ObjectNode latency = root.putObject("latency");
    p.latency().forEach((k, v) -> latency.put(k, v.toMillis() + "ms"));
    ArrayNode errors = root.putArray("errors");
    for (int i = 0; i < p.errors().size(); i++) {
      ErrorRule rule = p.errors().get(i);
      ObjectNode node =
          errors
              .addObject()
              .put("endpoint", rule.endpoint())
              .put("mode", rule.mode().name().toLowerCase(Locale.ROOT));
      if (rule.count() >= 0) {
        node.put("count", rule.count()).put("remaining", Math.max(0, counts.get(i).get()));
      } else {
        node.put("rate", rule.rate());
      }
      node.put("errorCode", rule.errorCode()).put("errorMessage", rule.errorMessage());
    }
    CallbackFaults c = p.callbacks();
    ObjectNode callbacks =
        root.putObject("callbacks")
            .put("dropRate", c.dropRate())
            .put("duplicateRate", c.duplicateRate())
            .put("extraDelay", c.extraDelay().toMillis() + "ms")
            .put("reorderWindow", c.reorderWindow().toMillis() + "ms");
    ArrayNode kinds = callbacks.putArray("kinds");
    new TreeSet<>(c.kinds()).forEach(kinds::add);
    if (p.spikeArrestRate() > 0) {
      root.putObject("spikeArrest")
          .put("ratePerSecond", p.spikeArrestRate())
          .put("burst", p.spikeArrestBurst());
    }
    if (p.quota() > 0) {
      root.putObject("quota").put("maxRequests", p.quota());
    }
    if (p.tokenTtl() != null) {
      root.put("tokenTtl", p.tokenTtl().toMillis() + "ms");
    }
    return root;
  }

  /** Latency to add before answering a request to this endpoint. */
  public Duration latency(Endpoint endpoint) {
    Map<String, Duration> latency = plan.latency();
    if (latency.isEmpty()) {
      return Duration.ZERO;
    }
    Duration specific = latency.get(endpoint.id());
    return specific != null ? specific : latency.getOrDefault("*", Duration.ZERO);
  }

  /** The injected error, if any, for this request to this endpoint and mode. */
  public Optional<ErrorRule> strike(Endpoint endpoint, ErrorMode mode) {
    Plan p = plan;
    List<AtomicInteger> counts = remainingCounts;
    for (int i = 0; i < p.errors().size(); i++) {
      ErrorRule rule = p.errors().get(i);
      if (rule.mode() != mode
          || !(rule.endpoint().equals("*") || rule.endpoint().equals(endpoint.id()))) {
        continue;
      }
      if (rule.count() >= 0) {
        if (counts.get(i).getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
          return Optional.of(rule);
        }
      } else if (random.nextDouble() < rule.rate()) {
        return Optional.of(rule);
      }
    }
    return Optional.empty();
  }

  /**
   * Applies SpikeArrest and quota to one request from an app.
   *
   * @throws DarajaError {@code 500.003.02} or {@code 500.003.03} when over the limit
   */
  public void admit(String consumerKey) {
    Plan p = plan;
    if (p.spikeArrestRate() > 0) {
      TokenBucket bucket =
          buckets.computeIfAbsent(
              consumerKey, k -> new TokenBucket(p.spikeArrestRate(), p.spikeArrestBurst()));
      if (!bucket.tryTake(clock.millis())) {
        throw DarajaError.of("500.003.02", "Error Occurred: Spike Arrest Violation");
      }
    }
    if (p.quota() > 0
        && quotaUsed.computeIfAbsent(consumerKey, k -> new AtomicLong()).incrementAndGet()
            > p.quota()) {
      throw DarajaError.of("500.003.03", "Quota Violation");
    }
  }

  /** The callback mischief in force. */
  public CallbackFaults callbacks() {
    return plan.callbacks();
  }

  /** The injected token lifetime, if any. */
  public Optional<Duration> tokenTtl() {
    return Optional.ofNullable(plan.tokenTtl());
  }

  /** A fair coin with this probability of heads, from the seeded generator. */
  public boolean chance(double probability) {
    return probability > 0 && random.nextDouble() < probability;
  }

  /** A random duration between zero and {@code max}. */
  public Duration upTo(Duration max) {
    long millis = max.toMillis();
    return millis <= 0 ? Duration.ZERO : Duration.ofMillis((long) (random.nextDouble() * millis));
  }

  private static ErrorRule errorRule(JsonNode rule) {
    if (!rule.isObject()) {
      throw new EmulatorConfigException("each error rule must be an object");
    }
    String endpoint = endpointId(rule.path("endpoint").asText("*"));
    ErrorMode mode;
    String modeText = rule.path("mode").asText("reject").toUpperCase(Locale.ROOT).replace('-', '_');
    try {
      mode = ErrorMode.valueOf(modeText);
    } catch (IllegalArgumentException e) {
      throw new EmulatorConfigException(
          "errors[].mode must be reject, accept_then_error or accept_then_drop, got "
              + rule.path("mode"),
          e);
    }
    int count = rule.has("count") ? (int) number("errors[].count", rule.get("count"), 0, 1e9) : -1;
    double rate = rule.has("rate") ? number("errors[].rate", rule.get("rate"), 0, 1) : 1.0;
    if (rule.has("count") && rule.has("rate")) {
      throw new EmulatorConfigException("an error rule takes either 'count' or 'rate', not both");
    }
    String code = rule.path("errorCode").asText("500.003.1001");
    String message = rule.path("errorMessage").asText("Internal Server Error");
    if (!code.matches("\\d{2,3}(\\.\\d+)*")) {
      throw new EmulatorConfigException(
          "errors[].errorCode must look like a Daraja code such as 500.003.1001, got " + code);
    }
    return new ErrorRule(endpoint, mode, rate, count, code, message);
  }

  private static CallbackFaults callbackFaults(JsonNode v) {
    if (!v.isObject()) {
      throw new EmulatorConfigException("'callbacks' must be an object");
    }
    Set<String> kinds = new TreeSet<>();
    if (v.has("kinds") && !v.get("kinds").isArray()) {
      throw new EmulatorConfigException(
          "'callbacks.kinds' must be an array of kinds, e.g. [\"stk\", \"result\"]");
    }
    v.path("kinds").forEach(k -> kinds.add(k.asText()));
    Set<String> known =
        Set.of("stk", "c2b_validation", "c2b_confirmation", "result", "queue_timeout");
    for (String kind : kinds) {
      if (!known.contains(kind)) {
        throw new EmulatorConfigException(
            "callbacks.kinds: unknown kind '"
                + kind
                + "', expected one of "
                + new TreeSet<>(known));
      }
    }
    return new CallbackFaults(
        v.has("dropRate") ? number("callbacks.dropRate", v.get("dropRate"), 0, 1) : 0,
        v.has("duplicateRate")
            ? number("callbacks.duplicateRate", v.get("duplicateRate"), 0, 1)
            : 0,
        v.has("extraDelay") ? duration("callbacks.extraDelay", v.get("extraDelay")) : Duration.ZERO,
        v.has("reorderWindow")
            ? duration("callbacks.reorderWindow", v.get("reorderWindow"))
            : Duration.ZERO,
        Set.copyOf(kinds));
  }

  private static String endpointId(String id) {
    if (id.equals("*")) {
      return id;
    }
    return Endpoint.forId(id)
        .map(Endpoint::id)
        .orElseThrow(
            () -> {
              List<String> ids = new ArrayList<>();
              for (Endpoint e : Endpoint.values()) {
                ids.add(e.id());
              }
              return new EmulatorConfigException(
                  "unknown endpoint '" + id + "': expected \"*\" or one of " + ids);
            });
  }

  private static double number(String key, JsonNode v, double min, double max) {
    if (!v.isNumber() || v.asDouble() < min || v.asDouble() > max) {
      throw new EmulatorConfigException(
          "'" + key + "' must be a number between " + min + " and " + max + ", got " + v);
    }
    return v.asDouble();
  }

  private static Duration duration(String key, JsonNode v) {
    Duration duration = Durations.parse(key, v);
    if (duration.isNegative()) {
      throw new EmulatorConfigException("'" + key + "' must not be negative, got " + v);
    }
    return duration;
  }

  /** A classic token bucket: {@code rate} tokens a second, at most {@code burst} saved up. */
  static final class TokenBucket {
    private final double ratePerMilli;
    private final double capacity;
    private double tokens;
    private long lastMillis = -1;

    TokenBucket(double ratePerSecond, int burst) {
      this.ratePerMilli = ratePerSecond / 1000.0;
      this.capacity = burst;
      this.tokens = burst;
    }

    synchronized boolean tryTake(long nowMillis) {
      if (lastMillis >= 0) {
        tokens = Math.min(capacity, tokens + (nowMillis - lastMillis) * ratePerMilli);
      }
      lastMillis = nowMillis;
      if (tokens >= 1) {
        tokens -= 1;
        return true;
      }
      return false;
    }
  }
}
