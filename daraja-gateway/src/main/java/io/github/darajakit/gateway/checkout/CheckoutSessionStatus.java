package io.github.darajakit.gateway.checkout;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Where a checkout session stands. The transitions:
 *
 * <pre>
 * OPEN ──its payment succeeded──▶ COMPLETE
 *   └──expired (its time passed, or its creator expired it) with no attempt open──▶ EXPIRED
 * </pre>
 *
 * <p>A session is never expired while a payment of it is pending or unknown: that payment may still
 * succeed, and the money is the customer's either way. Both ends are absorbing.
 */
public enum CheckoutSessionStatus {
  /** It may be paid (an attempt may be in progress). */
  OPEN,
  /** Paid: its payment succeeded. */
  COMPLETE,
  /** Not paid, and no longer payable. */
  EXPIRED;

  /** True for the settled states: COMPLETE and EXPIRED. */
  public boolean isTerminal() {
    return this != OPEN;
  }

  /** Whether the table above allows going from this state to {@code next}. */
  public boolean canMoveTo(CheckoutSessionStatus next) {
    return this == OPEN && next != OPEN;
  }

  /** {@code open}, {@code complete}, {@code expired}. */
  public String apiName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The states an API status filter names; empty if it names none. */
  public static Set<CheckoutSessionStatus> forApiName(String name) {
    EnumSet<CheckoutSessionStatus> states = EnumSet.noneOf(CheckoutSessionStatus.class);
    for (CheckoutSessionStatus status : values()) {
      if (status.apiName().equals(name)) {
        states.add(status);
      }
    }
    return states;
  }
}
