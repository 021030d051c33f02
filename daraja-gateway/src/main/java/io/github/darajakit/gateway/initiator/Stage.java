package io.github.darajakit.gateway.initiator;

/**
 * Where an initiator operation (a B2C payout, a B2B payment, a reversal…) stands, in the words of
 * the lifecycle they all share: recorded, sent once outside any transaction, acknowledged, settled
 * by its Result — or, when that is late, by Transaction Status — or put before a person.
 */
public enum Stage {
  /** Recorded but not to be sent yet (a batch row waiting its turn). */
  WAITING,
  /** Recorded; the send may be in flight, or its answer lost. Never sent again. */
  CREATED,
  /** Daraja acknowledged it; its Result is awaited. */
  SUBMITTED,
  /** It may or may not have run; Transaction Status is asked. */
  UNKNOWN,
  /** Settled: it succeeded, failed or was cancelled. */
  FINAL;

  /** Whether its Result is still awaited, so that a queue timeout makes it UNKNOWN. */
  public boolean awaitingResult() {
    return this == CREATED || this == SUBMITTED;
  }
}
