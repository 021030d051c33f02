package io.github.darajakit.gateway.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The gateway's database: a connection pool, transactions, and the schema migrations.
 *
 * <p>SQLite runs in WAL mode with {@code synchronous=FULL} (a commit is on disk before it returns)
 * and one writer at a time: write transactions hold a lock in this process from their first
 * statement to their commit, so two of them never race to upgrade a read lock, and readers (WAL)
 * never wait for them. Writes that arrive together share a transaction and its disk flush ({@link
 * GroupCommit}). Transactions begin {@code DEFERRED}: the driver opens the next transaction as soon
 * as one commits, and an {@code IMMEDIATE} one would hold the write lock while the connection sits
 * idle in the pool. One gateway process per SQLite file; several instances share PostgreSQL, where
 * consistency comes from row versions and {@code SKIP LOCKED} claims.
 */
public final class Database implements AutoCloseable {

  /** Work done inside a transaction. */
  @FunctionalInterface
  public interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  private static final Logger log = LoggerFactory.getLogger(Database.class);

  private final HikariDataSource pool;
  private final Dialect dialect;
  private final String description;
  // SQLite allows one writer: serialising writers here avoids SQLITE_BUSY and lock upgrades, and
  // lets concurrent writes share a commit.
  private final GroupCommit sqliteWrites;

  private Database(HikariDataSource pool, Dialect dialect, String description) {
    this.pool = pool;
    this.dialect = dialect;
    this.description = description;
    this.sqliteWrites = dialect == Dialect.SQLITE ? new GroupCommit(pool) : null;
  }

  /**
   * Opens a database and brings its schema up to date.
   *
   * @param jdbcUrl {@code jdbc:sqlite:<file>} or {@code jdbc:postgresql://…}
   * @param clock records when migrations ran
   */
  public static Database open(String jdbcUrl, Clock clock) {
    Dialect dialect = Dialect.of(jdbcUrl);
    HikariConfig config = new HikariConfig();
    config.setPoolName("daraja-gateway");
    config.setAutoCommit(false);
    if (dialect == Dialect.SQLITE) {
      createParentFolder(jdbcUrl);
      SQLiteConfig sqlite = new SQLiteConfig();
      sqlite.setJournalMode(SQLiteConfig.JournalMode.WAL);
      sqlite.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
      sqlite.setBusyTimeout(15_000);
      sqlite.setTransactionMode(SQLiteConfig.TransactionMode.DEFERRED);
      sqlite.enforceForeignKeys(true);
      // No caller reads generated keys; finding them costs a scan of each INSERT's text.
      sqlite.setGetGeneratedKeys(false);
      SQLiteDataSource source = new SQLiteDataSource(sqlite);
      source.setUrl(jdbcUrl);
      config.setDataSource(source);
      config.setMaximumPoolSize(4);
      // Local file connections need no recycling, and each keeps its compiled statements.
      config.setMaxLifetime(0);
    } else {
      config.setJdbcUrl(jdbcUrl);
      config.setMaximumPoolSize(12);
    }
    HikariDataSource pool = new HikariDataSource(config);
    Database database = new Database(pool, dialect, redact(jdbcUrl));
    try {
      new Migrations(database, clock).apply();
    } catch (RuntimeException e) {
      pool.close();
      throw e;
    }
    return database;
  }

  public Dialect dialect() {
    return dialect;
  }

  /** The URL without credentials, for logs and the health endpoint. */
  public String description() {
    return description;
  }

  /**
   * Runs work in a write transaction: committed if it returns, rolled back if it throws. On SQLite
   * the transaction may also carry other threads' writes ({@link GroupCommit}); either way, when
   * this returns the work is committed.
   */
  public <T> T write(Work<T> work) {
    try {
      if (sqliteWrites != null) {
        return sqliteWrites.run(work);
      }
      try (Connection connection = pool.getConnection()) {
        try {
          T result = work.run(connection);
          connection.commit();
          return result;
        } catch (SQLException | RuntimeException e) {
          rollbackQuietly(connection);
          throw e;
        }
      }
    } catch (SQLException e) {
      throw new StoreException("database write failed: " + e.getMessage(), e);
    }
  }

  /**
   * Serialises, until the end of the caller's transaction, the transactions that deal with one key.
   * On PostgreSQL two transactions can each miss the other's uncommitted row (an STK callback that
   * finds no payment yet, and the push answer that looks for callbacks waiting for it); taking this
   * lock first in both makes the second one wait and then see the first. On SQLite writers are
   * already one at a time, so it does nothing.
   */
  public void lockKey(Connection connection, String key) throws SQLException {
    if (dialect != Dialect.POSTGRESQL) {
      return;
    }
    Sql.list(connection, "SELECT pg_advisory_xact_lock(716251840, hashtext(?))", r -> 1, key);
  }

  /** Runs read-only work. */
  public <T> T read(Work<T> work) {
    try (Connection connection = pool.getConnection()) {
      try {
        return work.run(connection);
      } finally {
        rollbackQuietly(connection);
      }
    } catch (SQLException e) {
      throw new StoreException("database read failed: " + e.getMessage(), e);
    }
  }

  /**
   * Runs part of a transaction in a savepoint: if it throws, only its changes are undone and the
   * exception is returned instead of propagated, so the rest of a batch still commits.
   */
  public static <T> SavepointResult<T> savepoint(Connection connection, Work<T> work)
      throws SQLException {
    Savepoint savepoint = connection.setSavepoint();
    try {
      T value = work.run(connection);
      connection.releaseSavepoint(savepoint);
      return new SavepointResult<>(value, null);
    } catch (SQLException | RuntimeException e) {
      connection.rollback(savepoint);
      return new SavepointResult<>(null, e);
    }
  }

  /**
   * The outcome of {@link #savepoint}.
   *
   * @param value what the work returned, or {@code null} if it failed
   * @param failure why it failed, or {@code null}
   */
  public record SavepointResult<T>(T value, Exception failure) {}

  /** True if the database answers. */
  public boolean healthy() {
    try {
      return read(
          c -> {
            try (Statement s = c.createStatement()) {
              return s.execute("SELECT 1");
            }
          });
    } catch (RuntimeException e) {
      return false;
    }
  }

  @Override
  public void close() {
    pool.close();
    StatementCache.forgetClosed();
  }

  private static void rollbackQuietly(Connection connection) {
    try {
      connection.rollback();
    } catch (SQLException e) {
      log.debug("rollback failed", e);
    }
  }

  private static void createParentFolder(String jdbcUrl) {
    String file = jdbcUrl.substring("jdbc:sqlite:".length());
    int query = file.indexOf('?');
    if (query >= 0) {
      file = file.substring(0, query);
    }
    if (file.isEmpty() || file.startsWith(":memory:") || file.startsWith("file:")) {
      return;
    }
    Path parent = Path.of(file).toAbsolutePath().getParent();
    if (parent != null) {
      try {
        Files.createDirectories(parent);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create " + parent, e);
      }
    }
  }

  private static String redact(String jdbcUrl) {
    return jdbcUrl.replaceAll("(?i)(password=)[^&;]*", "$1***");
  }

  /** Applies the versioned SQL files of {@code db/<dialect>/} that have not run yet. */
  static final class Migrations {
    private final Database database;
    private final Clock clock;

    Migrations(Database database, Clock clock) {
      this.database = database;
      this.clock = clock;
    }

    void apply() {
      database.write(
          c -> {
            if (database.dialect == Dialect.POSTGRESQL) {
              // Two instances starting together: one migrates, the other waits for it.
              try (Statement s = c.createStatement()) {
                s.execute("SELECT pg_advisory_xact_lock(716251839)");
              }
            }
            try (Statement s = c.createStatement()) {
              s.execute(
                  "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY,"
                      + " name TEXT NOT NULL, applied_at BIGINT NOT NULL)");
            }
            List<Integer> applied =
                Sql.list(c, "SELECT version FROM schema_version", row -> row.getInt(1));
            for (String file : index()) {
              int version = Integer.parseInt(file.substring(1, file.indexOf("__")));
              if (applied.contains(version)) {
                continue;
              }
              for (String statement : statements(read(file))) {
                try (Statement s = c.createStatement()) {
                  s.execute(statement);
                }
              }
              Sql.update(
                  c,
                  "INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)",
                  version,
                  file,
                  clock.millis());
              log.info("applied database migration {}", file);
            }
            return null;
          });
    }

    private List<String> index() {
      List<String> files = new ArrayList<>();
      for (String line : read("index.txt").split("\n")) {
        if (!line.isBlank() && !line.startsWith("#")) {
          files.add(line.trim());
        }
      }
      return files;
    }

    private String read(String file) {
      String path = "/io/github/darajakit/gateway/db/" + database.dialect.migrations() + "/" + file;
      try (InputStream in = Database.class.getResourceAsStream(path)) {
        if (in == null) {
          throw new IllegalStateException("missing migration " + path);
        }
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** Splits a migration into statements at semicolons ending a line; no procedural SQL here. */
    private static List<String> statements(String sql) {
      List<String> statements = new ArrayList<>();
      StringBuilder current = new StringBuilder();
      for (String line : sql.split("\n")) {
        String trimmed = line.strip();
        if (trimmed.startsWith("--") || trimmed.isEmpty()) {
          continue;
        }
        current.append(line).append('\n');
        if (trimmed.endsWith(";")) {
          String statement = current.toString().strip();
          statements.add(statement.substring(0, statement.length() - 1));
          current.setLength(0);
        }
      }
      if (!current.toString().isBlank()) {
        statements.add(current.toString().strip());
      }
      return statements;
    }
  }
}
