package io.github.darajakit.gateway.callbacks;

import io.github.darajakit.gateway.store.Database;
import io.github.darajakit.gateway.store.Sql;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Every callback received, raw, with what became of it. */
public final class CallbackStore {

  /**
   * A stored callback.
   *
   * @param id sequence number
   * @param kind the name of its {@link CallbackKind}
   * @param receivedAt epoch ms
   * @param remoteAddress sender
   * @param body raw body
   * @param matchKey the Daraja id it carried, or {@code null}
   * @param outcome what became of it
   * @param detail why
   * @param objectId the object concerned, or {@code null}
   */
  public record Stored(
      long id,
      String kind,
      long receivedAt,
      String remoteAddress,
      String body,
      String matchKey,
      Verdict.Outcome outcome,
      String detail,
      String objectId) {}

  private final Database database;

  public CallbackStore(Database database) {
    this.database = database;
  }

  /** Stores a callback with its verdict, in the caller's transaction. */
  public void insert(Connection c, Received received, Verdict verdict) throws SQLException {
    Sql.update(
        c,
        """
        INSERT INTO callbacks (kind, received_at, remote_addr, body, match_key, outcome, detail,
          object_id)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
        received.kind().name(),
        received.receivedAt(),
        received.remoteAddress(),
        // Stored as text; bytes that are not UTF-8 become U+FFFD, and the rest stays readable. So
        // does a NUL, which PostgreSQL's text refuses: one hostile body must not fail its batch.
        new String(received.body(), StandardCharsets.UTF_8).replace('\u0000', '\uFFFD'),
        verdict.matchKey(),
        verdict.outcome(),
        verdict.detail(),
        verdict.objectId());
  }

  /** Unmatched STK callbacks carrying this CheckoutRequestID. */
  public List<Stored> unmatched(Connection c, String matchKey) throws SQLException {
    return Sql.list(
        c,
        "SELECT * FROM callbacks WHERE match_key = ? AND outcome = 'UNMATCHED' AND kind = 'STK'"
            + " ORDER BY id",
        CallbackStore::map,
        matchKey);
  }

  /** Records a new verdict for a stored callback (after a replay). */
  public void reclassify(Connection c, long id, Verdict verdict) throws SQLException {
    Sql.update(
        c,
        "UPDATE callbacks SET outcome = ?, detail = ?, object_id = ? WHERE id = ?",
        verdict.outcome(),
        verdict.detail(),
        verdict.objectId(),
        id);
  }

  /** Callbacks newest first, optionally only one outcome or one object. */
  public List<Stored> list(Verdict.Outcome outcome, String objectId, Long beforeId, int limit) {
    StringBuilder sql = new StringBuilder("SELECT * FROM callbacks WHERE 1 = 1");
    List<Object> args = new ArrayList<>();
    if (outcome != null) {
      sql.append(" AND outcome = ?");
      args.add(outcome);
    }
    if (objectId != null) {
      sql.append(" AND object_id = ?");
      args.add(objectId);
    }
    if (beforeId != null) {
      sql.append(" AND id < ?");
      args.add(beforeId);
    }
    sql.append(" ORDER BY id DESC LIMIT ?");
    args.add(limit);
    return database.read(c -> Sql.list(c, sql.toString(), CallbackStore::map, args.toArray()));
  }

  public Optional<Stored> find(long id) {
    return database.read(
        c -> Sql.one(c, "SELECT * FROM callbacks WHERE id = ?", CallbackStore::map, id));
  }

  /** Counts by outcome, for metrics and health. */
  public long count() {
    return database.read(
        c -> Sql.one(c, "SELECT COUNT(*) FROM callbacks", r -> r.getLong(1)).orElse(0L));
  }

  private static Stored map(java.sql.ResultSet r) throws SQLException {
    return new Stored(
        r.getLong("id"),
        r.getString("kind"),
        r.getLong("received_at"),
        r.getString("remote_addr"),
        r.getString("body"),
        r.getString("match_key"),
        Verdict.Outcome.valueOf(r.getString("outcome")),
        r.getString("detail"),
        r.getString("object_id"));
  }
}
