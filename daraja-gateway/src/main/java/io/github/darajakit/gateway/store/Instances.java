package io.github.darajakit.gateway.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway processes alive on one database, so that work a process held when it died (an
 * Idempotency-Key of a request it was running) is not waited for as if it were still running.
 *
 * <p>Each process registers under an id of its own (new at every start, so a process restarted
 * after {@code kill -9} is a different one) and marks itself seen every {@link #HEARTBEAT}. On
 * PostgreSQL a process not seen for {@link #DEAD_AFTER} is dead. An SQLite file has one gateway
 * process, so the one registering is the only one alive: every earlier registration is dropped at
 * once, and so are the leases the earlier processes held. Times are wall-clock, not a test's clock:
 * liveness is about processes, not business time.
 */
public final class Instances implements AutoCloseable {

  /** How often a process marks itself seen. */
  public static final Duration HEARTBEAT = Duration.ofSeconds(1);

  /** How long a PostgreSQL process may go unseen before others take it for dead. */
  public static final Duration DEAD_AFTER = Duration.ofSeconds(5);

  /** Registrations unseen this long are deleted. */
  private static final Duration FORGOTTEN_AFTER = Duration.ofDays(1);

  private static final Logger log = LoggerFactory.getLogger(Instances.class);

  private final Database database;
  private final String id;
  private final ScheduledExecutorService ticker =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "daraja-gateway-heartbeat");
            t.setDaemon(true);
            return t;
          });

  private Instances(Database database, String id) {
    this.database = database;
    this.id = id;
  }

  /**
   * Registers this process under {@code id} and keeps it marked alive until {@link #close}.
   *
   * @param id unique to this process: never reused by a restart
   */
  public static Instances register(Database database, String id) {
    Instances instances = new Instances(database, id);
    long now = System.currentTimeMillis();
    database.write(
        c -> {
          if (database.dialect() == Dialect.SQLITE) {
            // One process per SQLite file: whoever registered before is no longer running.
            Sql.update(c, "DELETE FROM gateway_instances");
            releaseLeases(c);
          } else {
            Sql.update(
                c,
                "DELETE FROM gateway_instances WHERE seen_at < ?",
                now - FORGOTTEN_AFTER.toMillis());
          }
          instances.markSeen(c, now);
          return null;
        });
    if (database.dialect() != Dialect.SQLITE) {
      instances.ticker.scheduleWithFixedDelay(
          instances::heartbeat, HEARTBEAT.toMillis(), HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
    }
    return instances;
  }

  /**
   * Frees every lease in the SQLite file ({@link Leases}): their holder was an earlier process, so
   * its work is taken up now rather than when the leases would have lapsed (two minutes for a
   * reconciler's claim). A lapse frees them for the same work; this only stops waiting for it.
   */
  private static void releaseLeases(Connection c) throws SQLException {
    List<String> tables =
        Sql.list(
            c,
            "SELECT m.name FROM sqlite_master m JOIN pragma_table_info(m.name) p"
                + " WHERE m.type = 'table' AND p.name = 'lease_until'",
            r -> r.getString(1));
    for (String table : tables) {
      Sql.update(
          c,
          "UPDATE "
              + table
              + " SET lease_owner = NULL, lease_until = NULL"
              + " WHERE lease_until IS NOT NULL");
    }
  }

  /** This process's id. */
  public String id() {
    return id;
  }

  /** Whether the process with this id is alive: this one, or one seen lately. */
  public boolean alive(Connection c, String instanceId) throws SQLException {
    if (id.equals(instanceId)) {
      return true;
    }
    if (database.dialect() == Dialect.SQLITE) {
      return false; // the only process on an SQLite file is this one
    }
    return Sql.one(
            c, "SELECT seen_at FROM gateway_instances WHERE id = ?", r -> r.getLong(1), instanceId)
        .map(seenAt -> seenAt >= System.currentTimeMillis() - DEAD_AFTER.toMillis())
        .orElse(false);
  }

  private void heartbeat() {
    try {
      database.write(
          c -> {
            markSeen(c, System.currentTimeMillis());
            return null;
          });
    } catch (RuntimeException e) {
      log.warn("could not mark this gateway alive; will try again", e);
    }
  }

  private void markSeen(Connection c, long now) throws SQLException {
    Sql.update(
        c,
        "INSERT INTO gateway_instances (id, started_at, seen_at) VALUES (?, ?, ?)"
            + " ON CONFLICT (id) DO UPDATE SET seen_at = excluded.seen_at",
        id,
        now,
        now);
  }

  /** Stops marking this process alive and unregisters it: what it held is free at once. */
  @Override
  public void close() {
    ticker.shutdownNow();
    try {
      database.write(c -> Sql.update(c, "DELETE FROM gateway_instances WHERE id = ?", id));
    } catch (RuntimeException e) {
      log.debug("could not unregister gateway instance {}", id, e);
    }
  }
}
