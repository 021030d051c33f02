package io.github.darajakit.gateway.b2bcollections;

import io.github.darajakit.gateway.initiator.OperationStore;
import io.github.darajakit.gateway.initiator.OperationTable;
import io.github.darajakit.gateway.initiator.Progress;
import io.github.darajakit.gateway.store.Database;
import io.github.darajakit.gateway.store.NewestFirst;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The b2b_collections table. */
public final class B2bCollectionStore extends OperationStore<B2bCollection> {

  private final Database database;

  public B2bCollectionStore(Database database) {
    super(
        new OperationTable<>(
            database,
            "b2b_collections",
            "id, status, primary_short_code, receiver_short_code, amount, payment_reference,"
                + " partner_name, metadata",
            "receipt",
            B2bCollectionStore::map));
    this.database = database;
  }

  /** Records a new collection under an Idempotency-Key (or {@code null}), in the caller's tx. */
  public void insert(Connection c, B2bCollection b, String idempotencyKey) throws SQLException {
    Object[] own = {
      b.id(),
      b.status(),
      b.primaryShortCode(),
      b.receiverShortCode(),
      b.amount(),
      b.paymentReference(),
      b.partnerName(),
      b.metadata()
    };
    table.insert(c, b, own, idempotencyKey);
  }

  /**
   * Writes the next version of a collection.
   *
   * @return false if the stored version moved on (the caller re-reads and decides again)
   */
  @Override
  public boolean update(Connection c, B2bCollection next) throws SQLException {
    return table.update(c, next, "status = ?", next.status());
  }

  /** The collection pushed with this RequestRefID, if any. */
  public Optional<B2bCollection> byRequestRefId(Connection c, String requestRefId)
      throws SQLException {
    return table.byConversation(c, requestRefId, null);
  }

  /**
   * A page of collections, newest first.
   *
   * @param statuses only these states (empty for all)
   * @param primaryShortCode only those asked of this till, or {@code null}
   * @param attentionOnly only those flagged for a person
   */
  public List<B2bCollection> list(
      Set<B2bCollectionStatus> statuses,
      String primaryShortCode,
      Long createdAfter,
      boolean attentionOnly,
      String startingAfter,
      int limit) {
    return new NewestFirst("b2b_collections")
        .in("status", statuses)
        .equal("primary_short_code", primaryShortCode)
        .createdAfter(createdAfter)
        .when(attentionOnly, "attention IS NOT NULL")
        .startingAfter(startingAfter)
        .page(database, table.columns(), limit, B2bCollectionStore::map);
  }

  static B2bCollection map(ResultSet r) throws SQLException {
    return new B2bCollection(
        r.getString("id"),
        B2bCollectionStatus.valueOf(r.getString("status")),
        r.getString("primary_short_code"),
        r.getString("receiver_short_code"),
        r.getLong("amount"),
        r.getString("payment_reference"),
        r.getString("partner_name"),
        r.getString("metadata"),
        Progress.read(r, "receipt"),
        r.getLong("created_at"),
        r.getLong("updated_at"),
        r.getInt("version"));
  }
}
