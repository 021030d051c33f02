package io.github.darajakit.gateway.reversals;

import java.util.Set;
import java.util.TreeSet;

/** The events of reversals. */
public final class ReversalEvents {

  /** A reversal first needs a person (see its {@code needs_attention}). */
  public static final String NEEDS_ATTENTION = "reversal.needs_attention";

  /** A C2B payment's money was given back by a reversal. */
  public static final String C2B_PAYMENT_REVERSED = "c2b_payment.reversed";

  private ReversalEvents() {}

  /** {@code reversal.<status>} for each status, and the two above. */
  public static Set<String> all() {
    Set<String> all = new TreeSet<>();
    for (ReversalStatus status : ReversalStatus.values()) {
      all.add(status.eventType());
    }
    all.add(NEEDS_ATTENTION);
    all.add(C2B_PAYMENT_REVERSED);
    return all;
  }
}
