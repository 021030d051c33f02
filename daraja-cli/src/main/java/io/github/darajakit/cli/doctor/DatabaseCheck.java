package io.github.darajakit.cli.doctor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;

/**
 * Check 8: the gateway's database takes writes. SQLite: the directory is writable (WAL needs its
 * {@code -wal} and {@code -shm} files beside the database), the journal is WAL, the disk has room,
 * and a write in a rolled-back transaction succeeds. PostgreSQL: it connects and takes such a
 * write. Nothing is left behind.
 */
final class DatabaseCheck implements Check {

  @Override
  public String id() {
    return "database";
  }

  @Override
  public String title() {
    return "Gateway database is writable";
  }

  @Override
  public Finding run(DoctorContext context) {
    if (context.gateway() == null) {
      return Finding.skip("the gateway is left out (--no-gateway)");
    }
    String url = context.gateway().databaseUrl();
    if (url.startsWith("jdbc:sqlite:")) {
      return sqlite(context, url);
    }
    if (url.startsWith("jdbc:postgresql:")) {
      return postgresql(url);
    }
    return Finding.warn(
        "could not check: " + url + " is neither SQLite nor PostgreSQL",
        "give database.url (or --db) as jdbc:sqlite:FILE or jdbc:postgresql://HOST/DB");
  }

  private static Finding sqlite(DoctorContext context, String url) {
    String location = url.substring("jdbc:sqlite:".length());
    int query = location.indexOf('?');
    if (query >= 0) {
      location = location.substring(0, query);
    }
    if (location.isEmpty() || location.startsWith(":memory:") || location.contains("mode=memory")) {
      return Finding.fail(
          url + " is in memory: every payment is lost when the gateway stops",
          "give --data-dir DIR (or database.url jdbc:sqlite:FILE)");
    }
    Path file = Path.of(location).toAbsolutePath().normalize();
    Path directory = file.getParent();
    List<Finding> findings = Finding.list();
    if (!Files.isDirectory(directory)) {
      return Finding.warn(
          "no database yet: " + directory + " does not exist (the gateway makes it at first start)",
          "start the gateway once with the same --data-dir, --db or --config, then run doctor"
              + " again");
    }
    String unwritable = unwritable(directory);
    if (unwritable != null) {
      return Finding.fail(
          "cannot create files in "
              + directory
              + " ("
              + unwritable
              + "): SQLite needs to, for"
              + " gateway.db-wal and gateway.db-shm",
          "give the gateway's user write access to " + directory + " (chown or chmod)");
    }
    findings.add(freeSpace(context, directory));
    if (!Files.exists(file)) {
      findings.add(
          Finding.warn(
              "no database yet at " + file + " (the gateway makes it at first start)",
              "start the gateway once with the same settings, then run doctor again"));
      return Finding.combine(findings);
    }
    if (!Files.isWritable(file)) {
      findings.add(
          Finding.fail(file + " is read-only", "give the gateway's user write access to " + file));
      return Finding.combine(findings);
    }
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file)) {
      try (Statement s = connection.createStatement()) {
        s.execute("PRAGMA busy_timeout = 5000");
      }
      String mode = single(connection, "PRAGMA journal_mode").toLowerCase(Locale.ROOT);
      findings.add(
          mode.equals("wal")
              ? Finding.pass(file + " is in WAL mode")
              : Finding.fail(
                  file
                      + " is in journal mode "
                      + mode
                      + ", not WAL: every callback write then blocks readers, and a crash"
                      + " mid-write risks more",
                  "start the gateway (it switches the file to WAL), or with it stopped run"
                      + " sqlite3 "
                      + file
                      + " 'PRAGMA journal_mode=WAL;'"));
      findings.add(writeProbe(connection, file.toString()));
    } catch (SQLException e) {
      findings.add(
          Finding.fail(
              "cannot open " + file + ": " + e.getMessage(),
              "check that it is the gateway's SQLite file and its user may write it"));
    }
    return Finding.combine(findings);
  }

  private static Finding postgresql(String url) {
    // A doctor that hangs on a dead server helps no one; the URL's own settings still win.
    Properties timeouts = new Properties();
    timeouts.setProperty("connectTimeout", "5");
    timeouts.setProperty("loginTimeout", "10");
    try (Connection connection = DriverManager.getConnection(url, timeouts)) {
      return writeProbe(connection, connection.getMetaData().getURL());
    } catch (SQLException e) {
      return Finding.fail(
          "cannot connect to " + url + ": " + e.getMessage(),
          "check database.url (or --db): host, port, database, user and password, and that"
              + " PostgreSQL accepts this machine (pg_hba.conf)");
    }
  }

  /**
   * Writes a row to the gateway's {@code settings} table in a transaction and rolls it back: the
   * user may write, and the database is not read-only (a standby, a full disk).
   */
  private static Finding writeProbe(Connection connection, String where) {
    try {
      if (!hasTable(connection, "settings")) {
        return Finding.warn(
            where + " has no gateway tables yet (the gateway makes them at first start)",
            "start the gateway once with the same settings, then run doctor again");
      }
      connection.setAutoCommit(false);
      try (PreparedStatement insert =
          connection.prepareStatement("INSERT INTO settings (name, value) VALUES (?, ?)")) {
        insert.setString(1, "doctor.probe." + UUID.randomUUID());
        insert.setString(2, "rolled back");
        insert.executeUpdate();
      } finally {
        connection.rollback();
      }
      return Finding.pass(where + " took a write (rolled back)");
    } catch (SQLException e) {
      return Finding.fail(
          where + " refused a write: " + e.getMessage(),
          "give the gateway's database user INSERT and UPDATE on its tables, and make sure the"
              + " database is not read-only");
    }
  }

  private static boolean hasTable(Connection connection, String name) throws SQLException {
    DatabaseMetaData meta = connection.getMetaData();
    for (String candidate : List.of(name, name.toUpperCase(Locale.ROOT))) {
      // In the connection's schema only: PostgreSQL's search path decides where the INSERT goes.
      try (ResultSet tables =
          meta.getTables(null, connection.getSchema(), candidate, new String[] {"TABLE"})) {
        if (tables.next()) {
          return true;
        }
      }
    }
    return false;
  }

  private static String single(Connection connection, String sql) throws SQLException {
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      return rs.next() ? rs.getString(1) : "";
    }
  }

  /** Why no file can be created in the directory, or {@code null} if one can. */
  private static String unwritable(Path directory) {
    // Trying is the only sure test: permissions, read-only mounts and ACLs all say no here.
    try {
      Path probe = Files.createTempFile(directory, ".daraja-doctor-", ".tmp");
      Files.delete(probe);
      return null;
    } catch (IOException | SecurityException e) {
      return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
  }

  private static Finding freeSpace(DoctorContext context, Path directory) {
    long free;
    try {
      free = Files.getFileStore(directory).getUsableSpace();
    } catch (IOException e) {
      return Finding.warn("could not read the free space beside " + directory + ": " + e, null);
    }
    String shown = Sizes.show(free) + " free beside the database";
    if (free < context.minFreeBytes()) {
      return Finding.fail(
          "only " + shown + " (at least " + Sizes.show(context.minFreeBytes()) + " wanted)",
          "free disk space, or move --data-dir to a larger disk (with the gateway stopped)");
    }
    return Finding.pass(shown);
  }
}
