package io.github.darajakit.gateway.reversals;

import io.github.darajakit.gateway.initiator.Progress;
import io.github.darajakit.gateway.store.Database;
import io.github.darajakit.gateway.store.KeyedTable;
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

  /** The column of a reversal's own M-Pesa receipt. */
  private static final String RECEIPT = "reversal_receipt";

  private static final String COLUMNS =
      "id, status, original_receipt, original_object, original_id, amount, short_code, remarks,"
          + " metadata, "
          + Progress.columns(RECEIPT)
          + ", created_at, updated_at, version";

  private final Database database;
  private final KeyedTable<Reversal> table;

  public ReversalStore(Database database) {
    this.database = database;
    this.table = new KeyedTable<>(database, "reversals", COLUMNS, ReversalStore::map, true);
  }

  /**
   * Records a new reversal under an Idempotency-Key (or {@code null}), in the caller's transaction.
   */
  public void insert(Connection c, Reversal r, String idempotencyKey) throws SQLException {
    table.insert(
        c,
        r.progress()
            .between(
                new Object[] {
                  r.id(),
                  r.status(),
                  r.originalReceipt(),
                  r.originalObject(),
                  r.originalId(),
                  r.amount(),
                  r.shortCode(),
                  r.remarks(),
                  r.metadata()
                },
                r.createdAt(),
                r.updatedAt(),
                r.version()),
        idempotencyKey);
  }

  /**
   * Writes the next version of a reversal.
   *
   * @return false if the stored version moved on (the caller re-reads and decides again)
   */
  @Override
  public boolean update(Connection c, Reversal next) throws SQLException {
    return table.updateVersion(
        c,
        "status = ?, " + Progress.assignments(RECEIPT),
        next.progress().between(new Object[] {next.status()}),
        next.id(),
        next.updatedAt(),
        next.version());
  }

  @Override
  public Optional<Reversal> find(Connection c, String id) throws SQLException {
    return table.find(c, id);
  }

  public Optional<Reversal> find(String id) {
    return table.find(id);
  }

  public Optional<Reversal> byIdempotencyKey(Connection c, String key) throws SQLException {
    return table.byIdempotencyKey(c, key);
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
        Progress.read(r, RECEIPT),
        r.getLong("created_at"),
        r.getLong("updated_at"),
        r.getInt("version"));
  }
}
