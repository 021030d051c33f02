package io.github.darajakit.gateway.reconciler;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.slf4j.Logger;

/**
 * A reconciler's rounds on one daemon thread: every {@code every}, rounds run back to back while
 * each one finds a full batch, and a failed round is logged and tried again next time.
 */
public final class Rounds implements AutoCloseable {

  private final ScheduledExecutorService ticker;

  public Rounds(String threadName) {
    ticker =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, threadName);
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * Runs {@code round} every {@code every}.
   *
   * @param round looks at what is due, returns how many it looked at
   * @param batch the most one round looks at: a full round means there may be more
   */
  public void start(Duration every, IntSupplier round, int batch, Logger log, String what) {
    ticker.scheduleWithFixedDelay(
        () -> {
          try {
            while (round.getAsInt() == batch) {
              // drain full batches
            }
          } catch (RuntimeException e) {
            log.warn("{} round failed; will try again", what, e);
          }
        },
        every.toMillis(),
        every.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    ticker.shutdownNow();
  }
}
