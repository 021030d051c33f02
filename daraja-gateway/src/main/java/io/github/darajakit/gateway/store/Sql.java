package io.github.darajakit.gateway.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The small JDBC helper the stores use: SQL stays visible as text blocks; this only binds
 * parameters and maps rows.
 */
public final class Sql {

  /** Maps the current row. */
  @FunctionalInterface
  public interface RowMapper<T> {
    T map(ResultSet row) throws SQLException;
  }

  private Sql() {}

  /** Runs an INSERT/UPDATE/DELETE and returns the rows changed. */
  public static int update(Connection c, String sql, Object... args) throws SQLException {
    try (StatementCache.Prepared prepared = StatementCache.prepare(c, sql)) {
      bind(prepared.statement(), args);
      return prepared.statement().executeUpdate();
    }
  }

  /** Runs a query and maps every row. */
  public static <T> List<T> list(Connection c, String sql, RowMapper<T> mapper, Object... args)
      throws SQLException {
    try (StatementCache.Prepared prepared = StatementCache.prepare(c, sql)) {
      bind(prepared.statement(), args);
      try (ResultSet rows = prepared.statement().executeQuery()) {
        List<T> result = new ArrayList<>();
        while (rows.next()) {
          result.add(mapper.map(rows));
        }
        return result;
      }
    }
  }

  /** Runs a query expected to return at most one row. */
  public static <T> Optional<T> one(Connection c, String sql, RowMapper<T> mapper, Object... args)
      throws SQLException {
    List<T> rows = list(c, sql, mapper, args);
    if (rows.size() > 1) {
      throw new SQLException("expected at most one row, got " + rows.size() + ": " + sql);
    }
    return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
  }

  /** An INTEGER column that may be NULL. */
  public static Integer nullableInt(ResultSet r, String column) throws SQLException {
    int value = r.getInt(column);
    return r.wasNull() ? null : value;
  }

  /** A nullable BIGINT column. */
  public static Long nullableLong(ResultSet row, String column) throws SQLException {
    long value = row.getLong(column);
    return row.wasNull() ? null : value;
  }

  private static void bind(PreparedStatement statement, Object... args) throws SQLException {
    for (int i = 0; i < args.length; i++) {
      Object arg = args[i];
      if (arg == null) {
        statement.setNull(i + 1, Types.NULL);
      } else if (arg instanceof Long value) {
        statement.setLong(i + 1, value);
      } else if (arg instanceof Integer value) {
        statement.setInt(i + 1, value);
      } else if (arg instanceof String value) {
        statement.setString(i + 1, value);
      } else if (arg instanceof Boolean value) {
        statement.setInt(i + 1, value ? 1 : 0);
      } else if (arg instanceof Enum<?> value) {
        statement.setString(i + 1, value.name());
      } else {
        throw new SQLException("cannot bind " + arg.getClass().getName());
      }
    }
  }
}
