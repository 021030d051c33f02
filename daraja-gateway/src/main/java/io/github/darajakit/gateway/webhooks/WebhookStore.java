package io.github.darajakit.gateway.webhooks;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.darajakit.gateway.core.Json;
import io.github.darajakit.gateway.store.Database;
import io.github.darajakit.gateway.store.Ids;
import io.github.darajakit.gateway.store.Leases;
import io.github.darajakit.gateway.store.NewestFirst;
import io.github.darajakit.gateway.store.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Merchant webhook endpoints, their deliveries (the outbox) and every delivery attempt. */
public final class WebhookStore {

  /**
   * A merchant URL and what it wants.
   *
   * @param id {@code we_…}
   * @param url where events go
   * @param eventTypes the types wanted, or {@code ["*"]}
   * @param secret the Standard Webhooks signing secret ({@code whsec_…}); never shown after
   *     creation
   * @param description the merchant's note
   * @param createdAt epoch ms
   */
  public record Endpoint(
      String id,
      String url,
      List<String> eventTypes,
      String secret,
      String description,
      long createdAt) {

    /** As the API shows it (without the secret). */
    public ObjectNode toJson() {
      ObjectNode node = Json.object();
      node.put("id", id).put("object", "webhook_endpoint").put("url", url);
      ArrayNode types = node.putArray("enabled_events");
      eventTypes.forEach(types::add);
      node.put("description", description).put("created_at", Json.time(createdAt));
      return node;
    }
  }

  /**
   * One event to one endpoint.
   *
   * @param id {@code <event id>:<endpoint id>}, the {@code webhook-id} of every attempt
   * @param eventId the event
   * @param endpointId the endpoint
   * @param status PENDING, DELIVERED or FAILED
   * @param attempts attempts made
   * @param nextAttemptAt when the next one is due, or {@code null}
   * @param lastHttpStatus status of the last attempt, or {@code null}
   * @param lastError error of the last attempt, or {@code null}
   * @param createdAt epoch ms
   * @param deliveredAt epoch ms, or {@code null}
   */
  public record Delivery(
      String id,
      String eventId,
      String endpointId,
      String status,
      int attempts,
      Long nextAttemptAt,
      Integer lastHttpStatus,
      String lastError,
      long createdAt,
      Long deliveredAt) {

    /** As the API shows it. */
    public ObjectNode toJson() {
      ObjectNode node = Json.object();
      node.put("id", id)
          .put("object", "webhook_delivery")
          .put("event", eventId)
          .put("endpoint", endpointId)
          .put("status", status.toLowerCase(java.util.Locale.ROOT))
          .put("attempts", attempts)
          .put("next_attempt_at", Json.time(nextAttemptAt))
          .put("last_http_status", lastHttpStatus)
          .put("last_error", lastError)
          .put("created_at", Json.time(createdAt))
          .put("delivered_at", Json.time(deliveredAt));
      return node;
    }
  }

  private final Database database;

  public WebhookStore(Database database) {
    this.database = database;
  }

  /** Adds an endpoint. */
  public Endpoint create(
      String url, List<String> eventTypes, String secret, String description, long now) {
    Endpoint endpoint = new Endpoint(Ids.next("we"), url, eventTypes, secret, description, now);
    database.write(
        c ->
            Sql.update(
                c,
                "INSERT INTO webhook_endpoints (id, url, event_types, secret, description,"
                    + " created_at) VALUES (?, ?, ?, ?, ?, ?)",
                endpoint.id(),
                url,
                encode(eventTypes),
                secret,
                description,
                now));
    return endpoint;
  }

  public List<Endpoint> endpoints() {
    return database.read(
        c ->
            Sql.list(
                c,
                "SELECT * FROM webhook_endpoints WHERE deleted_at IS NULL ORDER BY created_at",
                WebhookStore::endpoint));
  }

  public Optional<Endpoint> endpoint(String id) {
    return database.read(
        c ->
            Sql.one(
                c,
                "SELECT * FROM webhook_endpoints WHERE id = ? AND deleted_at IS NULL",
                WebhookStore::endpoint,
                id));
  }

  /** Removes an endpoint; its pending deliveries stop. True if it existed. */
  public boolean delete(String id, long now) {
    return database.write(
        c -> {
          int changed =
              Sql.update(
                  c,
                  "UPDATE webhook_endpoints SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL",
                  now,
                  id);
          Sql.update(
              c,
              "UPDATE webhook_deliveries SET status = 'FAILED', last_error = 'endpoint deleted',"
                  + " next_attempt_at = NULL WHERE endpoint_id = ? AND status = 'PENDING'",
              id);
          return changed == 1;
        });
  }

  /** Claims deliveries due now that no other worker holds. */
  public List<Delivery> claimDue(String owner, long now, long leaseUntil, int limit) {
    return Leases.claimDue(
        database,
        "webhook_deliveries",
        "next_attempt_at",
        "status = 'PENDING'",
        owner,
        now,
        leaseUntil,
        limit,
        (c, id) ->
            Sql.one(
                c, "SELECT * FROM webhook_deliveries WHERE id = ?", WebhookStore::delivery, id));
  }

  /** Records one attempt and what follows from it. */
  public void recordAttempt(
      Delivery delivery,
      long attemptedAt,
      Integer httpStatus,
      String error,
      long durationMillis,
      String nextStatus,
      Long nextAttemptAt) {
    database.write(
        c -> {
          Sql.update(
              c,
              "INSERT INTO webhook_attempts (delivery_id, attempted_at, http_status, error,"
                  + " duration_ms) VALUES (?, ?, ?, ?, ?)",
              delivery.id(),
              attemptedAt,
              httpStatus,
              error,
              durationMillis);
          Sql.update(
              c,
              """
              UPDATE webhook_deliveries SET status = ?, attempts = attempts + 1,
                next_attempt_at = ?, last_http_status = ?, last_error = ?, lease_owner = NULL,
                lease_until = NULL, delivered_at = ?
              WHERE id = ?""",
              nextStatus,
              nextAttemptAt,
              httpStatus,
              error,
              nextStatus.equals("DELIVERED") ? attemptedAt : null,
              delivery.id());
          return null;
        });
  }

  /** Queues a delivery again now (replay), whatever its state. False if there is none. */
  public boolean replay(String deliveryId, long now) {
    return database.write(
        c ->
            Sql.update(
                    c,
                    "UPDATE webhook_deliveries SET status = 'PENDING', next_attempt_at = ?,"
                        + " lease_owner = NULL, lease_until = NULL WHERE id = ?",
                    now,
                    deliveryId)
                == 1);
  }

  public Optional<Delivery> delivery(String id) {
    return database.read(
        c ->
            Sql.one(
                c, "SELECT * FROM webhook_deliveries WHERE id = ?", WebhookStore::delivery, id));
  }

  /** Every attempt at a delivery, oldest first, as the API shows them. */
  public ArrayNode attempts(String deliveryId) {
    ArrayNode list = Json.array();
    database.read(
        c ->
            Sql.list(
                c,
                "SELECT attempted_at, http_status, error, duration_ms FROM webhook_attempts WHERE"
                    + " delivery_id = ? ORDER BY attempted_at, id",
                r -> {
                  ObjectNode node = list.addObject();
                  node.put("attempted_at", Json.time(r.getLong(1)))
                      .put("http_status", Sql.nullableInt(r, "http_status"))
                      .put("error", r.getString(3))
                      .put("duration_ms", r.getLong(4));
                  return node;
                },
                deliveryId));
    return list;
  }

  /** Deliveries newest first, optionally of one event or status. */
  public List<Delivery> deliveries(String eventId, String status, int limit) {
    return new NewestFirst("webhook_deliveries")
        .equal("event_id", eventId)
        .equal("status", status)
        .page(database, "*", limit, WebhookStore::delivery);
  }

  /** Event types are stored as {@code ,a,b,} so one LIKE matches a whole name; {@code *} is all. */
  private static String encode(List<String> types) {
    return types.contains("*") ? "*" : "," + String.join(",", types) + ",";
  }

  private static Endpoint endpoint(ResultSet r) throws SQLException {
    String types = r.getString("event_types");
    List<String> list =
        types.equals("*")
            ? List.of("*")
            : Arrays.stream(types.split(",")).filter(t -> !t.isBlank()).toList();
    return new Endpoint(
        r.getString("id"),
        r.getString("url"),
        list,
        r.getString("secret"),
        r.getString("description"),
        r.getLong("created_at"));
  }

  private static Delivery delivery(ResultSet r) throws SQLException {
    return new Delivery(
        r.getString("id"),
        r.getString("event_id"),
        r.getString("endpoint_id"),
        r.getString("status"),
        r.getInt("attempts"),
        Sql.nullableLong(r, "next_attempt_at"),
        Sql.nullableInt(r, "last_http_status"),
        r.getString("last_error"),
        r.getLong("created_at"),
        Sql.nullableLong(r, "delivered_at"));
  }
}
