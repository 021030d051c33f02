package io.github.darajakit.gateway.payments;

import io.github.darajakit.client.DarajaApiException;
import io.github.darajakit.client.DarajaClient;
import io.github.darajakit.client.DarajaException;
import io.github.darajakit.client.Outcome;
import io.github.darajakit.client.stk.StkQueryResult;
import io.github.darajakit.gateway.reconciler.Reconciler;
import io.github.darajakit.gateway.reconciler.Rounds;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure every payment reaches a final state or a person's list (DESIGN §6.5).
 *
 * <p>A payment whose callback has not come is asked about with STK Query on a schedule (by default
 * 1 min, then 2, 5, 15 min and 1 h after the previous look). "Still processing" means look again
 * later. When the schedule runs out, the payment is flagged for a person — never quietly failed. A
 * payment stuck in CREATED (the gateway stopped between recording it and recording Daraja's answer)
 * cannot be asked about, because Daraja's id for it was never learnt: it becomes UNKNOWN and is
 * flagged at once. Nothing here ever pushes again.
 *
 * <p>Payments are claimed with leases, so several instances never look at one together.
 */
public final class PaymentReconciler implements Reconciler {

  private static final Logger log = LoggerFactory.getLogger(PaymentReconciler.class);
  private static final Duration LEASE = Duration.ofMinutes(2);
  private static final int BATCH = Reconciler.ROUND;

  private final PaymentStore payments;
  private final PaymentService service;
  private final DarajaClient daraja;
  private final Clock clock;
  private final List<Duration> schedule;
  private final String owner;
  private final Consumer<String> observer;
  private final Rounds rounds = new Rounds("daraja-gateway-reconciler");

  /**
   * @param schedule delays between looks; when exhausted the payment is flagged
   * @param owner this instance's lease name
   * @param observer told the action taken for each payment, for metrics
   */
  public PaymentReconciler(
      PaymentStore payments,
      PaymentService service,
      DarajaClient daraja,
      Clock clock,
      List<Duration> schedule,
      String owner,
      Consumer<String> observer) {
    this.payments = payments;
    this.service = service;
    this.daraja = daraja;
    this.clock = clock;
    this.schedule = List.copyOf(schedule);
    this.owner = owner;
    this.observer = observer;
  }

  /** Starts looking every {@code every}. */
  @Override
  public void start(Duration every) {
    rounds.start(every, this::reconcileDue, BATCH, log, "reconciliation");
  }

  /** Looks at every payment due now; returns how many. Tests call it with a moved clock. */
  @Override
  public int reconcileDue() {
    long now = clock.millis();
    List<Payment> due = payments.claimDue(owner, now, now + LEASE.toMillis(), BATCH);
    for (Payment payment : due) {
      try {
        reconcile(payment);
      } catch (RuntimeException e) {
        log.warn("could not reconcile payment {}; will look again", payment.id(), e);
      }
    }
    return due.size();
  }

  private void reconcile(Payment payment) {
    if (payment.status().isTerminal()) {
      clear(payment.id());
      return;
    }
    if (payment.checkoutRequestId() == null) {
      flagUnaskable(payment);
      return;
    }
    StkQueryResult result;
    try {
      result = daraja.stk().query(payment.checkoutRequestId(), payment.shortCode());
    } catch (DarajaApiException e) {
      later(payment, "STK Query was refused: " + e.getMessage());
      return;
    } catch (DarajaException e) {
      later(payment, "STK Query failed: " + e.getMessage());
      return;
    }
    if (result.outcome() == Outcome.PENDING) {
      later(payment, null);
      return;
    }
    PaymentStatus target = PaymentStatus.of(result.outcome());
    service.update(
        payment.id(),
        p -> {
          if (p.status().isTerminal()) {
            return Optional.empty();
          }
          Payment.Builder next =
              p.toBuilder()
                  .status(target)
                  .result(result.resultCode().code(), result.resultDesc())
                  .nextCheck(null, p.checkAttempts() + 1);
          if (target != PaymentStatus.SUCCEEDED) {
            next.failureReason(result.resultCode().meaning());
          } else if (p.receipt() == null) {
            // STK Query does not carry the receipt: the payment is paid, the receipt unknown.
            next.addAttention(
                "paid according to STK Query, but no callback brought the M-Pesa receipt; find"
                    + " it in the M-Pesa statement");
          }
          return Optional.of(next.build(clock.millis()));
        });
    observer.accept("resolved_" + target.apiName());
  }

  private void later(Payment payment, String problem) {
    int attempts = payment.checkAttempts() + 1;
    boolean exhausted = attempts >= schedule.size();
    service.update(
        payment.id(),
        p -> {
          if (p.status().isTerminal()) {
            return Optional.empty();
          }
          Payment.Builder next = p.toBuilder();
          if (exhausted) {
            next.nextCheck(null, attempts)
                .addAttention(
                    "no final answer after "
                        + attempts
                        + " STK queries"
                        + (problem == null ? "" : " (last: " + problem + ")")
                        + "; check the M-Pesa statement and settle it by hand");
          } else {
            next.nextCheck(clock.millis() + schedule.get(attempts).toMillis(), attempts);
          }
          return Optional.of(next.build(clock.millis()));
        });
    observer.accept(exhausted ? "flagged" : "rescheduled");
  }

  private void flagUnaskable(Payment payment) {
    service.update(
        payment.id(),
        p -> {
          if (p.status().isTerminal() || p.checkoutRequestId() != null) {
            return Optional.empty();
          }
          Payment.Builder next = p.toBuilder().nextCheck(null, p.checkAttempts());
          if (p.status() == PaymentStatus.CREATED) {
            next.status(PaymentStatus.UNKNOWN)
                .failureReason(
                    "the gateway stopped after recording this payment and before recording"
                        + " Daraja's answer; the prompt may or may not have been sent");
          }
          next.addAttention(
              "Daraja's id for this push is unknown, so it cannot be queried: check the M-Pesa"
                  + " statement for a payment from "
                  + p.phone().substring(0, 6)
                  + "… of KES "
                  + p.amount()
                  + " and settle it by hand; it will never be pushed again");
          return Optional.of(next.build(clock.millis()));
        });
    observer.accept("flagged");
  }

  private void clear(String id) {
    service.update(
        id,
        p ->
            p.nextCheckAt() == null
                ? Optional.empty()
                : Optional.of(
                    p.toBuilder().nextCheck(null, p.checkAttempts()).build(clock.millis())));
  }

  @Override
  public void close() {
    rounds.close();
  }
}
