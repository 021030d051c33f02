package io.github.darajakit.gateway.billmanager;

import io.github.darajakit.client.BillManagerService;
import io.github.darajakit.client.DarajaApiException;
import io.github.darajakit.client.DarajaException;
import io.github.darajakit.client.DarajaValidationException;
import io.github.darajakit.client.billmanager.PaymentAcknowledgement;
import io.github.darajakit.gateway.callbacks.CallbackSecrets;
import io.github.darajakit.gateway.reconciler.Reconciler;
import io.github.darajakit.gateway.reconciler.Rounds;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends each Bill Manager payment's reconciliation acknowledgement, so the customer gets the
 * e-receipt: once per receipt in normal operation, with retries on the reconciler's schedule.
 *
 * <p>A due acknowledgement is claimed with a lease (one instance holds it; on PostgreSQL the others
 * skip it) and settled with a compare-and-set by the holder: Bill Manager's {@code rescode 200}
 * makes it {@code ACKNOWLEDGED}, a refusal (400, 409: a forged or mistaken push, which Bill Manager
 * does not know) {@code FAILED} before a person, anything else is sent again later, and when the
 * schedule is spent it fails too. <b>The crash window:</b> an instance that dies after Bill Manager
 * took the acknowledgement but before it recorded so leaves the lease to run out, and the next
 * holder sends it again — as does the SDK's own retry after a lost answer. The acknowledgement
 * moves no money; the worst a repeat can do is a second e-receipt SMS (⚠ Bill Manager's handling of
 * a repeat is undocumented). So the promise is: at least once, and exactly once unless a process
 * dies or an answer is lost mid-send.
 */
final class Acknowledger implements Reconciler {

  private static final Logger log = LoggerFactory.getLogger(Acknowledger.class);

  /**
   * How long a claimed acknowledgement is this instance's alone. Longer than a send can take (the
   * SDK's read timeouts and retries), so a slow send is not taken over and sent twice; a process
   * that dies mid-send holds it back this long.
   */
  static final Duration LEASE = Duration.ofMinutes(10);

  private static final ZoneId EAT = ZoneId.of("Africa/Nairobi");

  private final BillPaymentStore store;
  private final BillManagerService bills;
  private final Clock clock;
  private final List<Duration> schedule;
  private final String owner;
  private final Consumer<String> observer;
  private final Rounds rounds = new Rounds("daraja-gateway-bill-manager-acks");
  private volatile boolean warned;

  /**
   * @param bills Bill Manager with the biller's app key, or {@code null} if none is configured:
   *     then nothing is sent (the payments wait, and a warning says why)
   * @param schedule delays between attempts; when spent, the acknowledgement fails before a person
   * @param owner this instance's lease name
   * @param observer told the outcome of each attempt, for metrics
   */
  Acknowledger(
      BillPaymentStore store,
      BillManagerService bills,
      Clock clock,
      List<Duration> schedule,
      String owner,
      Consumer<String> observer) {
    this.store = store;
    this.bills = bills;
    this.clock = clock;
    this.schedule = List.copyOf(schedule);
    this.owner = owner;
    this.observer = observer;
  }

  @Override
  public void start(Duration every) {
    rounds.start(every, this::reconcileDue, ROUND, log, "Bill Manager acknowledgements");
  }

  /** Sends every acknowledgement due now; returns how many. Tests call it with a moved clock. */
  @Override
  public int reconcileDue() {
    if (bills == null) {
      if (!warned && store.pending() > 0) {
        warned = true;
        log.warn(
            "Bill Manager payments are recorded but not acknowledged (no e-receipts): set"
                + " billManager.appKey (DARAJA_BILL_MANAGER_APP_KEY) to the app_key of the opt-in");
      }
      return 0;
    }
    long now = clock.millis();
    List<BillPayment> due = store.claimDue(owner, now, now + LEASE.toMillis(), ROUND);
    for (BillPayment payment : due) {
      try {
        send(payment);
      } catch (RuntimeException e) {
        // Our own failure (the database): the lease runs out and the row is taken up again.
        log.warn("could not settle the acknowledgement of {}; will try again", payment.id(), e);
      }
    }
    return due.size();
  }

  private void send(BillPayment payment) {
    PaymentAcknowledgement acknowledgement;
    try {
      acknowledgement = acknowledgement(payment);
    } catch (DarajaValidationException e) {
      store.failed(payment, owner, "the push cannot be acknowledged: " + e.getMessage());
      observer.accept("invalid");
      return;
    }
    try {
      bills.acknowledgePayment(acknowledgement);
      observer.accept(store.acknowledged(payment, owner) ? "acknowledged" : "taken_over");
    } catch (DarajaApiException e) {
      String error = CallbackSecrets.redact(e.getMessage());
      if (refused(e)) {
        store.failed(payment, owner, "Bill Manager refused it: " + error);
        observer.accept("refused");
      } else {
        retry(payment, error);
      }
    } catch (DarajaException e) {
      retry(payment, CallbackSecrets.redact(e.getMessage()));
    }
  }

  /**
   * Bill Manager looked at it and said no, so sending it again cannot help: a bad field or a
   * payment it does not know (400, 409). A 401 (token or app key) may pass once the key is fixed.
   */
  private static boolean refused(DarajaApiException e) {
    return e.errorCode().equals("400") || e.errorCode().equals("409");
  }

  private void retry(BillPayment payment, String error) {
    // The first attempt is due at once; each failure waits the next delay of the schedule.
    int attempts = payment.ackAttempts() + 1;
    if (attempts > schedule.size()) {
      store.failed(
          payment, owner, "not acknowledged after " + attempts + " attempts; the last: " + error);
      observer.accept("gave_up");
      return;
    }
    store.later(payment, owner, clock.millis() + schedule.get(attempts - 1).toMillis(), error);
    observer.accept("retry");
  }

  private PaymentAcknowledgement acknowledgement(BillPayment payment) {
    // The push's date as Bill Manager wrote it; if it wrote none, the day it was recorded.
    String date =
        payment.paymentDate() == null || payment.paymentDate().isBlank()
            ? LocalDate.ofInstant(java.time.Instant.ofEpochMilli(payment.createdAt()), EAT)
                .toString()
            : payment.paymentDate();
    return PaymentAcknowledgement.builder()
        .transactionId(payment.id())
        .paidAmount(payment.amount())
        .paymentDate(date)
        .accountReference(payment.accountReference())
        .phoneNumber(payment.msisdn())
        .build();
  }

  @Override
  public void close() {
    rounds.close();
  }
}
