package io.github.darajakit.gateway.events;

import io.github.darajakit.gateway.payments.PaymentStatus;
import java.util.Set;
import java.util.TreeSet;

/** Every event type the gateway emits: webhook subscriptions are checked against it. */
public final class EventTypes {

  /** A payment first needs a person (see its {@code needs_attention}). */
  public static final String PAYMENT_NEEDS_ATTENTION = "payment.needs_attention";

  /** A C2B payment was recorded (from its confirmation, or recovered by Pull Transactions). */
  public static final String C2B_PAYMENT_RECEIVED = "c2b_payment.received";

  /** All of them, sorted: {@code payment.<status>} for each status, and the two above. */
  public static final Set<String> ALL;

  static {
    Set<String> all = new TreeSet<>();
    for (PaymentStatus status : PaymentStatus.values()) {
      all.add(status.eventType());
    }
    all.add(PAYMENT_NEEDS_ATTENTION);
    all.add(C2B_PAYMENT_RECEIVED);
    ALL = java.util.Collections.unmodifiableSet(all);
  }

  private EventTypes() {}
}
