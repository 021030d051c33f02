package io.github.darajakit.gateway.checkout;

import io.github.darajakit.gateway.reconciler.Reconciler;
import io.github.darajakit.gateway.reconciler.Rounds;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Expires checkout sessions whose time has passed, with their {@code checkout_session.expired}
 * events, on the reconcilers' schedule (and at {@code POST /v1/reconcile}). A session with a
 * payment pending or unknown waits for that payment.
 */
final class SessionExpiry implements Reconciler {

  private static final Logger log = LoggerFactory.getLogger(SessionExpiry.class);

  private final Checkout checkout;
  private final Rounds rounds = new Rounds("daraja-gateway-checkout-expiry");

  SessionExpiry(Checkout checkout) {
    this.checkout = checkout;
  }

  @Override
  public int reconcileDue() {
    return checkout.expireDue(ROUND);
  }

  @Override
  public void start(Duration every) {
    rounds.start(every, this::reconcileDue, ROUND, log, "checkout session expiry");
  }

  @Override
  public void close() {
    rounds.close();
  }
}
