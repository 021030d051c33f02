package io.github.darajakit.gateway.initiator;

import io.github.darajakit.gateway.callbacks.Verdict;
import io.github.darajakit.gateway.store.Database;
import io.github.darajakit.gateway.store.Leases;
import io.github.darajakit.gateway.store.Receipts;
import io.github.darajakit.gateway.store.Sql;
import io.github.darajakit.gateway.store.VersionedRows;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * How a flow's initiator operations are moved: every change a compare-and-set on the record's
 * version that the status enum's transition table allows ({@link VersionedRows}), in the caller's
 * transaction or a transaction of its own.
 *
 * @param <O> the flow's record
 * @param <S> its status enum
 */
public final class OperationRecords<O extends Operation, S> {

  private final Database database;
  private final String table;
  private final VersionedRows.Table<O> store;
  private final VersionedRows<O, S> rows;
  private final BiFunction<O, String, O> flagged;

  /**
   * @param table the table's name, e.g. {@code payouts}: it has the lifecycle's columns ({@link
   *     Progress}), {@code status_query_id} and a lease
   * @param store reads and writes its records
   * @param rows moves them: the transition table and the change listener
   * @param flagged the next version of a record, with a reason for a person added
   */
  public OperationRecords(
      Database database,
      String table,
      VersionedRows.Table<O> store,
      VersionedRows<O, S> rows,
      BiFunction<O, String, O> flagged) {
    this.database = database;
    this.table = table;
    this.store = store;
    this.rows = rows;
    this.flagged = flagged;
  }

  /**
   * Leases the records due for a look: due, and not leased by another worker (or instance). The
   * lease expires by itself if the worker dies.
   */
  public List<O> claimDue(String owner, long now, long leaseUntil, int limit) {
    return Leases.claimDue(
        database, table, "next_check_at", "", owner, now, leaseUntil, limit, store::find);
  }

  /** Remembers the ConversationID of a Transaction Status question about one. */
  public void recordStatusQuery(String id, String queryId) {
    database.write(
        c ->
            Sql.update(
                c, "UPDATE " + table + " SET status_query_id = ? WHERE id = ?", queryId, id));
  }

  /** How many a person must settle, for metrics. */
  public long countNeedingAttention() {
    return database.read(
        c ->
            Sql.one(
                    c,
                    "SELECT COUNT(*) FROM " + table + " WHERE attention IS NOT NULL",
                    r -> r.getLong(1))
                .orElse(0L));
  }

  /**
   * Moves one in a transaction of its own (see {@link #update(Connection, Operation, Function)}).
   */
  public O update(String id, Function<O, Optional<O>> decide) {
    return database.write(c -> rows.update(c, id, decide));
  }

  /**
   * Moves one inside the caller's transaction, from a version just read: lets {@code decide} choose
   * the next version (or none), enforces the transition table, and reads and decides again if
   * another writer got there first.
   *
   * @return the record as it now stands (perhaps another writer's version)
   */
  public O update(Connection c, O read, Function<O, Optional<O>> decide) throws SQLException {
    return rows.update(c, read, decide);
  }

  /**
   * As {@link #update(Connection, Operation, Function)}, for a change that entitles the writer to
   * send money: the version written, or empty if another writer made its own change first.
   */
  public Optional<O> claim(Connection c, O read, Function<O, Optional<O>> decide)
      throws SQLException {
    return rows.claim(c, read, decide);
  }

  /**
   * Records what became of sending {@code created} — accepted, refused, its answer lost — as {@code
   * outcome} written on it, if it still waits for that answer on the same sending. If evidence
   * moved it meanwhile (a Result or callback can overtake the acknowledgement; the reconciler can
   * give up waiting), it stays as it is.
   *
   * @return the record as it now stands
   */
  public O answered(O created, UnaryOperator<O> outcome) {
    return update(
        created.id(),
        o ->
            o.stage() != Stage.CREATED || o.sending() != created.sending()
                ? Optional.empty()
                : Optional.of(outcome.apply(o)));
  }

  /**
   * Claims the receipt evidence names for an operation ({@link Receipts#claim}), in the caller's
   * transaction. If another record owns it, one of the two is wrong: the operation is flagged, the
   * owner too (by {@code Receipts}), and nothing is applied.
   *
   * @param objectType what the operation is to the register of receipts: {@code payout}, {@code
   *     reversal}…
   * @param source what the evidence is, for the reason: {@code Result}, {@code success callback}…
   * @param key the Daraja id the evidence carries, for the verdict
   * @return the verdict to keep the evidence with if it cannot be applied; empty if the receipt is
   *     now the operation's
   */
  public Optional<Verdict> claimReceipt(
      Connection c,
      Receipts receipts,
      String receipt,
      String objectType,
      O operation,
      String source,
      String key,
      long now)
      throws SQLException {
    Optional<Receipts.Owner> owner = receipts.claim(c, receipt, objectType, operation.id(), now);
    if (owner.isEmpty()) {
      return Optional.empty();
    }
    String reason =
        "a " + source + " names receipt " + receipt + ", which already belongs to " + owner.get();
    flag(c, operation.id(), reason + ": not applied");
    return Optional.of(Verdict.of(Verdict.Outcome.MISMATCH, reason, operation.id(), key));
  }

  /** Flags one for a person, in the caller's transaction, once per reason. */
  public void flag(Connection c, String id, String reason) throws SQLException {
    rows.flag(c, id, reason, Operation::attention, flagged);
  }
}
