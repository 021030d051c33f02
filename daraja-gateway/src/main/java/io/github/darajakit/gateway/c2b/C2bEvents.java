package io.github.darajakit.gateway.c2b;

import java.util.Set;

/** The events of C2B payments. */
public final class C2bEvents {

  /** A C2B payment was recorded (from its confirmation, or recovered by Pull Transactions). */
  public static final String RECEIVED = "c2b_payment.received";

  private C2bEvents() {}

  /** All of them. */
  public static Set<String> all() {
    return Set.of(RECEIVED);
  }
}
