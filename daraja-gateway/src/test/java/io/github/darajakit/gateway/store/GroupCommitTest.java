package io.github.darajakit.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writes that share a SQLite commit still succeed or fail one by one. */
class GroupCommitTest {

  @TempDir Path dir;
  private Database database;

  @BeforeEach
  void open() {
    database = Database.open("jdbc:sqlite:" + dir.resolve("group.db"), Clock.systemUTC());
    database.write(c -> Sql.update(c, "CREATE TABLE marks (name TEXT PRIMARY KEY, thread INT)"));
  }

  @AfterEach
  void close() {
    database.close();
  }

  @Test
  void concurrentWritesAllCommitAndFailuresUndoOnlyTheirOwnWork() throws Exception {
    int threads = 16;
    int writesEach = 150;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<Integer>> results = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      results.add(
          pool.submit(
              () -> {
                int refused = 0;
                for (int i = 0; i < writesEach; i++) {
                  String name = thread + "-" + i;
                  boolean fails = i % 10 == 0;
                  try {
                    database.write(
                        c -> {
                          Sql.update(c, "INSERT INTO marks VALUES (?, ?)", name, thread);
                          if (fails) {
                            throw new IllegalStateException("refused " + name);
                          }
                          return null;
                        });
                    assertThat(fails).as("%s should have failed", name).isFalse();
                  } catch (IllegalStateException e) {
                    assertThat(e).hasMessage("refused " + name);
                    refused++;
                  }
                }
                return refused;
              }));
    }
    int refused = 0;
    for (Future<Integer> result : results) {
      refused += result.get(60, TimeUnit.SECONDS);
    }
    pool.shutdown();

    assertThat(refused).isEqualTo(threads * writesEach / 10);
    long stored =
        database.read(c -> Sql.one(c, "SELECT COUNT(*) FROM marks", r -> r.getLong(1)).get());
    assertThat(stored).isEqualTo((long) threads * writesEach - refused);
    long failedRows =
        database.read(
            c ->
                Sql.one(
                        c,
                        "SELECT COUNT(*) FROM marks WHERE CAST(substr(name, instr(name, '-') + 1)"
                            + " AS INTEGER) % 10 = 0",
                        r -> r.getLong(1))
                    .get());
    assertThat(failedRows).as("rows of refused work").isZero();
  }

  @Test
  void anErrorInOneWriteFailsTheOthersOfItsCommitInsteadOfReturningNothing() throws Exception {
    // The first write holds the writer while the others queue, so they share one commit with the
    // write that dies of an Error (as a class missing from a changed jar would).
    CountDownLatch writing = new CountDownLatch(1);
    CountDownLatch queued = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      Future<?> first =
          pool.submit(
              () ->
                  database.write(
                      c -> {
                        writing.countDown();
                        awaitQuietly(queued);
                        return Sql.update(c, "INSERT INTO marks VALUES ('first', 0)");
                      }));
      writing.await();
      Future<Object> dying =
          pool.submit(
              () ->
                  database.write(
                      c -> {
                        Sql.update(c, "INSERT INTO marks VALUES ('dying', 1)");
                        throw new AssertionError("died");
                      }));
      Future<Object> bystander =
          pool.submit(
              () -> database.write(c -> Sql.update(c, "INSERT INTO marks VALUES ('other', 2)")));
      Thread.sleep(200); // both queued behind the first write
      queued.countDown();
      first.get(10, TimeUnit.SECONDS);
      // Whichever of the two leads the shared commit gets the Error itself; the other is told the
      // batch failed. Neither is handed a result as if its write were stored.
      assertThatThrownBy(() -> dying.get(10, TimeUnit.SECONDS)).hasMessageContaining("died");
      assertThatThrownBy(() -> bystander.get(10, TimeUnit.SECONDS)).hasMessageContaining("died");
      long others =
          database.read(
              c ->
                  Sql.one(
                          c,
                          "SELECT COUNT(*) FROM marks WHERE name IN ('dying', 'other')",
                          r -> r.getLong(1))
                      .get());
      assertThat(others).as("nothing of the failed commit is stored").isZero();
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aFailedStatementIsReportedAsAStoreErrorAndChangesNothing() {
    database.write(c -> Sql.update(c, "INSERT INTO marks VALUES ('taken', 0)"));

    assertThatThrownBy(
            () ->
                database.write(
                    c -> {
                      Sql.update(c, "INSERT INTO marks VALUES ('fresh', 1)");
                      return Sql.update(c, "INSERT INTO marks VALUES ('taken', 1)");
                    }))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("UNIQUE");
    List<String> names =
        database.read(
            c -> Sql.list(c, "SELECT name FROM marks ORDER BY name", r -> r.getString(1)));
    assertThat(names).containsExactly("taken");
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
