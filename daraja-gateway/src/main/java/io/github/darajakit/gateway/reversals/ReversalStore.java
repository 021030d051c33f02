package io.github.darajakit.gateway.reversals;

import io.github.darajakit.gateway.store.Database;
import io.github.darajakit.gateway.store.Leases;
import io.github.darajakit.gateway.store.NewestFirst;
import io.github.darajakit.gateway.store.Sql;
import io.github.darajakit.gateway.store.VersionedRows;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The reversals table. */
public final class ReversalStore implements VersionedRows.Table<Reversal> {

  private static final String COLUMNS =
      "id, status, original_receipt, original_object, original_id, amount, short_code, remarks,"
          + " metadata, originator_conversation_id, conversation_id, reversal_receipt,"
          + " completed_at, result_code, result_desc, failure_reason, attention, next_check_at,"
          + " check_attempts, created_at, updated_at, version";

  private final Database database;

  public ReversalStore(Database database) {
    this.database = database;
  }

  /**
   * Records a new reversal under an Idempotency-Key (or {@code null}), in the caller's transaction.
   */
  public void insert(Connection c, Reversal r, String idempotencyKey) throws SQLException {
    Sql.update(
        c,
        "INSERT INTO reversals ("
            + COLUMNS
            + ", idempotency_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
            + " ?, ?, ?, ?)",
        r.id(),
        r.status(),
        r.originalReceipt(),
        r.originalObject(),
        r.originalId(),
        r.amount(),
        r.shortCode(),
        r.remarks(),
        r.metadata(),
        r.originatorConversationId(),
        r.conversationId(),
        r.reversalReceipt(),
        r.completedAt(),
        r.resultCode(),
        r.resultDesc(),
        r.failureReason(),
        r.attention(),
        r.nextCheckAt(),
        r.checkAttempts(),
        r.createdAt(),
        r.updatedAt(),
        r.version(),
        idempotencyKey);
  }

  /**
   * Writes the next version of a reversal.
   *
   * @return false if the stored version moved on (the caller re-reads and decides again)
   */
  @Override
  public boolean update(Connection c, Reversal next) throws SQLException {
    return Sql.update(
            c,
            """
            UPDATE reversals SET status = ?, originator_conversation_id = ?, conversation_id = ?,
              reversal_receipt = ?, completed_at = ?, result_code = ?, result_desc = ?,
              failure_reason = ?, attention = ?, next_check_at = ?, check_attempts = ?,
              lease_owner = NULL, lease_until = NULL, updated_at = ?, version = ?
            WHERE id = ? AND version = ?""",
            next.status(),
            next.originatorConversationId(),
            next.conversationId(),
            next.reversalReceipt(),
            next.completedAt(),
            next.resultCode(),
            next.resultDesc(),
            next.failureReason(),
            next.attention(),
            next.nextCheckAt(),
            next.checkAttempts(),
            next.updatedAt(),
            next.version(),
            next.id(),
            next.version() - 1)
        == 1;
  }

  @Override
  public Optional<Reversal> find(Connection c, String id) throws SQLException {
    return Sql.one(c, "SELECT " + COLUMNS + " FROM reversals WHERE id = ?", ReversalStore::map, id);
  }

  public Optional<Reversal> find(String id) {
    return database.read(c -> find(c, id));
  }

  public Optional<Reversal> byIdempotencyKey(Connection c, String key) throws SQLException {
    return Sql.one(
        c,
        "SELECT " + COLUMNS + " FROM reversals WHERE idempotency_key = ?",
        ReversalStore::map,
        key);
  }

  /** The reversal of this receipt that has not failed (there is at most one), if any. */
  public Optional<Reversal> openFor(Connection c, String receipt) throws SQLException {
    return Sql.one(
        c,
        "SELECT " + COLUMNS + " FROM reversals WHERE original_receipt = ? AND status <> 'FAILED'",
        ReversalStore::map,
        receipt);
  }

  /** The reversal a Result names, by Daraja's OriginatorConversationID or ConversationID. */
  public Optional<Reversal> byConversation(
      Connection c, String originatorConversationId, String conversationId) throws SQLException {
    for (String[] lookup :
        new String[][] {
          {"originator_conversation_id", originatorConversationId},
          {"conversation_id", conversationId}
        }) {
      if (lookup[1] != null && !lookup[1].isEmpty()) {
        Optional<Reversal> found =
            Sql.one(
                c,
                "SELECT " + COLUMNS + " FROM reversals WHERE " + lookup[0] + " = ?",
                ReversalStore::map,
                lookup[1]);
        if (found.isPresent()) {
          return found;
        }
      }
    }
    return Optional.empty();
  }

  /** Notes the id of a Transaction Status query about a reversal, to match its Result. */
  public void recordStatusQuery(String id, String queryId) {
    database.write(
        c -> Sql.update(c, "UPDATE reversals SET status_query_id = ? WHERE id = ?", queryId, id));
  }

  /** The reversal a Transaction Status Result is about, by the id of the query that asked. */
  public Optional<Reversal> byStatusQuery(Connection c, String queryId) throws SQLException {
    if (queryId == null || queryId.isEmpty()) {
      return Optional.empty();
    }
    return Sql.one(
        c,
        "SELECT " + COLUMNS + " FROM reversals WHERE status_query_id = ?",
        ReversalStore::map,
        queryId);
  }

  /**
   * A page of reversals, newest first.
   *
   * @param statuses only these states (empty for all)
   * @param receipt only reversals of this receipt, or {@code null}
   * @param attentionOnly only those flagged for a person
   */
  public List<Reversal> list(
      Set<ReversalStatus> statuses,
      String receipt,
      Long createdAfter,
      boolean attentionOnly,
      String startingAfter,
      int limit) {
    return new NewestFirst("reversals")
        .in("status", statuses)
        .equal("original_receipt", receipt)
        .createdAfter(createdAfter)
        .when(attentionOnly, "attention IS NOT NULL")
        .startingAfter(startingAfter)
        .page(database, COLUMNS, limit, ReversalStore::map);
  }

  /** Claims reversals the reconciler should look at now (see {@link Leases#claimDue}). */
  public List<Reversal> claimDue(String owner, long now, long leaseUntil, int limit) {
    return Leases.claimDue(
        database, "reversals", "next_check_at", "", owner, now, leaseUntil, limit, this::find);
  }

  /** How many reversals a person must settle, for metrics. */
  public long countNeedingAttention() {
    return database.read(
        c ->
            Sql.one(
                    c,
                    "SELECT COUNT(*) FROM reversals WHERE attention IS NOT NULL",
                    r -> r.getLong(1))
                .orElse(0L));
  }

  static Reversal map(ResultSet r) throws SQLException {
    return new Reversal(
        r.getString("id"),
        ReversalStatus.valueOf(r.getString("status")),
        r.getString("original_receipt"),
        r.getString("original_object"),
        r.getString("original_id"),
        r.getLong("amount"),
        r.getString("short_code"),
        r.getString("remarks"),
        r.getString("metadata"),
        r.getString("originator_conversation_id"),
        r.getString("conversation_id"),
        r.getString("reversal_receipt"),
        Sql.nullableLong(r, "completed_at"),
        r.getString("result_code"),
        r.getString("result_desc"),
        r.getString("failure_reason"),
        r.getString("attention"),
        Sql.nullableLong(r, "next_check_at"),
        r.getInt("check_attempts"),
        r.getLong("created_at"),
        r.getLong("updated_at"),
        r.getInt("version"));
  }
}
