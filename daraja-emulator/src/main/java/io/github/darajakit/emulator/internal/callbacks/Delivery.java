package io.github.darajakit.emulator.internal.callbacks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.darajakit.emulator.internal.http.Json;
import java.time.Instant;

/**
 * The record of one callback the emulator sent (or decided not to): where, what, and what came of
 * it. Updated by the HTTP client's thread as attempts complete.
 */
public final class Delivery {

  /** Where a delivery stands. */
  public enum State {
    SCHEDULED,
    IN_FLIGHT,
    DELIVERED,
    FAILED,
    DROPPED
  }

  private final long id;
  private final String kind;
  private final String url;
  private final JsonNode body;
  private final Instant createdAt;
  private final boolean duplicate;
  private volatile State state = State.SCHEDULED;
  private volatile int attempts;
  private volatile int httpStatus;
  private volatile long latencyMillis = -1;
  private volatile String error = "";
  private volatile String responseBody = "";
  private volatile Instant completedAt;

  Delivery(long id, String kind, String url, JsonNode body, Instant createdAt, boolean duplicate) {
    this.id = id;
    this.kind = kind;
    this.url = url;
    this.body = body;
    this.createdAt = createdAt;
    this.duplicate = duplicate;
  }

  public long id() {
    return id;
  }

  /**
   * {@code stk}, {@code c2b_validation}, {@code c2b_confirmation}, {@code result} or {@code
   * queue_timeout}.
   */
  public String kind() {
    return kind;
  }

  public String url() {
    return url;
  }

  public JsonNode body() {
    return body;
  }

  public State state() {
    return state;
  }

  public int attempts() {
    return attempts;
  }

  /** HTTP status of the last attempt, 0 if none completed. */
  public int httpStatus() {
    return httpStatus;
  }

  public Instant createdAt() {
    return createdAt;
  }

  void attempting() {
    attempts++;
    state = State.IN_FLIGHT;
  }

  void completed(
      State state, int httpStatus, long latencyMillis, String error, String response, Instant at) {
    this.httpStatus = httpStatus;
    this.latencyMillis = latencyMillis;
    this.error = error == null ? "" : error;
    this.responseBody = response == null ? "" : response;
    this.completedAt = at;
    this.state = state;
  }

  void dropped(Instant at) {
    this.completedAt = at;
    this.state = State.DROPPED;
  }

  /** As served by {@code /__admin/deliveries}. */
  public ObjectNode toJson() {
    ObjectNode node = Json.object();
    node.put("id", id)
        .put("kind", kind)
        .put("url", url)
        .put("state", state.name().toLowerCase(java.util.Locale.ROOT))
        .put("attempts", attempts)
        .put("httpStatus", httpStatus)
        .put("latencyMillis", latencyMillis)
        .put("duplicate", duplicate)
        .put("createdAt", createdAt.toString())
        .put("completedAt", completedAt == null ? null : completedAt.toString())
        .put("error", error)
        .put("response", responseBody);
    node.set("body", body);
    return node;
  }
}
