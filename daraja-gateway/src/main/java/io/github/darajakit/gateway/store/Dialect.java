package io.github.darajakit.gateway.store;

import java.util.Locale;

/**
 * The two databases the gateway runs on, and the few places their SQL differs. Everything else is
 * written once, in SQL both understand ({@code ON CONFLICT}, {@code RETURNING}, row values).
 */
public enum Dialect {
  /** Embedded default: one file, WAL, {@code synchronous=FULL}, one writer at a time. */
  SQLITE("sqlite"),
  /** Production and scale-out: several gateway instances share one database. */
  POSTGRESQL("postgresql");

  private final String folder;

  Dialect(String folder) {
    this.folder = folder;
  }

  /** The dialect of a JDBC URL. */
  public static Dialect of(String jdbcUrl) {
    String url = jdbcUrl.toLowerCase(Locale.ROOT);
    if (url.startsWith("jdbc:sqlite:")) {
      return SQLITE;
    }
    if (url.startsWith("jdbc:postgresql:")) {
      return POSTGRESQL;
    }
    throw new IllegalArgumentException(
        "unsupported database URL '"
            + jdbcUrl
            + "': use jdbc:sqlite:<file> or jdbc:postgresql://host:port/db");
  }

  /** Folder of this dialect's migrations. */
  String migrations() {
    return folder;
  }

  /**
   * Appended to a claim query: other instances skip the rows this one locked. SQLite has a single
   * writer and no row locks, so nothing is needed there.
   */
  public String skipLocked() {
    return this == POSTGRESQL ? " FOR UPDATE SKIP LOCKED" : "";
  }
}
