package io.github.darajakit.gateway.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Work claimed with leases, so several workers (and several gateway instances on one PostgreSQL)
 * never take the same row together, and a worker that dies lets go by itself when its lease ends.
 *
 * <p>A table that takes part has {@code id}, {@code lease_owner} and {@code lease_until} columns
 * and a column saying when a row is due.
 */
public final class Leases {

  /** What to read one claimed row with, in the claiming transaction. */
  @FunctionalInterface
  public interface Finder<T> {
    java.util.Optional<T> find(Connection c, String id) throws SQLException;
  }

  private Leases() {}

  /**
   * Claims up to {@code limit} rows of {@code table} due at {@code now} ({@code dueColumn <= now}
   * and {@code condition}, if any), whose lease has ended, oldest due first; leases them to {@code
   * owner} until {@code leaseUntil} and returns them as {@code finder} reads them.
   *
   * @param condition more SQL for the WHERE clause (no parameters), or {@code ""}
   */
  public static <T> List<T> claimDue(
      Database database,
      String table,
      String dueColumn,
      String condition,
      String owner,
      long now,
      long leaseUntil,
      int limit,
      Finder<T> finder) {
    return claim(
        database,
        table,
        dueColumn + " <= ?" + (condition.isEmpty() ? "" : " AND " + condition),
        List.of(now),
        dueColumn,
        owner,
        now,
        leaseUntil,
        limit,
        finder);
  }

  /**
   * Claims up to {@code limit} rows of {@code table} matching {@code where} whose lease has ended,
   * in {@code orderBy} order; leases them to {@code owner} until {@code leaseUntil} and returns
   * them as {@code finder} reads them. On PostgreSQL rows another transaction is claiming are
   * skipped, not waited for.
   *
   * @param where the WHERE clause, with {@code ?} for each of {@code parameters}
   */
  public static <T> List<T> claim(
      Database database,
      String table,
      String where,
      List<Object> parameters,
      String orderBy,
      String owner,
      long now,
      long leaseUntil,
      int limit,
      Finder<T> finder) {
    List<Object> arguments = new ArrayList<>(parameters);
    arguments.add(now);
    arguments.add(limit);
    return database.write(
        c -> {
          List<String> ids =
              Sql.list(
                  c,
                  "SELECT id FROM "
                      + table
                      + " WHERE "
                      + where
                      + " AND (lease_until IS NULL OR lease_until < ?) ORDER BY "
                      + orderBy
                      + " LIMIT ?"
                      + database.dialect().skipLocked(),
                  row -> row.getString(1),
                  arguments.toArray());
          List<T> claimed = new ArrayList<>();
          for (String id : ids) {
            Sql.update(
                c,
                "UPDATE " + table + " SET lease_owner = ?, lease_until = ? WHERE id = ?",
                owner,
                leaseUntil,
                id);
            finder.find(c, id).ifPresent(claimed::add);
          }
          return claimed;
        });
  }
}
