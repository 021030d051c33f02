package io.github.darajakit.gateway;

import io.github.darajakit.gateway.auth.Idempotency;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Hourly clean-up: Idempotency-Keys past their retention. */
final class Housekeeping implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Housekeeping.class);

  private final Idempotency idempotency;
  private final ScheduledExecutorService ticker =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "daraja-gateway-housekeeping");
            t.setDaemon(true);
            return t;
          });

  Housekeeping(Idempotency idempotency) {
    this.idempotency = idempotency;
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
    return forgotten;
  }

  @Override
  public void close() {
    ticker.shutdownNow();
  }
}
