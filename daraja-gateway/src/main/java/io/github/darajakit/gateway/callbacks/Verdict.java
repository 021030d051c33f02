package io.github.darajakit.gateway.callbacks;

/**
 * What became of a stored callback. Every callback is stored; only an {@code APPLIED} one changed
 * anything.
 *
 * @param outcome the kind of verdict
 * @param detail a sentence for the person reviewing it
 * @param objectId the payment (or C2B payment) concerned, or {@code null}
 * @param matchKey the Daraja id it carries (CheckoutRequestID, TransID…), or {@code null}
 */
public record Verdict(Outcome outcome, String detail, String objectId, String matchKey) {

  /** Kinds of verdict. */
  public enum Outcome {
    /** Changed a payment or recorded a C2B payment. */
    APPLIED,
    /** Repeats what is already recorded: harmless. */
    DUPLICATE,
    /** Arrived after the payment was already final, and says something else: kept, not applied. */
    LATE,
    /** Names no payment we know (yet): never credits anything; re-examined when one appears. */
    UNMATCHED,
    /** Names a payment but its amount, phone or shortcode disagree: never credits; kept. */
    MISMATCH,
    /** Not a Daraja callback we can read: kept as received. */
    UNPARSEABLE,
    /** Stored for a later issue's processing (payout results). */
    RECORDED,
    /** Our own failure while applying it; kept as received, retried by a person. */
    ERROR;

    /** The name in the API and in metrics: {@code applied}, {@code duplicate}… */
    public String wire() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public static Verdict of(Outcome outcome, String detail, String objectId, String matchKey) {
    return new Verdict(outcome, detail, objectId, matchKey);
  }
}
