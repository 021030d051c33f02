package io.github.darajakit.gateway.payouts;

import java.time.Duration;

/**
 * The checks made before a payout's B2C request is sent, each off unless set. Unlike {@link
 * PayoutRails}, which refuse a request before anything is recorded, a check that fails — or cannot
 * be answered — holds the recorded payout for a second person's approval; nothing is sent blind.
 *
 * @param simSwapGuard hold a payout to a number whose SIM was swapped within this long before the
 *     check ({@code payouts.simSwapGuard}), or {@code null} for no SIM swap check. At most 90 days:
 *     ⚠ Daraja's SIM swap check reports swaps of the last three months only (older ones read as
 *     {@code 01-01-1900}), so a longer window would pass swaps it cannot see
 * @param nameCheck compare a payout's {@code expected_name} with the name B2C Hakikisha returns for
 *     the number, and hold it if they differ ({@code payouts.nameCheck}); payouts without an {@code
 *     expected_name} are not checked
 */
public record FraudChecks(Duration simSwapGuard, boolean nameCheck) {

  /** The longest {@link #simSwapGuard} Daraja's answers can support. */
  public static final Duration LONGEST_SIM_SWAP_GUARD = Duration.ofDays(90);

  /** No checks. */
  public static final FraudChecks NONE = new FraudChecks(null, false);

  public FraudChecks {
    if (simSwapGuard != null
        && (simSwapGuard.isNegative()
            || simSwapGuard.isZero()
            || simSwapGuard.compareTo(LONGEST_SIM_SWAP_GUARD) > 0)) {
      throw new IllegalArgumentException(
          "payouts.simSwapGuard must be more than 0 and at most 90d (Daraja reports SIM swaps of"
              + " the last three months only), got "
              + simSwapGuard);
    }
  }

  /** Whether any check is on. */
  public boolean any() {
    return simSwapGuard != null || nameCheck;
  }
}
