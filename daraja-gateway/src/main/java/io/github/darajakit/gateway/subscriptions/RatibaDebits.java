package io.github.darajakit.gateway.subscriptions;

import io.github.darajakit.gateway.c2b.C2bPayment;
import io.github.darajakit.gateway.c2b.C2bStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Matches a standing order's debits to invoices: the one place that decides which C2B payment paid
 * which invoice of a Ratiba subscription.
 *
 * <p>⚠ Safaricom does not document how a standing order's debits reach the business. What is
 * assumed here: each debit arrives as an ordinary C2B confirmation on the shortcode's registered
 * URLs, whose BillRefNumber is the standing order's AccountReference and whose TransAmount is its
 * Amount. A debit is matched to the oldest unpaid invoice of the live Ratiba subscription with that
 * reference (compared ignoring case and spaces around it) and exactly that amount; a period that is
 * due but not invoiced yet (the debit beat the billing run) is invoiced first. A payment that
 * matches nothing stays an ordinary C2B payment; one whose reference matches but whose amount does
 * not is flagged on the oldest unpaid invoice for a person. If real debits turn out to look
 * different, this class is what changes.
 */
final class RatibaDebits implements C2bStore.Listener {

  private final SubscriptionStore subscriptions;
  private final InvoiceStore invoices;
  private final Subscriptions service;
  private final Billing billing;
  private final Clock clock;

  RatibaDebits(
      SubscriptionStore subscriptions,
      InvoiceStore invoices,
      Subscriptions service,
      Billing billing,
      Clock clock) {
    this.subscriptions = subscriptions;
    this.invoices = invoices;
    this.service = service;
    this.billing = billing;
    this.clock = clock;
  }

  @Override
  public void recorded(Connection c, C2bPayment payment) throws SQLException {
    String reference = payment.billRefNumber();
    if (reference == null || reference.isBlank()) {
      return;
    }
    List<Subscription> candidates = subscriptions.ratibaByReference(c, reference);
    if (candidates.isEmpty()) {
      return;
    }
    long now = clock.millis();
    // A debit made at the start of a period can beat the billing run to it.
    billing.invoice(
        c,
        candidates.stream()
            .filter(
                s -> s.status().isBilling() && s.nextPeriodAt() != null && s.nextPeriodAt() <= now)
            .toList(),
        now);
    for (Subscription s : candidates) {
      for (Invoice invoice : invoices.unpaid(c, s.id())) {
        if (invoice.amount() == payment.amount()) {
          paid(c, s, invoice, payment, now);
          return;
        }
      }
    }
    // The reference is a standing order's, the amount is not: a person decides.
    for (Subscription s : candidates) {
      Optional<Invoice> oldest = invoices.unpaid(c, s.id()).stream().findFirst();
      if (oldest.isPresent()) {
        service.updateInvoice(
            c,
            oldest.get(),
            i ->
                Optional.of(
                    i.toBuilder()
                        .addAttention(
                            "C2B payment "
                                + payment.transId()
                                + " of KES "
                                + payment.amount()
                                + " carries this subscription's reference but the invoice is"
                                + " KES "
                                + i.amount()
                                + ": not matched")
                        .build(now)));
        return;
      }
    }
  }

  private void paid(Connection c, Subscription s, Invoice invoice, C2bPayment payment, long now)
      throws SQLException {
    service.updateInvoice(
        c,
        invoice,
        i ->
            i.status() == InvoiceStatus.PAID
                ? Optional.empty()
                : Optional.of(
                    i.toBuilder()
                        .paid(
                            payment.transTime() != null ? payment.transTime() : now,
                            payment.transId())
                        .result("0", "standing order debit " + payment.id())
                        .build(now)));
    if (s.status() == SubscriptionStatus.PAST_DUE && invoices.unpaid(c, s.id()).isEmpty()) {
      service.update(
          c,
          s,
          current ->
              current.status() == SubscriptionStatus.PAST_DUE
                  ? Optional.of(current.toBuilder().status(SubscriptionStatus.ACTIVE).build(now))
                  : Optional.empty());
    }
  }
}
