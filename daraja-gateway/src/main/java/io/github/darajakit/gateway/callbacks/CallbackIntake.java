package io.github.darajakit.gateway.callbacks;

import io.github.darajakit.gateway.events.EventStore;
import io.github.darajakit.gateway.store.Database;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores callbacks durably and applies them, many per transaction (group commit).
 *
 * <p>A callback is acknowledged to Daraja only when the future {@link #submit} returns completes,
 * which is after the transaction holding it (its raw body and whatever it changed) has committed;
 * with SQLite's {@code synchronous=FULL} that means it is on disk. A writer thread takes every
 * callback waiting in the queue into one transaction, so under load each fsync carries hundreds of
 * callbacks instead of one. No network call ever happens inside that transaction. SQLite has one
 * writer; PostgreSQL has several, because there a transaction spends most of its time waiting for
 * the server's answers and other transactions can use that time.
 *
 * <p>A batch is first written straight through. If that fails, it is written again with a savepoint
 * per callback: a callback that cannot be applied (our bug, a constraint, a deadlock with another
 * writer) is then still stored, marked {@code ERROR}, and the rest of the batch commits. Savepoints
 * cost two more statements per callback, so they are kept for the batch that needs them.
 */
public final class CallbackIntake implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(CallbackIntake.class);

  private record Pending(Received received, CompletableFuture<Verdict> done) {}

  /** Told what became of each callback, for metrics. */
  public interface Observer {
    /** A callback was committed with this verdict. */
    void stored(Received received, Verdict verdict);
  }

  private final Database database;
  private final CallbackRoutes routes;
  private final CallbackStore store;
  private final EventStore events;
  private final int maxBatch;
  private final Observer observer;
  private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>(100_000);
  private final List<Thread> writers = new ArrayList<>();
  private volatile boolean running = true;

  public CallbackIntake(
      Database database,
      CallbackRoutes routes,
      CallbackStore store,
      EventStore events,
      int maxBatch,
      int writerCount,
      Observer observer) {
    this.database = database;
    this.routes = routes;
    this.store = store;
    this.events = events;
    this.maxBatch = maxBatch;
    this.observer = observer;
    for (int i = 0; i < writerCount; i++) {
      Thread writer = new Thread(this::run, "daraja-gateway-callback-writer-" + i);
      writer.setDaemon(true);
      writer.start();
      writers.add(writer);
    }
  }

  /**
   * Queues a callback; the future completes once it is committed (or fails if it could not be).
   * Never blocks: if the queue is full the future fails at once and the caller must not
   * acknowledge.
   */
  public CompletableFuture<Verdict> submit(Received received) {
    CompletableFuture<Verdict> done = new CompletableFuture<>();
    if (!running || !queue.offer(new Pending(received, done))) {
      done.completeExceptionally(new IllegalStateException("callback intake is full or stopped"));
    }
    return done;
  }

  private void run() {
    List<Pending> batch = new ArrayList<>(maxBatch);
    while (running || !queue.isEmpty()) {
      try {
        Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        queue.drainTo(batch, maxBatch - 1);
        commit(batch);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        log.error("callback batch of {} could not be stored; none acknowledged", batch.size(), e);
        batch.forEach(p -> p.done().completeExceptionally(e));
      } finally {
        batch.clear();
      }
    }
  }

  private void commit(List<Pending> batch) {
    List<Verdict> verdicts;
    try {
      verdicts =
          database.write(c -> events.withSubscribersReadOnce(c, cc -> write(cc, batch, false)));
    } catch (RuntimeException first) {
      log.warn(
          "a batch of {} callback(s) failed ({}); writing it again one savepoint per callback",
          batch.size(),
          first.toString());
      verdicts =
          database.write(c -> events.withSubscribersReadOnce(c, cc -> write(cc, batch, true)));
    }
    for (int i = 0; i < batch.size(); i++) {
      observer.stored(batch.get(i).received(), verdicts.get(i));
      batch.get(i).done().complete(verdicts.get(i));
    }
  }

  private List<Verdict> write(Connection c, List<Pending> batch, boolean isolate)
      throws SQLException {
    List<Verdict> result = new ArrayList<>(batch.size());
    for (Pending pending : batch) {
      Verdict verdict;
      if (isolate) {
        Database.SavepointResult<Verdict> applied =
            Database.savepoint(c, cc -> routes.apply(cc, pending.received()));
        if (applied.failure() == null) {
          verdict = applied.value();
        } else {
          log.error("callback could not be applied; stored as ERROR", applied.failure());
          verdict =
              Verdict.of(
                  Verdict.Outcome.ERROR, "could not be applied: " + applied.failure(), null, null);
        }
      } else {
        verdict = routes.apply(c, pending.received());
      }
      store.insert(c, pending.received(), verdict);
      result.add(verdict);
    }
    return result;
  }

  /** Stops taking callbacks and writes what is queued. */
  @Override
  public void close() {
    running = false;
    try {
      for (Thread writer : writers) {
        writer.join(10_000);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
