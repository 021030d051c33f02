package io.github.darajakit.gateway.subscriptions;

import java.time.Duration;
import java.util.Objects;

/**
 * How subscriptions are billed (the {@code subscriptions.*} keys of the gateway's configuration).
 *
 * @param dunning what follows a failed charge
 * @param quietHours when no customer is prompted
 * @param ratePerSecond the most prompts a second, by all instances on one database together; 0 for
 *     no limit
 * @param cancelAfterLastTry after the last try of an invoice fails, cancel the subscription (true)
 *     or leave it past due (false, the default)
 * @param ratibaGrace how long after an invoice of a Ratiba subscription is due a missing debit is
 *     flagged
 * @param ratibaYears how long a standing order runs when the subscription has no end date
 * @param tickEvery how often due periods and charges are looked for
 */
public record SubscriptionSettings(
    DunningPolicy dunning,
    QuietHours quietHours,
    int ratePerSecond,
    boolean cancelAfterLastTry,
    Duration ratibaGrace,
    int ratibaYears,
    Duration tickEvery) {

  public SubscriptionSettings {
    Objects.requireNonNull(dunning, "dunning");
    Objects.requireNonNull(quietHours, "quietHours");
    if (ratePerSecond < 0 || ratePerSecond > 10_000) {
      throw new IllegalArgumentException(
          "subscriptions.ratePerSecond must be 0 (no limit) to 10000, got " + ratePerSecond);
    }
    if (ratibaGrace.isNegative()) {
      throw new IllegalArgumentException(
          "subscriptions.ratibaGrace must not be negative, got " + ratibaGrace);
    }
    if (ratibaYears < 1 || ratibaYears > 30) {
      throw new IllegalArgumentException(
          "subscriptions.ratibaYears must be 1 to 30, got " + ratibaYears);
    }
    if (tickEvery.isNegative() || tickEvery.isZero()) {
      throw new IllegalArgumentException(
          "subscriptions.tickEvery must be positive, got " + tickEvery);
    }
  }

  /** The defaults: see each component; 10 prompts a second; 2 days' grace; 10-year orders. */
  public static SubscriptionSettings defaults() {
    return new SubscriptionSettings(
        DunningPolicy.defaults(),
        QuietHours.defaults(),
        10,
        false,
        Duration.ofDays(2),
        10,
        Duration.ofSeconds(1));
  }

  /** These settings with another prompt pace (0: none). */
  public SubscriptionSettings withRatePerSecond(int rate) {
    return new SubscriptionSettings(
        dunning, quietHours, rate, cancelAfterLastTry, ratibaGrace, ratibaYears, tickEvery);
  }

  /** These settings with other quiet hours. */
  public SubscriptionSettings withQuietHours(QuietHours hours) {
    return new SubscriptionSettings(
        dunning, hours, ratePerSecond, cancelAfterLastTry, ratibaGrace, ratibaYears, tickEvery);
  }
}
