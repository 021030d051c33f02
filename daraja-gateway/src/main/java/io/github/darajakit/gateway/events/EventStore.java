package io.github.darajakit.gateway.events;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.darajakit.gateway.core.Json;
import io.github.darajakit.gateway.store.Database;
import io.github.darajakit.gateway.store.Ids;
import io.github.darajakit.gateway.store.NewestFirst;
import io.github.darajakit.gateway.store.Sql;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * The event log and the webhook outbox. An event and one delivery row per subscribed endpoint are
 * written in the caller's transaction, with the business change itself: either all of it is
 * recorded, or none of it.
 */
public final class EventStore {

  private final Database database;

  /** An active endpoint's id and the event types it wants ({@code ",a,b,"} or {@code "*"}). */
  private record Subscriber(String id, String eventTypes) {
    boolean wants(String type) {
      return eventTypes.equals("*") || eventTypes.contains("," + type + ",");
    }
  }

  /**
   * The active endpoints read once for a batch of appends on this thread (see {@link
   * #withSubscribersReadOnce}); {@code null} outside one.
   */
  private final ThreadLocal<List<Subscriber>> batchSubscribers = new ThreadLocal<>();

  public EventStore(Database database) {
    this.database = database;
  }

  /**
   * Runs work that appends many events in one transaction, reading the active webhook endpoints
   * once for all of them instead of once per event: on the callback path the per-event fan-out
   * query cost a quarter of the throughput. An endpoint created while the batch runs gets the
   * events of later transactions, as it would had it been created a moment later.
   */
  public <T> T withSubscribersReadOnce(Connection c, Database.Work<T> work) throws SQLException {
    batchSubscribers.set(subscribers(c));
    try {
      return work.run(c);
    } finally {
      batchSubscribers.remove();
    }
  }

  /** The active endpoints, in the caller's transaction. */
  private static List<Subscriber> subscribers(Connection c) throws SQLException {
    return Sql.list(
        c,
        "SELECT id, event_types FROM webhook_endpoints WHERE deleted_at IS NULL",
        r -> new Subscriber(r.getString(1), r.getString(2)));
  }

  /** Appends an event and queues its webhook deliveries, in the caller's transaction. */
  public Event append(
      Connection c, String type, String objectType, String objectId, ObjectNode object, long now)
      throws SQLException {
    Event event = new Event(Ids.next("evt"), type, objectType, objectId, Json.text(object), now);
    Sql.update(
        c,
        "INSERT INTO events (id, type, object_type, object_id, data, created_at) VALUES (?, ?, ?,"
            + " ?, ?, ?)",
        event.id(),
        event.type(),
        event.objectType(),
        event.objectId(),
        event.data(),
        event.createdAt());
    List<Subscriber> subscribers = batchSubscribers.get();
    for (Subscriber subscriber : subscribers != null ? subscribers : subscribers(c)) {
      if (subscriber.wants(type)) {
        Sql.update(
            c,
            """
            INSERT INTO webhook_deliveries (id, event_id, endpoint_id, status, attempts,
              next_attempt_at, created_at)
            VALUES (?, ?, ?, 'PENDING', 0, ?, ?)""",
            event.id() + ":" + subscriber.id(),
            event.id(),
            subscriber.id(),
            now,
            now);
      }
    }
    return event;
  }

  public Optional<Event> find(String id) {
    return database.read(c -> Sql.one(c, "SELECT * FROM events WHERE id = ?", EventStore::map, id));
  }

  /** The newest event, if there is one. */
  public Optional<Event> newest() {
    return database.read(
        c ->
            Sql.one(
                c,
                "SELECT * FROM events ORDER BY created_at DESC, id DESC LIMIT 1",
                EventStore::map));
  }

  /** Up to {@code limit} events created at or after {@code createdAt} (epoch ms), oldest first. */
  public List<Event> since(long createdAt, int limit) {
    return database.read(
        c ->
            Sql.list(
                c,
                "SELECT * FROM events WHERE created_at >= ? ORDER BY created_at, id LIMIT ?",
                EventStore::map,
                createdAt,
                limit));
  }

  /** Events newest first, optionally of one type or one object, after a cursor. */
  public List<Event> list(String type, String objectId, String startingAfter, int limit) {
    return new NewestFirst("events")
        .equal("type", type)
        .equal("object_id", objectId)
        .startingAfter(startingAfter)
        .page(database, "*", limit, EventStore::map);
  }

  static Event map(ResultSet r) throws SQLException {
    return new Event(
        r.getString("id"),
        r.getString("type"),
        r.getString("object_type"),
        r.getString("object_id"),
        r.getString("data"),
        r.getLong("created_at"));
  }
}
