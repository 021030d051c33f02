package io.github.darajakit.client.ratiba;

import io.github.darajakit.client.DarajaValidationException;

/**
 * How often a standing order pays: Daraja's {@code Frequency} codes 1 to 8 (REFERENCE §15).
 *
 * <p>⚠ Safaricom does not say whether {@link #BI_MONTHLY} means every two months or twice a month;
 * confirm with Safaricom before promising either to a customer.
 */
public enum StandingOrderFrequency {
  /** Once, on the start date. */
  ONE_OFF(1),
  /** Every day. */
  DAILY(2),
  /** Every week. */
  WEEKLY(3),
  /** Every month. */
  MONTHLY(4),
  /** Daraja's "Bi-Monthly". ⚠ Undocumented whether it is every two months or twice a month. */
  BI_MONTHLY(5),
  /** Every three months. */
  QUARTERLY(6),
  /** Every six months ("Half Year"). */
  HALF_YEARLY(7),
  /** Every year. */
  YEARLY(8);

  private final int code;

  StandingOrderFrequency(int code) {
    this.code = code;
  }

  /** The {@code Frequency} code Daraja expects, 1 to 8 (sent as a string). */
  public int code() {
    return code;
  }

  /**
   * The frequency with this Daraja code.
   *
   * @throws DarajaValidationException naming {@code frequency} for a code outside 1 to 8
   */
  public static StandingOrderFrequency fromCode(int code) {
    for (StandingOrderFrequency frequency : values()) {
      if (frequency.code == code) {
        return frequency;
      }
    }
    throw new DarajaValidationException(
        "frequency",
        code
            + " is not a Daraja standing-order frequency: expected 1 (one off) to 8 (yearly), e.g."
            + " 4 for monthly");
  }
}
