package io.github.darajakit.gateway.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/**
 * One table of versioned records (payments, payouts, reversals, batches), read and written the way
 * every store does: by id, by the Idempotency-Key that created a record, by another unique column;
 * and a record's next version written only if the stored version is still the one before it.
 *
 * @param <T> the record
 */
public final class KeyedTable<T> {

  private final Database database;
  private final String table;
  private final String columns;
  private final Sql.RowMapper<T> mapper;
  private final boolean leased;

  /**
   * @param table its name
   * @param columns the columns {@code mapper} reads
   * @param leased whether its rows carry a lease ({@code lease_owner}, {@code lease_until}) that
   *     writing a new version ends
   */
  public KeyedTable(
      Database database, String table, String columns, Sql.RowMapper<T> mapper, boolean leased) {
    this.database = database;
    this.table = table;
    this.columns = columns;
    this.mapper = mapper;
    this.leased = leased;
  }

  /**
   * Inserts a record: {@code values} for its columns, in order, and the Idempotency-Key that
   * created it (or {@code null}).
   */
  public void insert(Connection c, Object[] values, String idempotencyKey) throws SQLException {
    Object[] all = java.util.Arrays.copyOf(values, values.length + 1);
    all[values.length] = idempotencyKey;
    Sql.update(
        c,
        "INSERT INTO "
            + table
            + " ("
            + columns
            + ", idempotency_key) VALUES (?"
            + ", ?".repeat(values.length)
            + ")",
        all);
  }

  /** The record with this id, read in the caller's transaction. */
  public Optional<T> find(Connection c, String id) throws SQLException {
    return by(c, "id", id);
  }

  /** The record with this id. */
  public Optional<T> find(String id) {
    return database.read(c -> find(c, id));
  }

  /** The record created under an Idempotency-Key, if any. */
  public Optional<T> byIdempotencyKey(Connection c, String key) throws SQLException {
    return by(c, "idempotency_key", key);
  }

  /** The record whose {@code column} (a unique one) holds {@code value}. */
  public Optional<T> by(Connection c, String column, Object value) throws SQLException {
    return Sql.one(
        c, "SELECT " + columns + " FROM " + table + " WHERE " + column + " = ?", mapper, value);
  }

  /**
   * Writes a record's next version: {@code set} (e.g. {@code "status = ?, result_code = ?"}) bound
   * to {@code values}, its {@code updated_at} and {@code version}, if the stored version is {@code
   * version - 1}.
   *
   * @return false if the stored version moved on (the caller reads again and decides again)
   */
  public boolean updateVersion(
      Connection c, String set, Object[] values, String id, long updatedAt, int version)
      throws SQLException {
    Object[] all = new Object[values.length + 4];
    System.arraycopy(values, 0, all, 0, values.length);
    all[values.length] = updatedAt;
    all[values.length + 1] = version;
    all[values.length + 2] = id;
    all[values.length + 3] = version - 1;
    return Sql.update(
            c,
            "UPDATE "
                + table
                + " SET "
                + set
                + (leased ? ", lease_owner = NULL, lease_until = NULL" : "")
                + ", updated_at = ?, version = ? WHERE id = ? AND version = ?",
            all)
        == 1;
  }
}
