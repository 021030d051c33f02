package io.github.darajakit.gateway;

import io.github.darajakit.gateway.auth.DashboardSessions;
import io.github.darajakit.gateway.http.Idempotency;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hourly clean-up: Idempotency-Keys past their retention, and signed-out dashboard sessions whose
 * tokens have expired since.
 */
final class Housekeeping implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Housekeeping.class);

  private final Idempotency idempotency;
  private final DashboardSessions sessions;
  private final ScheduledExecutorService ticker =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "daraja-gateway-housekeeping");
            t.setDaemon(true);
            return t;
          });

  Housekeeping(Idempotency idempotency, DashboardSessions sessions) {
    this.idempotency = idempotency;
    this.sessions = sessions;
  }

  void start() {
    ticker.scheduleWithFixedDelay(
        () -> {
          try {
            run();
          } catch (RuntimeException e) {
            log.warn("housekeeping failed; will try again in an hour", e);
          }
        },
        1,
        60,
        TimeUnit.MINUTES);
  }

  int run() {
    int forgotten = idempotency.prune();
    if (forgotten > 0) {
      log.info("forgot {} expired Idempotency-Key(s)", forgotten);
    }
    int revocations = sessions.pruneRevocations();
    if (revocations > 0) {
      log.info("forgot {} signed-out dashboard session(s) that have expired", revocations);
    }
    return forgotten + revocations;
  }

  @Override
  public void close() {
    ticker.shutdownNow();
  }
}
