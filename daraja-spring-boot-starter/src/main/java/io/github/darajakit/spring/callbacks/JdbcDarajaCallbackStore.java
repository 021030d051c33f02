package io.github.darajakit.spring.callbacks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import javax.sql.DataSource;

/**
 * A {@link DarajaCallbackStore} in one table, {@code daraja_callback} (see {@link #SCHEMA}, also
 * shipped as {@code io/github/darajakit/spring/callbacks/schema.sql} for your migrations). Plain
 * JDBC, committed before {@link #store} returns; plain SQL, tested on SQLite and PostgreSQL.
 *
 * <p>The same body twice is stored once: the row's key is the body's SHA-256, and an insert refused
 * while a row with that key exists reports a duplicate (the check comes after the failure, so two
 * concurrent deliveries of one body are told apart from a broken database).
 */
public final class JdbcDarajaCallbackStore implements DarajaCallbackStore {

  /** The classpath resource holding the table's DDL. */
  public static final String SCHEMA = "io/github/darajakit/spring/callbacks/schema.sql";

  private static final String INSERT =
      "INSERT INTO daraja_callback (id, received_at, body) VALUES (?, ?, ?)";

  private static final String EXISTS = "SELECT 1 FROM daraja_callback WHERE id = ?";

  private final DataSource dataSource;

  /** A store on this data source; the table must exist (see {@link #createTableIfMissing()}). */
  public JdbcDarajaCallbackStore(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Creates {@code daraja_callback} unless it exists, from {@link #SCHEMA}. */
  public void createTableIfMissing() {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute(schema());
      if (!connection.getAutoCommit()) {
        connection.commit();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("could not create the daraja_callback table", e);
    }
  }

  @Override
  public boolean store(ReceivedCallback callback) {
    try (Connection connection = dataSource.getConnection()) {
      boolean autoCommit = connection.getAutoCommit();
      connection.setAutoCommit(true);
      try {
        return insert(connection, callback);
      } finally {
        connection.setAutoCommit(autoCommit);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("could not store callback " + callback.id(), e);
    }
  }

  private static boolean insert(Connection connection, ReceivedCallback callback)
      throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
      insert.setString(1, callback.id());
      insert.setTimestamp(2, Timestamp.from(callback.receivedAt()));
      insert.setString(3, callback.body());
      return insert.executeUpdate() == 1;
    } catch (SQLException e) {
      // Each database words a key violation its own way, so ask the table rather than the error:
      // autocommit made the failed insert its own transaction, so the connection is still usable.
      if (exists(connection, callback.id())) {
        return false;
      }
      throw e;
    }
  }

  private static boolean exists(Connection connection, String id) throws SQLException {
    try (PreparedStatement query = connection.prepareStatement(EXISTS)) {
      query.setString(1, id);
      try (ResultSet rows = query.executeQuery()) {
        return rows.next();
      }
    }
  }

  private static String schema() {
    try (InputStream in =
        JdbcDarajaCallbackStore.class.getClassLoader().getResourceAsStream(SCHEMA)) {
      if (in == null) {
        throw new IllegalStateException(SCHEMA + " is missing from the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
