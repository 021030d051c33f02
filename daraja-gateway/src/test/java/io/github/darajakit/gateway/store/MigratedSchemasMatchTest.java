package io.github.darajakit.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.darajakit.gateway.store.LineDiff.Hunk;
import io.github.darajakit.gateway.store.LineDiff.Line;
import io.github.darajakit.gateway.support.Postgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The schemas the gateway's own migration runner ({@link Database#open}) builds on SQLite and on
 * PostgreSQL must be the same, read back through JDBC metadata: the same tables; in each, the same
 * columns in the same order with the same type, nullability and default; the same primary key,
 * unique constraints and foreign keys; the same indexes by name, with the same columns, uniqueness
 * and partialness. {@link MigrationFilesMatchTest} compares the files; this compares what each
 * database made of them.
 *
 * <p>What each engine reports differently for the same thing is normalised, and only this:
 *
 * <ul>
 *   <li>Types: PostgreSQL's {@code text}, {@code int8} and {@code int4} are the {@code TEXT},
 *       {@code BIGINT} and {@code INTEGER} SQLite reports as declared. An auto-increment key
 *       (SQLite's {@code INTEGER PRIMARY KEY AUTOINCREMENT}, the 64-bit rowid; PostgreSQL's {@code
 *       BIGSERIAL}) is {@code BIGINT auto-increment}, without PostgreSQL's {@code nextval(…)}
 *       default.
 *   <li>Defaults: PostgreSQL's casts ({@code 'b2c'::text}) are dropped.
 *   <li>Nullability of primary-key columns is not compared: PostgreSQL makes them {@code NOT NULL},
 *       while SQLite lets a primary-key column other than the rowid hold NULL unless it says {@code
 *       NOT NULL} (a long-kept SQLite quirk). The gateway writes every id itself.
 *   <li>The indexes behind a primary key or a {@code UNIQUE} column are named by each engine
 *       ({@code payments_pkey}, {@code sqlite_autoindex_payments_1}); they are compared as the key
 *       and the unique constraint, by columns.
 *   <li>A partial index's {@code WHERE} clause is compared as present or not: PostgreSQL reports it
 *       re-written ({@code (status = 'PENDING'::text)}), and its text is already compared in the
 *       files.
 * </ul>
 */
class MigratedSchemasMatchTest {

  @TempDir Path dir;

  @Test
  void sqliteAndPostgresqlEndUpWithTheSameTablesColumnsKeysAndIndexes() {
    String postgresqlUrl = Postgres.freshSchema();
    try (Database sqlite =
            Database.open("jdbc:sqlite:" + dir.resolve("gateway.db"), Clock.systemUTC());
        Database postgresql = Database.open(postgresqlUrl, Clock.systemUTC())) {
      List<String> onSqlite = sqlite.read(c -> describe(c, Dialect.SQLITE));
      List<String> onPostgresql = postgresql.read(c -> describe(c, Dialect.POSTGRESQL));

      List<Hunk> hunks = LineDiff.hunks(lines(onSqlite), lines(onPostgresql));

      if (!hunks.isEmpty()) {
        StringBuilder message =
            new StringBuilder("The migrated SQLite and PostgreSQL schemas differ:\n");
        for (Hunk hunk : hunks) {
          message.append(LineDiff.sideBySide("sqlite", "postgresql", hunk));
        }
        message.append(
            "To fix: make the SQLite and PostgreSQL migrations (db/sqlite/, db/postgresql/) say the"
                + " same thing; MigrationFilesMatchTest shows where their text differs. If both"
                + " already say the same and the engines report it differently, teach describe() in"
                + " this test the mapping, with the reason.");
        fail(message.toString());
      }
    } finally {
      Postgres.drop(postgresqlUrl);
    }
  }

  @Test
  void theDescriptionOfAMigratedSchemaShowsWhatTheComparisonReliesOn() {
    try (Database sqlite =
        Database.open("jdbc:sqlite:" + dir.resolve("gateway.db"), Clock.systemUTC())) {
      List<String> description = sqlite.read(c -> describe(c, Dialect.SQLITE));

      assertThat(description)
          .contains(
              "table callbacks",
              "callbacks column id BIGINT auto-increment",
              "callbacks column match_key TEXT",
              "callbacks primary key (id)",
              "payments column check_attempts INTEGER NOT NULL DEFAULT 0",
              "payments unique (checkout_request_id)",
              "payments index payments_created (created_at, id)",
              "payments unique index payments_idempotency (idempotency_key) partial",
              "payouts column kind TEXT NOT NULL DEFAULT 'b2c'",
              "idempotency_keys primary key (api_key_id, idempotency_key)",
              "webhook_deliveries foreign key (event_id) references events (id)");
    }
  }

  /**
   * The schema a connection sees, one fact a line, tables by name: its columns in order, then its
   * primary key, unique constraints, foreign keys and indexes.
   */
  static List<String> describe(Connection connection, Dialect dialect) throws SQLException {
    DatabaseMetaData metadata = connection.getMetaData();
    String schema = schemaPattern(connection, metadata);
    Set<String> tables = new TreeSet<>();
    try (ResultSet rows = metadata.getTables(null, schema, "%", new String[] {"TABLE"})) {
      while (rows.next()) {
        tables.add(rows.getString("TABLE_NAME"));
      }
    }
    Map<String, List<Column>> columns = columns(metadata, schema, dialect);
    List<String> description = new ArrayList<>();
    for (String table : tables) {
      Set<String> primaryKey = new HashSet<>();
      List<String> facts = new ArrayList<>();
      try (ResultSet rows = metadata.getPrimaryKeys(null, connection.getSchema(), table)) {
        Map<Short, String> byPosition = new TreeMap<>();
        while (rows.next()) {
          byPosition.put(rows.getShort("KEY_SEQ"), rows.getString("COLUMN_NAME"));
          primaryKey.add(rows.getString("COLUMN_NAME"));
        }
        if (!byPosition.isEmpty()) {
          facts.add("primary key (" + String.join(", ", byPosition.values()) + ")");
        }
      }
      facts.addAll(foreignKeys(metadata, connection.getSchema(), table));
      facts.addAll(indexes(connection, metadata, dialect, table));
      description.add("table " + table);
      for (Column column : columns.getOrDefault(table, List.of())) {
        description.add(table + " column " + column.describe(primaryKey.contains(column.name())));
      }
      for (String fact : facts) {
        description.add(table + " " + fact);
      }
    }
    return description;
  }

  /** A column as both engines can agree on it: its type and default already normalised. */
  private record Column(String name, String type, boolean notNull, String defaultValue) {
    /** {@code name TYPE [NOT NULL] [DEFAULT value]}; see the class comment on key columns. */
    String describe(boolean inPrimaryKey) {
      return name
          + " "
          + type
          + (notNull && !inPrimaryKey ? " NOT NULL" : "")
          + (defaultValue == null ? "" : " DEFAULT " + defaultValue);
    }
  }

  /** Each table's columns in order. */
  private static Map<String, List<Column>> columns(
      DatabaseMetaData metadata, String schema, Dialect dialect) throws SQLException {
    Map<String, Map<Integer, Column>> byTable = new HashMap<>();
    try (ResultSet rows = metadata.getColumns(null, schema, "%", "%")) {
      while (rows.next()) {
        boolean autoIncrement = "YES".equals(rows.getString("IS_AUTOINCREMENT"));
        String defaultValue = rows.getString("COLUMN_DEF");
        Column column =
            new Column(
                rows.getString("COLUMN_NAME"),
                type(dialect, rows.getString("TYPE_NAME"), autoIncrement),
                rows.getInt("NULLABLE") == DatabaseMetaData.columnNoNulls,
                // PostgreSQL's auto-increment default is its sequence; its other defaults carry a
                // cast: 'b2c'::text.
                defaultValue == null || autoIncrement
                    ? null
                    : defaultValue.replaceAll("::[a-z][a-z0-9_ ]*", ""));
        byTable
            .computeIfAbsent(rows.getString("TABLE_NAME"), table -> new TreeMap<>())
            .put(rows.getInt("ORDINAL_POSITION"), column);
      }
    }
    Map<String, List<Column>> columns = new HashMap<>();
    byTable.forEach((table, byPosition) -> columns.put(table, List.copyOf(byPosition.values())));
    return columns;
  }

  /** A column's type as SQLite declares it; see the class comment for the mapping. */
  private static String type(Dialect dialect, String reported, boolean autoIncrement) {
    String type =
        switch (dialect) {
          case SQLITE -> autoIncrement ? "BIGINT" : reported.toUpperCase(Locale.ROOT);
          case POSTGRESQL ->
              switch (reported) {
                case "text" -> "TEXT";
                case "int8", "bigserial" -> "BIGINT";
                case "int4", "serial" -> "INTEGER";
                default -> reported + " (a PostgreSQL type this test does not map yet)";
              };
        };
    return autoIncrement ? type + " auto-increment" : type;
  }

  private static List<String> foreignKeys(DatabaseMetaData metadata, String schema, String table)
      throws SQLException {
    List<String> foreignKeys = new ArrayList<>();
    List<String> from = new ArrayList<>();
    List<String> to = new ArrayList<>();
    String target = null;
    try (ResultSet rows = metadata.getImportedKeys(null, schema, table)) {
      while (rows.next()) {
        if (rows.getShort("KEY_SEQ") == 1 && target != null) {
          foreignKeys.add(foreignKey(from, target, to));
          from.clear();
          to.clear();
        }
        target = rows.getString("PKTABLE_NAME");
        from.add(rows.getString("FKCOLUMN_NAME"));
        to.add(rows.getString("PKCOLUMN_NAME"));
      }
    }
    if (target != null) {
      foreignKeys.add(foreignKey(from, target, to));
    }
    foreignKeys.sort(null);
    return foreignKeys;
  }

  private static String foreignKey(List<String> from, String target, List<String> to) {
    return "foreign key ("
        + String.join(", ", from)
        + ") references "
        + target
        + " ("
        + String.join(", ", to)
        + ")";
  }

  /**
   * A table's unique constraints ({@code unique (columns)}) and created indexes ({@code [unique]
   * index name (columns) [partial]}), sorted; the primary key's index is left to the primary key.
   */
  private static List<String> indexes(
      Connection connection, DatabaseMetaData metadata, Dialect dialect, String table)
      throws SQLException {
    Map<String, IndexOrigin> origins = indexOrigins(connection, dialect, table);
    Map<String, Map<Short, String>> columnsByIndex = new TreeMap<>();
    Map<String, Boolean> unique = new HashMap<>();
    try (ResultSet rows =
        metadata.getIndexInfo(null, connection.getSchema(), table, false, false)) {
      while (rows.next()) {
        String name = rows.getString("INDEX_NAME");
        if (name == null || rows.getShort("TYPE") == DatabaseMetaData.tableIndexStatistic) {
          continue;
        }
        columnsByIndex
            .computeIfAbsent(name, index -> new TreeMap<>())
            .put(rows.getShort("ORDINAL_POSITION"), rows.getString("COLUMN_NAME"));
        unique.put(name, !rows.getBoolean("NON_UNIQUE"));
      }
    }
    List<String> constraints = new ArrayList<>();
    List<String> created = new ArrayList<>();
    for (Map.Entry<String, Map<Short, String>> index : columnsByIndex.entrySet()) {
      String name = index.getKey();
      String columns = "(" + String.join(", ", index.getValue().values()) + ")";
      IndexOrigin origin = origins.get(name);
      if (origin == null) {
        throw new IllegalStateException(
            "index " + name + " of " + table + " is not in the catalog");
      }
      switch (origin.kind()) {
        case PRIMARY_KEY -> {}
        case UNIQUE_CONSTRAINT -> constraints.add("unique " + columns);
        case CREATED ->
            created.add(
                (unique.get(name) ? "unique index " : "index ")
                    + name
                    + " "
                    + columns
                    + (origin.partial() ? " partial" : ""));
      }
    }
    constraints.sort(null);
    List<String> indexes = new ArrayList<>(constraints);
    indexes.addAll(created);
    return indexes;
  }

  /** Why an index exists, and whether it is partial: JDBC metadata says neither. */
  private record IndexOrigin(Kind kind, boolean partial) {
    enum Kind {
      PRIMARY_KEY,
      UNIQUE_CONSTRAINT,
      CREATED
    }
  }

  private static Map<String, IndexOrigin> indexOrigins(
      Connection connection, Dialect dialect, String table) throws SQLException {
    String sql =
        switch (dialect) {
          case SQLITE -> "SELECT name, origin, partial = 1 FROM pragma_index_list(?)";
          case POSTGRESQL ->
              """
              SELECT i.relname,
                     CASE WHEN x.indisprimary THEN 'pk'
                          WHEN EXISTS (SELECT 1 FROM pg_constraint k
                                       WHERE k.conindid = x.indexrelid AND k.contype = 'u')
                            THEN 'u'
                          ELSE 'c' END,
                     x.indpred IS NOT NULL
              FROM pg_index x
              JOIN pg_class i ON i.oid = x.indexrelid
              JOIN pg_class t ON t.oid = x.indrelid
              JOIN pg_namespace n ON n.oid = t.relnamespace
              WHERE t.relname = ? AND n.nspname = current_schema()
              """;
        };
    Map<String, IndexOrigin> origins = new HashMap<>();
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, table);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          IndexOrigin.Kind kind =
              switch (rows.getString(2)) {
                case "pk" -> IndexOrigin.Kind.PRIMARY_KEY;
                case "u" -> IndexOrigin.Kind.UNIQUE_CONSTRAINT;
                case "c" -> IndexOrigin.Kind.CREATED;
                default -> throw new IllegalStateException("index origin " + rows.getString(2));
              };
          origins.put(rows.getString(1), new IndexOrigin(kind, rows.getBoolean(3)));
        }
      }
    }
    return origins;
  }

  /** The connection's schema as a metadata search pattern ({@code _} is a wildcard there). */
  private static String schemaPattern(Connection connection, DatabaseMetaData metadata)
      throws SQLException {
    String schema = connection.getSchema();
    if (schema == null) {
      return null;
    }
    String escape = metadata.getSearchStringEscape();
    return schema
        .replace(escape, escape + escape)
        .replace("_", escape + "_")
        .replace("%", escape + "%");
  }

  private static List<Line> lines(List<String> description) {
    return description.stream().map(text -> new Line(0, text)).toList();
  }
}
