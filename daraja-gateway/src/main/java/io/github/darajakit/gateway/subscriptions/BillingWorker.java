package io.github.darajakit.gateway.subscriptions;

import io.github.darajakit.gateway.flow.Worker;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the {@link Billing} run every {@code tickEvery}, one run at a time. */
final class BillingWorker implements Worker {

  private static final Logger log = LoggerFactory.getLogger(BillingWorker.class);

  private final Billing billing;
  private final Duration every;
  private final ScheduledExecutorService scheduler =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "subscriptions-billing");
            t.setDaemon(true);
            return t;
          });

  BillingWorker(Billing billing, Duration every) {
    this.billing = billing;
    this.every = every;
  }

  @Override
  public void start() {
    scheduler.scheduleWithFixedDelay(this::tick, 0, every.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void tick() {
    try {
      Billing.Run run = billing.runOnce();
      if (run.invoiced() + run.charged() + run.flagged() > 0) {
        log.info(
            "billing run: {} invoiced, {} charges started, {} missing debits flagged",
            run.invoiced(),
            run.charged(),
            run.flagged());
      }
    } catch (RuntimeException e) {
      // The next run starts from the database again: nothing is lost by skipping this one.
      log.warn("billing run failed; retrying in {}: {}", every, e.toString());
    }
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
    try {
      scheduler.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
