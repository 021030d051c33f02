package io.github.darajakit.gateway.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.sqlite.SQLiteConnection;

/**
 * Compiled statements kept per SQLite connection.
 *
 * <p>SQLite compiles SQL text on every {@code prepareStatement}; on the callback path that was
 * about a third of the writer's time. A pooled SQLite connection lives as long as the pool (the
 * pool never retires them), so each keeps its most used statements compiled. PostgreSQL's driver
 * caches server-side statements itself, so its statements are prepared and closed as usual.
 *
 * <p>A connection is used by one thread at a time, so each connection's map needs no lock.
 */
final class StatementCache {

  private static final int PER_CONNECTION = 64;
  private static final Map<Connection, Map<String, PreparedStatement>> BY_CONNECTION =
      new ConcurrentHashMap<>();

  /** A statement to run, and whether it goes back to the cache instead of being closed. */
  record Prepared(PreparedStatement statement, boolean cached) implements AutoCloseable {
    @Override
    public void close() throws SQLException {
      if (cached) {
        statement.clearParameters();
      } else {
        statement.close();
      }
    }
  }

  private StatementCache() {}

  static Prepared prepare(Connection connection, String sql) throws SQLException {
    if (!connection.isWrapperFor(SQLiteConnection.class)) {
      return new Prepared(connection.prepareStatement(sql), false);
    }
    Connection physical = connection.unwrap(SQLiteConnection.class);
    Map<String, PreparedStatement> statements =
        BY_CONNECTION.computeIfAbsent(physical, c -> new Lru());
    PreparedStatement statement = statements.get(sql);
    if (statement == null || statement.isClosed()) {
      statement = physical.prepareStatement(sql);
      statements.put(sql, statement);
    }
    return new Prepared(statement, true);
  }

  /** Forgets the statements of connections that are closed (after the pool shut or dropped one). */
  static void forgetClosed() {
    BY_CONNECTION
        .keySet()
        .removeIf(
            c -> {
              try {
                return c.isClosed();
              } catch (SQLException e) {
                return true;
              }
            });
  }

  /** Least recently used statements are closed beyond {@link #PER_CONNECTION}. */
  private static final class Lru extends LinkedHashMap<String, PreparedStatement> {
    Lru() {
      super(16, 0.75f, true);
    }

    @Override
    protected boolean removeEldestEntry(Map.Entry<String, PreparedStatement> eldest) {
      if (size() <= PER_CONNECTION) {
        return false;
      }
      try {
        eldest.getValue().close();
      } catch (SQLException e) {
        // Closing a statement of a live connection does not fail; nothing to do if it did.
      }
      return true;
    }
  }
}
