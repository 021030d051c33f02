package io.github.darajakit.gateway.subscriptions;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.darajakit.gateway.core.Json;
import io.github.darajakit.gateway.payments.Payment;
import io.github.darajakit.gateway.payments.StkPushes;
import io.github.darajakit.gateway.store.Database;
import io.github.darajakit.gateway.store.Ids;
import io.github.darajakit.gateway.store.SharedPace;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The billing run: invoices every period that has come due, then charges every invoice whose charge
 * may start, at most once each, whatever the number of instances running it at once.
 *
 * <p><b>Invoicing</b> moves a subscription to its next period with a compare-and-set on its version
 * and inserts that period's invoice in the same transaction; the invoice is unique by
 * (subscription, period start), a day computed from the subscription's calendar alone, so a crash,
 * a restart, a second instance or a clock moved back can never bill a period twice.
 *
 * <p><b>Charging</b> claims an invoice with a compare-and-set (one more attempt, this payment in
 * flight) and records the payment in the same transaction; the push happens after the commit, once.
 * A crash in between leaves the payment CREATED, which the payments reconciler turns into UNKNOWN:
 * the invoice keeps it in flight, so no second charge starts until its outcome is known. No
 * customer is prompted in quiet hours, and prompts keep the shared pace.
 */
public final class Billing {

  private static final Logger log = LoggerFactory.getLogger(Billing.class);

  /** Rows read and written per transaction. */
  private static final int PAGE = 200;

  /** TransactionDesc of every charge (at most 13 characters). */
  static final String DESCRIPTION = "Subscription";

  private final Database database;
  private final PlanStore plans;
  private final SubscriptionStore subscriptions;
  private final InvoiceStore invoices;
  private final Subscriptions service;
  private final StkPushes pushes;
  private final Clock clock;
  private final SubscriptionSettings settings;
  private final SharedPace pace;
  private final ExecutorService senders;
  private final int inFlight;

  /**
   * @param pace the prompts' pace shared by every instance, or {@code null} for none
   * @param senders where pushes are sent from; at most {@code inFlight} at once
   */
  public Billing(
      Database database,
      PlanStore plans,
      SubscriptionStore subscriptions,
      InvoiceStore invoices,
      Subscriptions service,
      StkPushes pushes,
      Clock clock,
      SubscriptionSettings settings,
      SharedPace pace,
      ExecutorService senders,
      int inFlight) {
    this.database = database;
    this.plans = plans;
    this.subscriptions = subscriptions;
    this.invoices = invoices;
    this.service = service;
    this.pushes = pushes;
    this.clock = clock;
    this.settings = settings;
    this.pace = pace;
    this.senders = senders;
    this.inFlight = inFlight;
  }

  /** How long a standing order may wait for its callback before a person is asked to look. */
  static final java.time.Duration CONSENT_WAIT = java.time.Duration.ofMinutes(15);

  /** What one run did. */
  public record Run(int invoiced, int charged, int flagged) {}

  /**
   * Invoices what is due, charges what may be charged, flags standing orders' missing debits and
   * standing orders whose callback never came.
   */
  public Run runOnce() {
    int invoiced = invoiceDuePeriods();
    int charged = chargeDue();
    int flagged = flagMissingDebits() + flagUnansweredStandingOrders();
    return new Run(invoiced, charged, flagged);
  }

  /**
   * Flags each Ratiba subscription still PENDING {@link #CONSENT_WAIT} after it was made: its
   * request was never answered (the gateway may have stopped while sending it) or its callback
   * never came. Nothing is sent again; a callback that comes later still settles it.
   *
   * @return how many were flagged
   */
  public int flagUnansweredStandingOrders() {
    long now = clock.millis();
    int flagged = 0;
    for (Subscription read : subscriptions.pendingSince(now - CONSENT_WAIT.toMillis(), PAGE)) {
      String why =
          read.standingOrderRef() == null
              ? "the standing order request has no recorded answer (the gateway may have stopped"
                  + " while sending it); it is not sent again: ask the customer whether they"
                  + " approved a standing order, then cancel this subscription and create another"
              : "no callback came for the standing order "
                  + CONSENT_WAIT.toMinutes()
                  + " minutes after M-Pesa accepted it: ask the customer whether they approved it";
      flagged +=
          database.write(
              c ->
                  service
                          .claim(
                              c,
                              read,
                              s ->
                                  s.status() != SubscriptionStatus.PENDING || s.attention() != null
                                      ? Optional.empty()
                                      : Optional.of(s.toBuilder().addAttention(why).build(now)))
                          .isPresent()
                      ? 1
                      : 0);
    }
    return flagged;
  }

  /**
   * Invoices every period due by now, a page of subscriptions per transaction.
   *
   * @return the invoices this call made
   */
  public int invoiceDuePeriods() {
    int made = 0;
    while (true) {
      long now = clock.millis();
      List<Subscription> due = subscriptions.duePeriods(now, PAGE);
      if (due.isEmpty()) {
        return made;
      }
      made += database.write(c -> service.withEventsBatched(c, tx -> invoice(tx, due, now)));
      if (due.size() < PAGE) {
        // Those just moved may have another period due (a gateway that was down for months):
        // the next pass finds them.
        if (subscriptions.duePeriods(now, 1).isEmpty()) {
          return made;
        }
      }
    }
  }

  /** Invoices the due periods of {@code due}, in the caller's transaction. */
  int invoice(Connection c, List<Subscription> due, long now) throws SQLException {
    Map<String, Plan> planCache = new HashMap<>();
    int made = 0;
    for (Subscription read : due) {
      Plan plan = planCache.get(read.planId());
      if (plan == null) {
        plan = plans.find(c, read.planId()).orElseThrow();
        planCache.put(plan.id(), plan);
      }
      Plan current = plan;
      Optional<Subscription> moved = service.claim(c, read, s -> nextPeriod(s, current, now));
      if (moved.isEmpty() || moved.get().nextPeriodAt() == null) {
        continue; // another instance moved it, or it stopped (cancelled at period end, ended)
      }
      // The period invoiced is the one the version read was waiting for; a concurrent plan
      // change re-decided above against the version it wrote.
      Subscription before = moved.get();
      BillingCalendar calendar =
          new BillingCalendar(
              before.scheduleStart(),
              before.anchorDay(),
              current.interval(),
              current.intervalCount());
      int index = before.periodIndex() - 1;
      LocalDate start = calendar.periodStart(index);
      Invoice invoice =
          Invoice.opened(
              Ids.next("inv"),
              before.id(),
              start,
              calendar.periodEnd(index),
              before.rail() == Rail.RATIBA ? before.standingOrderAmount() : current.amount(),
              BillingCalendar.dueAt(start),
              before.rail() == Rail.STK ? settings.quietHours().nextAllowed(now) : null,
              now);
      if (invoices.insertIfNew(c, invoice)) {
        made++;
        service.invoiceEvent(c, SubscriptionEvents.INVOICE_CREATED, invoice);
      }
    }
    return made;
  }

  /**
   * The subscription's next version once its due period is reached: on to the next period, or
   * cancelled (at period end), or ended (its end date came).
   */
  private Optional<Subscription> nextPeriod(Subscription s, Plan plan, long now) {
    if (!s.status().isBilling()
        || s.nextPeriodAt() == null
        || s.nextPeriodAt() > now
        || !s.planId().equals(plan.id())) {
      return Optional.empty(); // moved on; a plan changed meanwhile is read on the next pass
    }
    BillingCalendar calendar = s.calendar(plan);
    LocalDate start = calendar.periodStart(s.periodIndex());
    Subscription.Builder next = s.toBuilder();
    if (s.cancelAtPeriodEnd()) {
      return Optional.of(
          next.status(SubscriptionStatus.CANCELLED).nextPeriod(s.periodIndex(), null).build(now));
    }
    if (s.endDate() != null && !start.isBefore(s.endDate())) {
      return Optional.of(
          next.status(SubscriptionStatus.ENDED).nextPeriod(s.periodIndex(), null).build(now));
    }
    if (s.status() == SubscriptionStatus.TRIALING) {
      next.status(SubscriptionStatus.ACTIVE);
    }
    int following = s.periodIndex() + 1;
    return Optional.of(
        next.nextPeriod(following, BillingCalendar.dueAt(calendar.periodStart(following)))
            .build(now));
  }

  /**
   * Starts a charge for every invoice whose next attempt is due, unless it is quiet hours.
   *
   * @return the charges this call started
   */
  public int chargeDue() {
    AtomicInteger started = new AtomicInteger();
    while (true) {
      long now = clock.millis();
      if (settings.quietHours().isQuiet(now)) {
        return started.get();
      }
      List<Invoice> due = invoices.dueCharges(now, PAGE);
      if (due.isEmpty()) {
        return started.get();
      }
      // Up to inFlight charges at once, each claimed and recorded in its own transaction (on
      // SQLite those of concurrent charges commit together) and then pushed.
      Semaphore slots = new Semaphore(inFlight);
      List<CompletableFuture<?>> charging = new ArrayList<>();
      for (Invoice invoice : due) {
        if (pace != null) {
          waitForSlot();
        }
        slots.acquireUninterruptibly();
        charging.add(
            CompletableFuture.runAsync(
                    () -> {
                      Optional<Payment> payment = database.write(c -> startCharge(c, invoice));
                      if (payment.isPresent()) {
                        started.incrementAndGet();
                        send(payment.get());
                      }
                    },
                    senders)
                .whenComplete((ignored, failure) -> slots.release()));
      }
      CompletableFuture.allOf(charging.toArray(CompletableFuture[]::new)).join();
      if (due.size() < PAGE) {
        return started.get();
      }
    }
  }

  private void send(Payment payment) {
    try {
      pushes.send(payment);
    } catch (RuntimeException e) {
      // Recorded before sending: the payments reconciler settles it; it is never sent again.
      log.warn(
          "charge {} could not be sent or its answer recorded: {}", payment.id(), e.toString());
    }
  }

  /**
   * The compare-and-set that starts one charge: claims the invoice (one more attempt, this payment
   * in flight) and records the payment, in the caller's transaction.
   */
  private Optional<Payment> startCharge(Connection c, Invoice read) throws SQLException {
    long now = clock.millis();
    Subscription s = subscriptions.find(c, read.subscriptionId()).orElseThrow();
    if (!s.status().isBilling() || s.rail() != Rail.STK) {
      return Optional.empty();
    }
    String paymentId = Ids.next("pay");
    Optional<Invoice> claimed =
        service.claimInvoice(
            c,
            read,
            i ->
                i.status() == InvoiceStatus.OPEN
                        && i.paymentId() == null
                        && i.nextAttemptAt() != null
                        && i.nextAttemptAt() <= now
                    ? Optional.of(i.toBuilder().charging(paymentId).build(now))
                    : Optional.empty());
    if (claimed.isEmpty()) {
      return Optional.empty(); // another instance started it, or it moved on
    }
    Invoice invoice = claimed.get();
    invoices.addAttempt(
        c, new InvoiceStore.Attempt(paymentId, invoice.id(), invoice.attempts(), now));
    ObjectNode metadata = Json.object();
    metadata
        .put("subscription", s.id())
        .put("invoice", invoice.id())
        .put("attempt", invoice.attempts());
    Payment payment =
        pushes.record(
            c,
            new StkPushes.NewPayment(
                s.phone(),
                invoice.amount(),
                s.reference(),
                DESCRIPTION,
                metadata,
                // A second, independent guard: one payment per invoice attempt, by a unique key.
                "invoice/" + invoice.id() + "/" + invoice.attempts()),
            paymentId);
    return Optional.of(payment);
  }

  /**
   * Flags each open invoice of a Ratiba subscription with no debit by its due date plus the grace
   * period.
   *
   * @return how many were flagged
   */
  public int flagMissingDebits() {
    long now = clock.millis();
    List<Invoice> late = invoices.unpaidRatiba(now - settings.ratibaGrace().toMillis(), PAGE);
    int flagged = 0;
    for (Invoice read : late) {
      flagged +=
          database.write(
              c -> {
                Optional<Invoice> flaggedInvoice =
                    service.claimInvoice(
                        c,
                        read,
                        i ->
                            i.status() != InvoiceStatus.OPEN || i.attention() != null
                                ? Optional.empty()
                                : Optional.of(
                                    i.toBuilder()
                                        .addAttention(
                                            "no standing-order debit arrived by the due date plus "
                                                + settings.ratibaGrace().toHours()
                                                + " h: check the shortcode's statement and the"
                                                + " customer's standing order")
                                        .build(clock.millis())));
                if (flaggedInvoice.isEmpty()) {
                  return 0;
                }
                service.paymentFailed(c, flaggedInvoice.get(), null, null, null);
                return 1;
              });
    }
    return flagged;
  }

  private void waitForSlot() {
    long slot = pace.reserve(1);
    long waitMicros = slot - SharedPace.nowMicros();
    if (waitMicros > 0) {
      try {
        Thread.sleep(waitMicros / 1000, (int) (waitMicros % 1000) * 1000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while pacing prompts", e);
      }
    }
  }
}
