package io.github.darajakit.gateway.callbacks;

import java.util.Optional;

/** What Daraja is calling the gateway about, by the path it calls. */
public enum CallbackKind {
  STK("stk"),
  C2B_VALIDATION("c2b/validation"),
  C2B_CONFIRMATION("c2b/confirmation"),
  /** A B2C v3 payment's Result (the payouts' ResultURL). */
  B2C_RESULT("b2c/result"),
  /** A B2C v3 payment that timed out in Daraja's queue (the payouts' QueueTimeOutURL). */
  B2C_TIMEOUT("b2c/timeout"),
  /** Transaction Status Results of the payouts' reconciler. */
  B2C_STATUS("b2c/status"),
  /** A B2B payment's Result. */
  B2B_RESULT("b2b/result"),
  /** A B2B payment that timed out in Daraja's queue. */
  B2B_TIMEOUT("b2b/timeout"),
  /** A reversal's Result. */
  REVERSAL_RESULT("reversals/result"),
  /** A reversal that timed out in Daraja's queue. */
  REVERSAL_TIMEOUT("reversals/timeout"),
  /** Transaction Status Results of the reversals' reconciler. */
  REVERSAL_STATUS("reversals/status"),
  /** Transaction Status Results of receipt lookups. */
  LOOKUP_RESULT("transactions/result"),
  /** Account Balance Results. */
  BALANCE_RESULT("balance/result"),
  /** Results of the other initiator APIs, kept for the features that will read them. */
  RESULT("result"),
  QUEUE_TIMEOUT("timeout"),
  /** Pull Transactions' registration callback (its payload is undocumented): kept, not read. */
  PULL("pull");

  private final String path;

  CallbackKind(String path) {
    this.path = path;
  }

  /** The path after {@code /daraja/{secret}/}. */
  public String path() {
    return path;
  }

  /** The kind served at this path, if any. */
  public static Optional<CallbackKind> forPath(String path) {
    for (CallbackKind kind : values()) {
      if (kind.path.equals(path)) {
        return Optional.of(kind);
      }
    }
    return Optional.empty();
  }
}
