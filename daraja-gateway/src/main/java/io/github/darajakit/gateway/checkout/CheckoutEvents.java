package io.github.darajakit.gateway.checkout;

import java.util.Set;

/** The events of payment links and checkout sessions. */
public final class CheckoutEvents {

  /** A payment link was created. */
  public static final String LINK_CREATED = "payment_link.created";

  /** A payment link was deactivated: it takes no more payments. */
  public static final String LINK_DEACTIVATED = "payment_link.deactivated";

  /** A session's payment succeeded: {@code data.object} names the payment and its receipt. */
  public static final String SESSION_COMPLETED = "checkout_session.completed";

  /** A session expired unpaid. */
  public static final String SESSION_EXPIRED = "checkout_session.expired";

  private CheckoutEvents() {}

  /** Every type above. */
  public static Set<String> all() {
    return Set.of(LINK_CREATED, LINK_DEACTIVATED, SESSION_COMPLETED, SESSION_EXPIRED);
  }
}
