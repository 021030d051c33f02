package io.github.darajakit.gateway.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SQLite's writes, several to a commit.
 *
 * <p>SQLite has one writer, and with {@code synchronous=FULL} every commit waits for the disk. Run
 * one transaction per API request and the whole gateway is capped at one request per disk flush. So
 * a thread that wants to write queues its work and takes the writer lock; whoever holds the lock
 * (the leader) runs every piece of work waiting at that moment in one transaction, each in its own
 * savepoint, and commits once. A piece of work that throws is rolled back to its savepoint and its
 * thread gets the exception; the others still commit. Nobody's work is done until the commit that
 * holds it has returned, so {@link Database#write} keeps its meaning: when it returns, the change
 * is on disk.
 *
 * <p>When writes do not overlap, a transaction carries one piece of work and no savepoint: the same
 * cost as before.
 */
final class GroupCommit {

  private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);

  /** One caller's work and, once its transaction has ended, its outcome. */
  private static final class Job<T> {
    final Database.Work<T> work;
    T value;
    Exception failure;
    boolean done;

    Job(Database.Work<T> work) {
      this.work = work;
    }
  }

  private final DataSource pool;
  private final Queue<Job<?>> waiting = new ConcurrentLinkedQueue<>();
  // Fair, so a thread whose work is queued is not overtaken for ever by newcomers.
  private final ReentrantLock writer = new ReentrantLock(true);

  GroupCommit(DataSource pool) {
    this.pool = pool;
  }

  /** Runs work in a write transaction shared with whatever else is waiting to write. */
  <T> T run(Database.Work<T> work) throws SQLException {
    Job<T> job = new Job<>(work);
    waiting.add(job);
    writer.lock();
    try {
      if (!job.done) {
        runWaiting();
      }
    } finally {
      writer.unlock();
    }
    if (job.failure instanceof SQLException e) {
      throw e;
    }
    if (job.failure instanceof RuntimeException e) {
      throw e;
    }
    return job.value;
  }

  /** Runs and commits every queued job (the caller holds the writer lock). */
  private void runWaiting() {
    List<Job<?>> batch = new ArrayList<>();
    for (Job<?> next = waiting.poll(); next != null; next = waiting.poll()) {
      batch.add(next);
    }
    try (Connection connection = pool.getConnection()) {
      try {
        if (batch.size() == 1) {
          runAlone(connection, batch.get(0));
        } else {
          for (Job<?> job : batch) {
            runInSavepoint(connection, job);
          }
        }
        connection.commit();
      } catch (SQLException | RuntimeException | Error e) {
        rollbackQuietly(connection);
        throw e;
      }
    } catch (SQLException | RuntimeException e) {
      // The commit (or the connection) failed: nothing of the batch is stored.
      fail(batch, e);
    } catch (Error e) {
      // A job died of an Error (a class missing, memory): the transaction was not committed, and
      // every other job's caller must hear so rather than read a value that was never stored.
      fail(batch, new IllegalStateException("the write batch failed: " + e, e));
      throw e;
    } finally {
      for (Job<?> job : batch) {
        job.done = true;
      }
    }
  }

  private static void fail(List<Job<?>> batch, Exception failure) {
    for (Job<?> job : batch) {
      if (job.failure == null) {
        job.failure = failure;
        job.value = null;
      }
    }
  }

  private static <T> void runAlone(Connection connection, Job<T> job) throws SQLException {
    try {
      job.value = job.work.run(connection);
    } catch (SQLException | RuntimeException e) {
      job.failure = e;
      throw e;
    }
  }

  private static <T> void runInSavepoint(Connection connection, Job<T> job) throws SQLException {
    Database.SavepointResult<T> result = Database.savepoint(connection, job.work);
    job.value = result.value();
    job.failure = result.failure();
  }

  private static void rollbackQuietly(Connection connection) {
    try {
      connection.rollback();
    } catch (SQLException e) {
      log.debug("rollback failed", e);
    }
  }
}
