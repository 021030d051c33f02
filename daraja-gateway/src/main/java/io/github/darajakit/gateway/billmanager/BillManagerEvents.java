package io.github.darajakit.gateway.billmanager;

import java.util.Set;

/**
 * The events of Bill Manager payments. The money itself is a C2B payment and also appends {@code
 * c2b_payment.received} when it is first recorded.
 */
public final class BillManagerEvents {

  /** Bill Manager pushed a payment, recorded for the first time. */
  public static final String RECEIVED = "bill_payment.received";

  /** Bill Manager took the acknowledgement: the customer gets the e-receipt. */
  public static final String ACKNOWLEDGED = "bill_payment.acknowledged";

  /** A person must look: the acknowledgement failed for good, or the receipt was disputed. */
  public static final String NEEDS_ATTENTION = "bill_payment.needs_attention";

  private BillManagerEvents() {}

  /** All of them. */
  public static Set<String> all() {
    return Set.of(RECEIVED, ACKNOWLEDGED, NEEDS_ATTENTION);
  }
}
