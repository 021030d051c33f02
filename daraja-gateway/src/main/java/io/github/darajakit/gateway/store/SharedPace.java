package io.github.darajakit.gateway.store;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * An even pace, at most one slot every {@code interval} microseconds, shared by every instance on
 * one database: each reserves its next slots from a timeline kept in the {@code paces} table, under
 * a lock, so together they never go faster than the pace however many there are. Slots are in
 * wall-clock time (never a test's clock: the pace is Daraja's, in real time); the instances' clocks
 * are assumed to agree (NTP) to well within one interval.
 */
public final class SharedPace {

  private final Database database;
  private final String name;
  private final long intervalMicros;

  /**
   * @param name the paced stream, e.g. {@code payouts:600000}
   * @param intervalMicros the least time between two slots
   */
  public SharedPace(Database database, String name, long intervalMicros) {
    if (intervalMicros < 1) {
      throw new IllegalArgumentException("interval must be at least 1 µs");
    }
    this.database = database;
    this.name = name;
    this.intervalMicros = intervalMicros;
  }

  /** The least time between two slots, in microseconds. */
  public long intervalMicros() {
    return intervalMicros;
  }

  /** Now, in epoch microseconds, on the clock the slots are kept in. */
  public static long nowMicros() {
    return ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
  }

  /**
   * Reserves the next {@code count} slots for the caller alone.
   *
   * @return the first slot (epoch microseconds); the others follow it every interval. A slot is
   *     never earlier than now: a timeline left idle does not build up a burst.
   */
  public long reserve(int count) {
    long now = nowMicros();
    return database.write(
        c -> {
          database.lockKey(c, "pace:" + name);
          Sql.update(
              c,
              "INSERT INTO paces (name, next_at) VALUES (?, ?) ON CONFLICT (name) DO NOTHING",
              name,
              now);
          long next =
              Sql.one(c, "SELECT next_at FROM paces WHERE name = ?", r -> r.getLong(1), name)
                  .orElse(now);
          long first = Math.max(next, now);
          Sql.update(
              c,
              "UPDATE paces SET next_at = ? WHERE name = ?",
              first + count * intervalMicros,
              name);
          return first;
        });
  }
}
