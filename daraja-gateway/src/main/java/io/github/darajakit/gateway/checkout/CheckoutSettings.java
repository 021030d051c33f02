package io.github.darajakit.gateway.checkout;

import java.time.Duration;

/**
 * How hosted checkout behaves (the {@code checkout.*} keys of the gateway's configuration).
 *
 * @param merchantName the name the customer is shown as the one being paid, or {@code null}: then
 *     {@code b2bCollections.partnerName}, else the shortcode
 * @param promptsPerPhonePerHour the most prompts checkout sends one phone number in an hour, so a
 *     stranger cannot flood a customer's phone
 * @param promptsPerClientPerMinute the most prompts asked for from one client address in a minute
 * @param promptsPerLinkPerMinute the most prompts asked for through one payment link in a minute
 * @param sessionLifetime how long a checkout session stays open when its creator names no expiry
 * @param sessionsPerClientPerMinute the most sessions one client address may open from payment
 *     links in a minute: each is a row, so a script must not be able to make millions
 */
public record CheckoutSettings(
    String merchantName,
    int promptsPerPhonePerHour,
    int promptsPerClientPerMinute,
    int promptsPerLinkPerMinute,
    Duration sessionLifetime,
    int sessionsPerClientPerMinute) {

  /** The longest a session may stay open: a prompt for an order days old is a surprise. */
  public static final Duration MAX_SESSION_LIFETIME = Duration.ofHours(24);

  /** The shortest: a customer needs time to open the page and answer the prompt. */
  public static final Duration MIN_SESSION_LIFETIME = Duration.ofMinutes(2);

  public CheckoutSettings {
    if (merchantName != null
        && (merchantName.isBlank()
            || merchantName.length() > 60
            || merchantName.chars().anyMatch(Character::isISOControl))) {
      throw new IllegalArgumentException(
          "checkout.merchantName must be 1 to 60 printable characters, got "
              + merchantName.length()
              + " characters");
    }
    positive("checkout.promptsPerPhonePerHour", promptsPerPhonePerHour);
    positive("checkout.promptsPerClientPerMinute", promptsPerClientPerMinute);
    positive("checkout.promptsPerLinkPerMinute", promptsPerLinkPerMinute);
    positive("checkout.sessionsPerClientPerMinute", sessionsPerClientPerMinute);
    if (sessionLifetime.compareTo(MIN_SESSION_LIFETIME) < 0
        || sessionLifetime.compareTo(MAX_SESSION_LIFETIME) > 0) {
      throw new IllegalArgumentException(
          "checkout.sessionLifetime must be 2m to 24h, got " + sessionLifetime);
    }
  }

  private static void positive(String key, int value) {
    if (value < 1 || value > 100_000) {
      throw new IllegalArgumentException(key + " must be 1 to 100000, got " + value);
    }
  }

  /**
   * The defaults: no name of its own, 5 prompts per phone an hour, 10 per client address and 30 per
   * link a minute, sessions open 30 minutes, 20 sessions opened from links per client address a
   * minute.
   */
  public static CheckoutSettings defaults() {
    return new CheckoutSettings(null, 5, 10, 30, Duration.ofMinutes(30), 20);
  }

  /** These settings with another merchant name. */
  public CheckoutSettings withMerchantName(String name) {
    return new CheckoutSettings(
        name,
        promptsPerPhonePerHour,
        promptsPerClientPerMinute,
        promptsPerLinkPerMinute,
        sessionLifetime,
        sessionsPerClientPerMinute);
  }

  /** These settings with other caps on prompts. */
  public CheckoutSettings withCaps(
      int perPhonePerHour, int perClientPerMinute, int perLinkPerMinute) {
    return new CheckoutSettings(
        merchantName,
        perPhonePerHour,
        perClientPerMinute,
        perLinkPerMinute,
        sessionLifetime,
        sessionsPerClientPerMinute);
  }

  /** These settings with another default session lifetime. */
  public CheckoutSettings withSessionLifetime(Duration lifetime) {
    return new CheckoutSettings(
        merchantName,
        promptsPerPhonePerHour,
        promptsPerClientPerMinute,
        promptsPerLinkPerMinute,
        lifetime,
        sessionsPerClientPerMinute);
  }

  /** These settings with another cap on sessions opened from links. */
  public CheckoutSettings withSessionsPerClientPerMinute(int perClientPerMinute) {
    return new CheckoutSettings(
        merchantName,
        promptsPerPhonePerHour,
        promptsPerClientPerMinute,
        promptsPerLinkPerMinute,
        sessionLifetime,
        perClientPerMinute);
  }
}
