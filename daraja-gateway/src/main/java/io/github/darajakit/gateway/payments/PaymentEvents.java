package io.github.darajakit.gateway.payments;

import java.util.Set;
import java.util.TreeSet;

/** The events of STK payments. */
public final class PaymentEvents {

  /** A payment first needs a person (see its {@code needs_attention}). */
  public static final String NEEDS_ATTENTION = "payment.needs_attention";

  private PaymentEvents() {}

  /** {@code payment.<status>} for each status, and {@link #NEEDS_ATTENTION}. */
  public static Set<String> all() {
    Set<String> all = new TreeSet<>();
    for (PaymentStatus status : PaymentStatus.values()) {
      all.add(status.eventType());
    }
    all.add(NEEDS_ATTENTION);
    return all;
  }
}
