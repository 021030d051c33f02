package io.github.darajakit.examples.shop;

import java.util.EnumSet;
import java.util.Set;

/** Where an order is; PAID and FAILED are final. */
public enum OrderStatus {
  /** The customer has been asked to pay on their phone. */
  AWAITING_PAYMENT,
  /** Paid: the order carries the M-Pesa receipt. */
  PAID,
  /** Not paid: cancelled, timed out, insufficient funds… */
  FAILED;

  /** The states this one may move to. */
  Set<OrderStatus> next() {
    return this == AWAITING_PAYMENT ? EnumSet.of(PAID, FAILED) : EnumSet.noneOf(OrderStatus.class);
  }
}
