package io.github.darajakit.gateway.transactions;

import io.github.darajakit.gateway.reconciler.Reconciler;
import io.github.darajakit.gateway.reconciler.Rounds;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks Transaction Status about receipts credited on a callback's word ({@link ReceiptChecks}), on
 * the reconciler's schedule: the answer, when it comes, confirms or disputes the record; a receipt
 * M-Pesa has not confirmed by the end of the schedule goes to a person. Asking moves no money and
 * is safe to repeat.
 */
public final class ReceiptChecker implements Reconciler {

  private static final Logger log = LoggerFactory.getLogger(ReceiptChecker.class);

  /**
   * How long a claimed check is this instance's alone. Short: asking twice is harmless (the answer
   * settles a check once), while a long lease left by an instance killed mid-round would hold back
   * the second opinion on a credited receipt — the one defence against a forged callback carrying a
   * real receipt — for as long as it lasts.
   */
  private static final Duration LEASE = Duration.ofSeconds(20);

  private static final int BATCH = Reconciler.ROUND;

  private final ReceiptChecks checks;
  private final TransactionLookups lookups;
  private final Clock clock;
  private final List<Duration> schedule;
  private final String owner;
  private final Consumer<String> observer;
  private final Rounds rounds = new Rounds("daraja-gateway-receipt-checker");

  /**
   * @param schedule delays between questions; when spent, an unconfirmed receipt goes to a person
   * @param owner this instance's lease name
   * @param observer told the action taken for each receipt, for metrics
   */
  public ReceiptChecker(
      ReceiptChecks checks,
      TransactionLookups lookups,
      Clock clock,
      List<Duration> schedule,
      String owner,
      Consumer<String> observer) {
    this.checks = checks;
    this.lookups = lookups;
    this.clock = clock;
    this.schedule = List.copyOf(schedule);
    this.owner = owner;
    this.observer = observer;
  }

  /** Starts looking every {@code every}, when receipts are checked at all. */
  @Override
  public void start(Duration every) {
    if (checks.enabled()) {
      rounds.start(every, this::reconcileDue, BATCH, log, "receipt checks");
    }
  }

  /** Asks about every receipt due now; returns how many. Tests call it with a moved clock. */
  @Override
  public int reconcileDue() {
    if (!checks.enabled()) {
      return 0;
    }
    long now = clock.millis();
    List<ReceiptChecks.Check> due = checks.claimDue(owner, now, now + LEASE.toMillis(), BATCH);
    for (ReceiptChecks.Check check : due) {
      if (check.attempts() >= schedule.size()) {
        checks.gaveUp(check);
        observer.accept("receipt_unconfirmed");
        continue;
      }
      try {
        lookups.request(check.receipt(), check.party());
        observer.accept("receipt_status_query");
      } catch (RuntimeException e) {
        // Daraja refused or could not be asked (SpikeArrest, mostly): the schedule asks again.
        log.warn(
            "could not ask about receipt {}; will ask again: {}", check.receipt(), e.getMessage());
      }
      checks.later(check, clock.millis() + schedule.get(check.attempts()).toMillis());
    }
    return due.size();
  }

  @Override
  public void close() {
    rounds.close();
  }
}
