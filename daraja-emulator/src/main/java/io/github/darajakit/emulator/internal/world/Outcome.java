package io.github.darajakit.emulator.internal.world;

/**
 * What a scenario makes happen to a request, before the world's own rules (balances, limits) have
 * their say.
 *
 * @param kind what happens
 * @param resultCode the Daraja ResultCode for {@link Kind#FAIL}, else {@code "0"}
 * @param resultDesc the matching ResultDesc
 */
public record Outcome(Kind kind, String resultCode, String resultDesc) {

  /** The shapes an outcome can take. */
  public enum Kind {
    /** Proceed normally: succeeds unless balances or limits say otherwise. */
    PROCEED,
    /** Fail asynchronously with the given result code. */
    FAIL,
    /** Succeed, but never deliver the callback or result (the query still knows). */
    SUCCEED_SILENTLY,
    /** STK only: reject the push synchronously, the subscriber is busy (500.001.1001). */
    REJECT_BUSY,
    /** Initiator APIs: never process it; POST a timeout to the QueueTimeOutURL instead. */
    QUEUE_TIMEOUT
  }

  public static final Outcome PROCEED = new Outcome(Kind.PROCEED, "0", "");

  /** A failure with Daraja's code and description. */
  public static Outcome fail(String code, String desc) {
    return new Outcome(Kind.FAIL, code, desc);
  }

  static Outcome of(Kind kind) {
    return new Outcome(kind, "0", "");
  }
}
