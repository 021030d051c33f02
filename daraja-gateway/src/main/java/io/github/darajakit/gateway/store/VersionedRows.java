package io.github.darajakit.gateway.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.BiPredicate;
import java.util.function.Function;

/**
 * Moves immutable, versioned rows (payments, payouts, reversals) from one version to the next under
 * optimistic locking: a decision is written only if the stored version is still the one it was made
 * from; otherwise the row is read again and the decision made again. A decision that breaks the
 * row's transition table is refused, and each written change is reported once, in the same
 * transaction, to append its events.
 *
 * @param <T> the row
 * @param <S> its status
 */
public final class VersionedRows<T, S> {

  /** The table the rows live in. */
  public interface Table<T> {
    Optional<T> find(Connection c, String id) throws SQLException;

    /** Writes {@code next} if the stored version is the one before it; false if it moved on. */
    boolean update(Connection c, T next) throws SQLException;
  }

  /** Told of each change written: the row before and after. */
  @FunctionalInterface
  public interface Changed<T> {
    void changed(Connection c, T before, T after) throws SQLException;
  }

  private final String noun;
  private final Table<T> table;
  private final Function<T, String> id;
  private final Function<T, S> status;
  private final BiPredicate<S, S> allowed;
  private final Changed<T> changed;

  /**
   * @param noun what a row is, for messages: {@code payment}
   * @param id a row's id
   * @param status a row's status
   * @param allowed whether the transition table allows going from one status to another
   * @param changed told of every change written
   */
  public VersionedRows(
      String noun,
      Table<T> table,
      Function<T, String> id,
      Function<T, S> status,
      BiPredicate<S, S> allowed,
      Changed<T> changed) {
    this.noun = noun;
    this.table = table;
    this.id = id;
    this.status = status;
    this.allowed = allowed;
    this.changed = changed;
  }

  /**
   * Flags the row with this id for a person, in the caller's transaction, once per reason: a reason
   * already there is not added again.
   *
   * @param attention a row's reasons so far, or {@code null}
   * @param flagged the next version of a row, with this reason added
   */
  public void flag(
      Connection c,
      String rowId,
      String reason,
      Function<T, String> attention,
      BiFunction<T, String, T> flagged)
      throws SQLException {
    update(
        c,
        rowId,
        row ->
            attention.apply(row) != null && attention.apply(row).contains(reason)
                ? Optional.empty()
                : Optional.of(flagged.apply(row, reason)));
  }

  /** Moves the row with this id, read in the caller's transaction. */
  public T update(Connection c, String rowId, Function<T, Optional<T>> decide) throws SQLException {
    return update(c, find(c, rowId), decide);
  }

  /**
   * Moves a row inside the caller's transaction, starting from a version just read: lets {@code
   * decide} choose the next version (or none), enforces the transition table, and reads again and
   * decides again if another writer got there first.
   *
   * <p>The row returned may be another writer's version: a caller that must know whether it made
   * the change (because the change entitles it to send money) uses {@link #claim} instead.
   *
   * @return the row as it now stands
   * @throws IllegalStateException if the decision breaks the transition table
   */
  public T update(Connection c, T read, Function<T, Optional<T>> decide) throws SQLException {
    return move(c, read, decide).row();
  }

  /**
   * The compare-and-set for a change that entitles its maker to act on it, such as sending money:
   * moves the row as {@link #update} does and reports whether this call wrote the change. Of any
   * number of callers deciding the same change at once, on any number of instances, exactly one
   * gets the new version back; the others see the winner's version, decide again (usually nothing)
   * and get nothing.
   *
   * @return the version this call wrote, or empty if it wrote nothing
   */
  public Optional<T> claim(Connection c, T read, Function<T, Optional<T>> decide)
      throws SQLException {
    Move<T> move = move(c, read, decide);
    return move.written() ? Optional.of(move.row()) : Optional.empty();
  }

  /** Where a row stands after {@link #move}, and whether that call wrote it. */
  private record Move<T>(T row, boolean written) {}

  private Move<T> move(Connection c, T read, Function<T, Optional<T>> decide) throws SQLException {
    T current = read;
    while (true) {
      Optional<T> decided = decide.apply(current);
      if (decided.isEmpty()) {
        return new Move<>(current, false);
      }
      T next = decided.get();
      S from = status.apply(current);
      S to = status.apply(next);
      if (!from.equals(to) && !allowed.test(from, to)) {
        throw new IllegalStateException(
            noun + " " + id.apply(current) + " cannot move from " + from + " to " + to);
      }
      // The write is conditional on the version read (Table.update): on PostgreSQL a concurrent
      // writer's committed change makes it match no row, so two writers never both succeed.
      if (!table.update(c, next)) {
        current = find(c, id.apply(current)); // another writer got there first: decide again
        continue;
      }
      changed.changed(c, current, next);
      return new Move<>(next, true);
    }
  }

  private T find(Connection c, String rowId) throws SQLException {
    return table.find(c, rowId).orElseThrow(() -> new SQLException("no " + noun + " " + rowId));
  }
}
