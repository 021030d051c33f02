package io.github.darajakit.gateway.checkout;

import io.github.darajakit.gateway.events.EventStore;
import io.github.darajakit.gateway.payments.Payment;
import io.github.darajakit.gateway.payments.PaymentService;
import io.github.darajakit.gateway.payments.PaymentStatus;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends a session's attempt when its payment settles, in the transaction that settles the payment: a
 * success completes the session and counts on its link; a definite failure (cancelled, no answer,
 * insufficient funds, wrong PIN, a busy phone, a refused push) lets the customer try again. A
 * payment whose outcome is unknown moves nothing, so the session takes no other attempt until the
 * payment is reconciled.
 */
final class AttemptOutcomes implements PaymentService.Listener {

  private static final Logger log = LoggerFactory.getLogger(AttemptOutcomes.class);

  private final CheckoutStore store;
  private final Checkout checkout;
  private final EventStore events;
  private final Clock clock;

  AttemptOutcomes(CheckoutStore store, Checkout checkout, EventStore events, Clock clock) {
    this.store = store;
    this.checkout = checkout;
    this.events = events;
    this.clock = clock;
  }

  @Override
  public void changed(Connection c, Payment before, Payment after) throws SQLException {
    // Only a payment's first arrival in a settled state: REVERSED, later, is a refund of a paid
    // session, not a new outcome of its attempt.
    if (before.status().isTerminal() || !after.status().isTerminal()) {
      return;
    }
    // Every attempt's payment names its session in its metadata (Checkout.pay): other payments
    // settling on the callback path are let through without a query.
    if (after.metadata() == null || !after.metadata().contains("\"checkout_session\"")) {
      return;
    }
    Optional<CheckoutSession> found = store.sessionByPayment(c, after.id());
    if (found.isEmpty()) {
      return;
    }
    CheckoutSession session = found.get();
    long now = clock.millis();
    if (after.status() == PaymentStatus.SUCCEEDED) {
      long paid = after.paidAmount() != null ? after.paidAmount() : after.amount();
      // The session's row before its link's, the order Checkout.pay takes them in, so the two
      // never wait on each other on PostgreSQL.
      boolean completed = store.complete(c, session.id(), after.id(), after.receipt(), paid, now);
      if (session.paymentLinkId() != null) {
        store.settleUse(c, session.paymentLinkId(), paid, now);
      }
      if (completed) {
        CheckoutSession paidSession = store.findSession(c, session.id()).orElseThrow();
        events.append(
            c,
            CheckoutEvents.SESSION_COMPLETED,
            "checkout_session",
            paidSession.id(),
            checkout.json(paidSession),
            now);
      } else {
        // Cannot happen while attempts are one at a time; the payment is real either way.
        log.warn(
            "payment {} succeeded for checkout session {}, which is {}",
            after.id(),
            session.id(),
            session.status().apiName());
      }
      return;
    }
    if (store.attemptFailed(c, session.id(), after.id(), now) && session.paymentLinkId() != null) {
      store.settleUse(c, session.paymentLinkId(), null, now);
    }
  }
}
