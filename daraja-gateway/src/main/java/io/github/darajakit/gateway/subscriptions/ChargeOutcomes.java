package io.github.darajakit.gateway.subscriptions;

import io.github.darajakit.gateway.payments.Payment;
import io.github.darajakit.gateway.payments.PaymentService;
import io.github.darajakit.gateway.payments.PaymentStatus;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Optional;

/**
 * Moves an invoice when the payment charging it settles, in the transaction that settles the
 * payment: paid on success; on a failure, retried, left for the merchant or given up, as the {@link
 * DunningPolicy} says. A payment whose outcome is unknown moves nothing: it is reconciled first,
 * and the invoice starts no other charge meanwhile.
 */
final class ChargeOutcomes implements PaymentService.Listener {

  private final SubscriptionStore subscriptions;
  private final InvoiceStore invoices;
  private final Subscriptions service;
  private final SubscriptionSettings settings;
  private final Clock clock;

  ChargeOutcomes(
      SubscriptionStore subscriptions,
      InvoiceStore invoices,
      Subscriptions service,
      SubscriptionSettings settings,
      Clock clock) {
    this.subscriptions = subscriptions;
    this.invoices = invoices;
    this.service = service;
    this.settings = settings;
    this.clock = clock;
  }

  @Override
  public void changed(Connection c, Payment before, Payment after) throws SQLException {
    // Only a payment's first arrival in a settled state: REVERSED, later, is a refund of a paid
    // invoice, not a new outcome of its charge.
    if (before.status().isTerminal() || !after.status().isTerminal()) {
      return;
    }
    // Every charge's payment names its invoice in its metadata (Billing.startCharge): any other
    // payment settling on the callback path is let through without a query.
    if (after.metadata() == null || !after.metadata().contains("\"invoice\"")) {
      return;
    }
    Optional<InvoiceStore.Attempt> attempt = invoices.attemptOf(c, after.id());
    if (attempt.isEmpty()) {
      return; // not a subscription's charge
    }
    Invoice invoice = invoices.find(c, attempt.get().invoiceId()).orElseThrow();
    if (after.status() == PaymentStatus.SUCCEEDED) {
      succeeded(c, invoice, after);
    } else {
      failed(c, invoice, after);
    }
  }

  private void succeeded(Connection c, Invoice invoice, Payment payment) throws SQLException {
    long now = clock.millis();
    Optional<Invoice> paid =
        service.claimInvoice(
            c,
            invoice,
            i -> {
              Invoice.Builder next = i.toBuilder();
              if (payment.id().equals(i.paymentId())) {
                next.settled();
              }
              if (i.status() == InvoiceStatus.PAID || i.status() == InvoiceStatus.VOID) {
                // Paid twice, or after it was voided: the money is real, so a person refunds it.
                return Optional.of(
                    next.addAttention(
                            "payment "
                                + payment.id()
                                + " succeeded for an invoice already "
                                + i.status().apiName()
                                + ": refund it")
                        .build(now));
              }
              // A success confirmed by STK Query alone has no receipt yet: the payment is flagged
              // for it, and the invoice is paid all the same.
              return Optional.of(
                  next.paid(payment.paidAt() != null ? payment.paidAt() : now, payment.receipt())
                      .result(payment.resultCode(), payment.resultDesc())
                      .build(now));
            });
    if (paid.isEmpty()
        || paid.get().status() != InvoiceStatus.PAID
        || invoice.status() == InvoiceStatus.PAID) {
      return;
    }
    Subscription s = subscriptions.find(c, invoice.subscriptionId()).orElseThrow();
    if (s.status() == SubscriptionStatus.PAST_DUE
        && invoices.unpaid(c, s.id()).stream().noneMatch(i -> i.status() == InvoiceStatus.OPEN)) {
      service.update(
          c,
          s,
          current ->
              current.status() == SubscriptionStatus.PAST_DUE
                  ? Optional.of(
                      current.toBuilder()
                          .status(SubscriptionStatus.ACTIVE)
                          .result(payment.resultCode(), payment.resultDesc())
                          .build(now))
                  : Optional.empty());
    }
  }

  private void failed(Connection c, Invoice invoice, Payment payment) throws SQLException {
    long now = clock.millis();
    String code = DunningPolicy.codeOf(payment.resultCode(), payment.resultDesc());
    String desc = payment.resultDesc() != null ? payment.resultDesc() : payment.failureReason();
    Subscription s = subscriptions.find(c, invoice.subscriptionId()).orElseThrow();
    if (s.status().isTerminal()) {
      service.updateInvoice(
          c,
          invoice,
          i ->
              i.status() != InvoiceStatus.OPEN
                  ? Optional.empty()
                  : Optional.of(
                      i.toBuilder()
                          .settled()
                          .status(InvoiceStatus.VOID)
                          .nextAttempt(null)
                          .result(code, desc)
                          .build(now)));
      return;
    }
    DunningPolicy.Decision decision = settings.dunning().decide(code, invoice.retries(), now);
    Optional<Invoice> moved =
        service.claimInvoice(
            c,
            invoice,
            i -> {
              if (!payment.id().equals(i.paymentId())) {
                return Optional.empty(); // not the charge in flight (already settled)
              }
              Invoice.Builder next = i.toBuilder().settled().result(code, desc);
              if (decision instanceof DunningPolicy.RetryAt retry) {
                next.retryAt(settings.quietHours().nextAllowed(retry.at()));
              } else if (decision instanceof DunningPolicy.WaitForMerchant) {
                next.nextAttempt(null)
                    .addAttention(
                        "the customer declined the prompt ("
                            + code
                            + "): contact them, then charge now");
              } else {
                next.nextAttempt(null).status(InvoiceStatus.UNCOLLECTIBLE);
              }
              return Optional.of(next.build(now));
            });
    if (moved.isEmpty()) {
      return;
    }
    service.paymentFailed(c, moved.get(), payment.id(), code, desc);
    if (decision instanceof DunningPolicy.GiveUp && settings.cancelAfterLastTry()) {
      Subscription current = subscriptions.find(c, s.id()).orElseThrow();
      service.update(
          c,
          current,
          x ->
              x.status().isTerminal()
                  ? Optional.empty()
                  : Optional.of(
                      x.toBuilder()
                          .status(SubscriptionStatus.CANCELLED)
                          .nextPeriod(x.periodIndex(), null)
                          .result(code, "cancelled after the last try: " + desc)
                          .build(now)));
      service.voidUnpaid(c, s.id());
    }
  }
}
