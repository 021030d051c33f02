package io.github.darajakit.gateway.reversals;

import io.github.darajakit.gateway.initiator.OperationStore;
import io.github.darajakit.gateway.initiator.OperationTable;
import io.github.darajakit.gateway.initiator.Progress;
import io.github.darajakit.gateway.store.Database;
import io.github.darajakit.gateway.store.NewestFirst;
import io.github.darajakit.gateway.store.Sql;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The reversals table. */
public final class ReversalStore extends OperationStore<Reversal> {

  private final Database database;

  public ReversalStore(Database database) {
    super(
        new OperationTable<>(
            database,
            "reversals",
            "id, status, original_receipt, original_object, original_id, amount, short_code,"
                + " remarks, metadata",
            "reversal_receipt",
            ReversalStore::map));
    this.database = database;
  }

  /**
   * Records a new reversal under an Idempotency-Key (or {@code null}), in the caller's transaction.
   */
  public void insert(Connection c, Reversal r, String idempotencyKey) throws SQLException {
    Object[] own = {
      r.id(),
      r.status(),
      r.originalReceipt(),
      r.originalObject(),
      r.originalId(),
      r.amount(),
      r.shortCode(),
      r.remarks(),
      r.metadata()
    };
    table.insert(c, r, own, idempotencyKey);
  }

  /**
   * Writes the next version of a reversal.
   *
   * @return false if the stored version moved on (the caller re-reads and decides again)
   */
  @Override
  public boolean update(Connection c, Reversal next) throws SQLException {
    return table.update(c, next, "status = ?", next.status());
  }

  /** The reversal of this receipt that has not failed (there is at most one), if any. */
  public Optional<Reversal> openFor(Connection c, String receipt) throws SQLException {
    return Sql.one(
        c,
        "SELECT "
            + table.columns()
            + " FROM reversals WHERE original_receipt = ? AND status <> 'FAILED'",
        ReversalStore::map,
        receipt);
  }

  /** The reversal a Result names, by Daraja's OriginatorConversationID or ConversationID. */
  public Optional<Reversal> byConversation(
      Connection c, String originatorConversationId, String conversationId) throws SQLException {
    return table.byConversation(c, originatorConversationId, conversationId);
  }

  /**
   * The reversal a Transaction Status Result is about, by the id of the query that asked: its
   * ConversationID, else its OriginatorConversationID.
   */
  public Optional<Reversal> byStatusQuery(
      Connection c, String conversationId, String originatorConversationId) throws SQLException {
    return table.byStatusQuery(c, conversationId, originatorConversationId);
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
        .page(database, table.columns(), limit, ReversalStore::map);
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
        Progress.read(r, "reversal_receipt"),
        r.getLong("created_at"),
        r.getLong("updated_at"),
        r.getInt("version"));
  }
}
