package io.github.darajakit.gateway.support;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The PostgreSQL the store tests run on: {@code DARAJA_TEST_POSTGRES_URL} (a JDBC URL). Without it
 * the PostgreSQL tests are skipped with a message saying how to run them — unless {@code
 * DARAJA_REQUIRE_POSTGRES=true} (CI sets both), when a missing or unreachable database fails. Each
 * test gets a schema of its own, dropped afterwards.
 */
public final class Postgres {

  public static final String URL_VARIABLE = "DARAJA_TEST_POSTGRES_URL";

  private static final AtomicBoolean ANNOUNCED = new AtomicBoolean();

  private Postgres() {}

  /** The configured URL; skips (or fails, in CI) the calling test without one. */
  public static String baseUrl() {
    String url = System.getenv(URL_VARIABLE);
    boolean required = "true".equalsIgnoreCase(System.getenv("DARAJA_REQUIRE_POSTGRES"));
    if (url == null || url.isBlank()) {
      String message =
          "PostgreSQL tests SKIPPED: set "
              + URL_VARIABLE
              + "=jdbc:postgresql://127.0.0.1:5432/test?user=postgres to run them (.ci/run does)";
      if (required) {
        fail("DARAJA_REQUIRE_POSTGRES is set but " + URL_VARIABLE + " is not");
      }
      if (ANNOUNCED.compareAndSet(false, true)) {
        System.err.println(message);
      }
      assumeTrue(false, message);
    }
    try (Connection c = DriverManager.getConnection(url)) {
      return url;
    } catch (SQLException e) {
      String message = "PostgreSQL at " + URL_VARIABLE + " is unreachable: " + e.getMessage();
      if (required) {
        fail(message);
      }
      System.err.println("PostgreSQL tests SKIPPED: " + message);
      assumeTrue(false, message);
      return url;
    }
  }

  /** A new, empty schema; returns a URL whose connections use it. */
  public static String freshSchema() {
    String base = baseUrl();
    String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    execute(base, "CREATE SCHEMA " + schema);
    return base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
  }

  /** Drops a schema made by {@link #freshSchema}. */
  public static void drop(String schemaUrl) {
    int at = schemaUrl.lastIndexOf("currentSchema=");
    String schema = schemaUrl.substring(at + "currentSchema=".length()).toLowerCase(Locale.ROOT);
    String base = schemaUrl.substring(0, at - 1);
    execute(base, "DROP SCHEMA IF EXISTS " + schema + " CASCADE");
  }

  private static void execute(String url, String sql) {
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }
}
