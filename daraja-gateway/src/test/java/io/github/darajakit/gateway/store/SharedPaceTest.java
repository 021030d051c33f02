package io.github.darajakit.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.darajakit.gateway.support.Postgres;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Instances sharing a database share one pace: however many reserve slots at once, no two slots are
 * closer than the interval. (Values, not timings: nothing here waits for a slot.)
 */
class SharedPaceTest {

  private static final long INTERVAL = 5_000; // 200 a second

  @TempDir Path dir;

  @Test
  void onSqliteEveryReservedSlotIsItsOwnAndTheyAreAnIntervalApart() throws Exception {
    try (Database database =
        Database.open("jdbc:sqlite:" + dir.resolve("pace.db"), Clock.systemUTC())) {
      checkSharedBy(database, database);
    }
  }

  @Test
  void onPostgresqlTwoInstancesShareThePace() throws Exception {
    String url = Postgres.freshSchema();
    try (Database first = Database.open(url, Clock.systemUTC());
        Database second = Database.open(url, Clock.systemUTC())) {
      checkSharedBy(first, second);
    } finally {
      Postgres.drop(url);
    }
  }

  private static void checkSharedBy(Database first, Database second) throws Exception {
    SharedPace[] instances = {
      new SharedPace(first, "payouts:600000", INTERVAL),
      new SharedPace(second, "payouts:600000", INTERVAL)
    };
    long before = SharedPace.nowMicros();
    ConcurrentLinkedQueue<Long> slots = new ConcurrentLinkedQueue<>();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<?>> done = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      SharedPace pace = instances[t % 2];
      done.add(
          pool.submit(
              () -> {
                for (int i = 0; i < 25; i++) {
                  long firstSlot = pace.reserve(8);
                  for (int k = 0; k < 8; k++) {
                    slots.add(firstSlot + k * INTERVAL);
                  }
                }
              }));
    }
    for (Future<?> f : done) {
      f.get();
    }
    pool.shutdown();

    List<Long> sorted = new ArrayList<>(slots);
    sorted.sort(null);
    assertThat(sorted).hasSize(8 * 25 * 8).doesNotHaveDuplicates();
    assertThat(sorted.get(0)).isGreaterThanOrEqualTo(before);
    for (int i = 1; i < sorted.size(); i++) {
      assertThat(sorted.get(i) - sorted.get(i - 1))
          .as("slots %d and %d", i - 1, i)
          .isGreaterThanOrEqualTo(INTERVAL);
    }

    // Another stream is paced on its own: its first slot is now, not after this stream's.
    long now = SharedPace.nowMicros();
    long other = new SharedPace(first, "payouts:600111", INTERVAL).reserve(1);
    assertThat(other).isGreaterThanOrEqualTo(now);
    assertThat(other)
        .isLessThan(
            first.read(
                c ->
                    Sql.one(
                            c,
                            "SELECT next_at FROM paces WHERE name = 'payouts:600000'",
                            r -> r.getLong(1))
                        .orElseThrow()));
  }
}
