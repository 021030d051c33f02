package io.github.darajakit.spring.callbacks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;
import org.sqlite.SQLiteDataSource;

/**
 * {@link JdbcDarajaCallbackStore}'s contract, once per database: SQLite always, PostgreSQL at
 * {@code DARAJA_TEST_POSTGRES_URL} (skipped without it, failed without it when {@code
 * DARAJA_REQUIRE_POSTGRES=true}, as CI sets).
 */
class JdbcCallbackStoreStarterTest {

  abstract static class Contract {
    abstract DataSource dataSource();

    static ReceivedCallback callback(String body) {
      return ReceivedCallback.of(
          body.getBytes(StandardCharsets.UTF_8), Instant.parse("2026-12-07T10:00:00Z"));
    }

    @Test
    void aNewBodyIsStoredOnceAndItsRepeatIsReportedAsADuplicate() {
      JdbcDarajaCallbackStore store = new JdbcDarajaCallbackStore(dataSource());
      store.createTableIfMissing();
      store.createTableIfMissing();
      ReceivedCallback callback = callback("{\"Body\":{}}");
      assertThat(store.store(callback)).isTrue();
      assertThat(store.store(callback)).isFalse();
      assertThat(store.store(callback("{\"Body\":{\"other\":1}}"))).isTrue();
    }

    @Test
    void concurrentDeliveriesOfOneBodyStoreItExactlyOnce() throws Exception {
      JdbcDarajaCallbackStore store = new JdbcDarajaCallbackStore(dataSource());
      store.createTableIfMissing();
      ReceivedCallback callback = callback("{\"race\":true}");
      int deliveries = 4;
      CountDownLatch start = new CountDownLatch(1);
      ExecutorService threads = Executors.newFixedThreadPool(deliveries);
      try {
        List<Future<Boolean>> results = new ArrayList<>();
        for (int i = 0; i < deliveries; i++) {
          Callable<Boolean> delivery =
              () -> {
                start.await();
                return store.store(callback);
              };
          results.add(threads.submit(delivery));
        }
        start.countDown();
        int stored = 0;
        for (Future<Boolean> result : results) {
          stored += result.get() ? 1 : 0;
        }
        assertThat(stored).isEqualTo(1);
      } finally {
        threads.shutdownNow();
      }
    }

    @Test
    void withoutItsTableTheStoreFailsLoudly() {
      JdbcDarajaCallbackStore store = new JdbcDarajaCallbackStore(dataSource());
      assertThatThrownBy(() -> store.store(callback("{}")))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("could not store callback");
    }
  }

  @Nested
  class OnSqlite extends Contract {
    @TempDir Path directory;

    @Override
    DataSource dataSource() {
      SQLiteDataSource dataSource = new SQLiteDataSource();
      dataSource.setUrl("jdbc:sqlite:" + directory.resolve("callbacks.db"));
      // Concurrent writers wait for SQLite's single write lock instead of failing at once.
      dataSource.setBusyTimeout(5_000);
      return dataSource;
    }
  }

  @Nested
  class OnPostgresql extends Contract {
    private String schema;
    private String baseUrl;

    @Override
    DataSource dataSource() {
      if (schema == null) {
        baseUrl = postgresUrl();
        schema = "callbacks_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        execute(baseUrl, "CREATE SCHEMA " + schema);
      }
      PGSimpleDataSource dataSource = new PGSimpleDataSource();
      dataSource.setUrl(baseUrl);
      dataSource.setCurrentSchema(schema);
      return dataSource;
    }

    @AfterEach
    void dropSchema() {
      if (schema != null) {
        execute(baseUrl, "DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      }
    }

    private static String postgresUrl() {
      String url = System.getenv("DARAJA_TEST_POSTGRES_URL");
      if (url == null || url.isBlank()) {
        if ("true".equalsIgnoreCase(System.getenv("DARAJA_REQUIRE_POSTGRES"))) {
          fail("DARAJA_REQUIRE_POSTGRES is set but DARAJA_TEST_POSTGRES_URL is not");
        }
        assumeTrue(false, "set DARAJA_TEST_POSTGRES_URL to run the store on PostgreSQL");
      }
      return url;
    }

    private static void execute(String url, String sql) {
      try (Connection connection = DriverManager.getConnection(url);
          Statement statement = connection.createStatement()) {
        statement.execute(sql);
      } catch (SQLException e) {
        throw new IllegalStateException(sql + ": " + e.getMessage(), e);
      }
    }
  }
}
