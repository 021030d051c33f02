package io.github.darajakit.emulator.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.darajakit.emulator.internal.http.Json;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Request counts per endpoint and per consumer key, so tests can assert how many calls a client
 * really made (e.g. one OAuth request for 200 concurrent API calls).
 */
public final class Counters {

  private final Map<String, LongAdder> byEndpoint = new ConcurrentHashMap<>();
  private final Map<String, Map<String, LongAdder>> byConsumer = new ConcurrentHashMap<>();

  /** Counts a request that reached a known endpoint, authenticated or not. */
  public void endpoint(String endpointId) {
    byEndpoint.computeIfAbsent(endpointId, k -> new LongAdder()).increment();
  }

  /** Counts a request attributed to an app (OAuth token requests included). */
  public void consumer(String consumerKey, String endpointId) {
    byConsumer
        .computeIfAbsent(consumerKey, k -> new ConcurrentHashMap<>())
        .computeIfAbsent(endpointId, k -> new LongAdder())
        .increment();
  }

  /** Requests seen for an endpoint. */
  public long endpointCount(String endpointId) {
    LongAdder adder = byEndpoint.get(endpointId);
    return adder == null ? 0 : adder.sum();
  }

  /** Everything, as {@code {"endpoints":{…},"consumers":{key:{endpoint:n}}}}. */
  public ObjectNode toJson() {
    ObjectNode root = Json.object();
    ObjectNode endpoints = root.putObject("endpoints");
    new TreeMap<>(byEndpoint).forEach((k, v) -> endpoints.put(k, v.sum()));
    ObjectNode consumers = root.putObject("consumers");
    new TreeMap<>(byConsumer)
        .forEach(
            (key, counts) -> {
              ObjectNode node = consumers.putObject(key);
              new TreeMap<>(counts).forEach((k, v) -> node.put(k, v.sum()));
            });
    return root;
  }

  /** Forgets every count. */
  public void reset() {
    byEndpoint.clear();
    byConsumer.clear();
  }
}
