package io.github.darajakit.gateway.payouts;

import io.github.darajakit.gateway.store.Database;
import io.github.darajakit.gateway.store.KeyedTable;
import io.github.darajakit.gateway.store.Leases;
import io.github.darajakit.gateway.store.NewestFirst;
import io.github.darajakit.gateway.store.Sql;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The payout_batches table, and the batch-wide views of its payouts. */
public final class PayoutBatchStore {

  private static final String COLUMNS =
      "id, status, item_count, total_amount, description, created_by, confirmed_at, completed_at,"
          + " created_at, updated_at, version";

  /** How many payouts of a batch are in a state, and for how much. */
  public record Tally(long count, long amount) {}

  private final Database database;
  private final KeyedTable<PayoutBatch> table;

  public PayoutBatchStore(Database database) {
    this.database = database;
    this.table =
        new KeyedTable<>(database, "payout_batches", COLUMNS, PayoutBatchStore::map, false);
  }

  public void insert(Connection c, PayoutBatch b, String idempotencyKey) throws SQLException {
    Sql.update(
        c,
        "INSERT INTO payout_batches ("
            + COLUMNS
            + ", idempotency_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        b.id(),
        b.status(),
        b.itemCount(),
        b.totalAmount(),
        b.description(),
        b.createdBy(),
        b.confirmedAt(),
        b.completedAt(),
        b.createdAt(),
        b.updatedAt(),
        b.version(),
        idempotencyKey);
  }

  /** Writes the next version; false if the stored one moved on. */
  public boolean update(Connection c, PayoutBatch next) throws SQLException {
    return table.updateVersion(
        c,
        "status = ?, confirmed_at = ?, completed_at = ?",
        new Object[] {next.status(), next.confirmedAt(), next.completedAt()},
        next.id(),
        next.updatedAt(),
        next.version());
  }

  public Optional<PayoutBatch> find(Connection c, String id) throws SQLException {
    return table.find(c, id);
  }

  public Optional<PayoutBatch> find(String id) {
    return table.find(id);
  }

  public Optional<PayoutBatch> byIdempotencyKey(Connection c, String key) throws SQLException {
    return table.byIdempotencyKey(c, key);
  }

  /** Batches being sent, oldest first. */
  public List<PayoutBatch> sending() {
    return database.read(
        c ->
            Sql.list(
                c,
                "SELECT " + COLUMNS + " FROM payout_batches WHERE status = ? ORDER BY created_at",
                PayoutBatchStore::map,
                PayoutBatch.Status.SENDING));
  }

  /** A page of batches, newest first. */
  public List<PayoutBatch> list(String startingAfter, int limit) {
    return new NewestFirst("payout_batches")
        .startingAfter(startingAfter)
        .page(database, COLUMNS, limit, PayoutBatchStore::map);
  }

  /** The batch's payouts by state: how many, and for how much. */
  public Map<PayoutStatus, Tally> tally(String batchId) {
    return database.read(
        c -> {
          Map<PayoutStatus, Tally> tally = new EnumMap<>(PayoutStatus.class);
          Sql.list(
                  c,
                  "SELECT status, COUNT(*), SUM(amount) FROM payouts WHERE batch_id = ?"
                      + " GROUP BY status",
                  r ->
                      Map.entry(
                          PayoutStatus.valueOf(r.getString(1)),
                          new Tally(r.getLong(2), r.getLong(3))),
                  batchId)
              .forEach(e -> tally.put(e.getKey(), e.getValue()));
          return tally;
        });
  }

  /**
   * Leases the batch's next queued payouts, in row order after row {@code afterRow}, to one sender
   * until {@code leaseUntil}: senders of other instances skip them, so each instance spends its
   * share of the pace on rows of its own instead of racing for the same ones. A lease only spares
   * work; what makes a row sent once is the compare-and-set that moves it out of QUEUED ({@link
   * PayoutService#sendQueued}). A row whose sender dies is leased again once its lease ends.
   */
  public List<Payout> leaseQueued(
      String batchId, int afterRow, String owner, long now, long leaseUntil, int limit) {
    return Leases.claim(
        database,
        "payouts",
        "batch_id = ? AND status = ? AND batch_row > ?",
        List.of(batchId, PayoutStatus.QUEUED, afterRow),
        "batch_row",
        owner,
        now,
        leaseUntil,
        limit,
        (c, id) ->
            Sql.one(
                c,
                "SELECT " + PayoutStore.COLUMNS + " FROM payouts WHERE id = ?",
                PayoutStore::map,
                id));
  }

  /** Lets go of the batch's queued rows {@code owner} leased and did not send. */
  public void releaseLeases(String batchId, String owner) {
    database.write(
        c ->
            Sql.update(
                c,
                "UPDATE payouts SET lease_owner = NULL, lease_until = NULL WHERE batch_id = ? AND"
                    + " status = ? AND lease_owner = ?",
                batchId,
                PayoutStatus.QUEUED,
                owner));
  }

  /** The batch's rows not sent: queued, or held by a check. In the caller's transaction. */
  List<Payout> unsentIn(Connection c, String batchId) throws SQLException {
    return Sql.list(
        c,
        "SELECT " + PayoutStore.COLUMNS + " FROM payouts WHERE batch_id = ? AND status IN (?, ?)",
        PayoutStore::map,
        batchId,
        PayoutStatus.QUEUED,
        PayoutStatus.HELD);
  }

  /** The batch's payouts in row order, from row {@code afterRow} on. */
  public List<Payout> items(String batchId, int afterRow, int limit) {
    return database.read(
        c ->
            Sql.list(
                c,
                "SELECT "
                    + PayoutStore.COLUMNS
                    + " FROM payouts WHERE batch_id = ? AND batch_row > ? ORDER BY batch_row"
                    + " LIMIT ?",
                PayoutStore::map,
                batchId,
                afterRow,
                limit));
  }

  static PayoutBatch map(ResultSet r) throws SQLException {
    return new PayoutBatch(
        r.getString("id"),
        PayoutBatch.Status.valueOf(r.getString("status")),
        r.getInt("item_count"),
        r.getLong("total_amount"),
        r.getString("description"),
        r.getString("created_by"),
        Sql.nullableLong(r, "confirmed_at"),
        Sql.nullableLong(r, "completed_at"),
        r.getLong("created_at"),
        r.getLong("updated_at"),
        r.getInt("version"));
  }
}
