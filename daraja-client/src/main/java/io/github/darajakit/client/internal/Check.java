package io.github.darajakit.client.internal;

import io.github.darajakit.client.DarajaValidationException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** Field checks shared by every request builder; each failure names the field and the fix. */
public final class Check {

  private Check() {}

  /** A required text of {@code min}..{@code max} characters. */
  public static String text(String field, String value, int min, int max) {
    if (value == null || value.isBlank()) {
      throw new DarajaValidationException(
          field, "is required (" + min + "–" + max + " characters)");
    }
    if (value.length() < min || value.length() > max) {
      throw new DarajaValidationException(
          field,
          "'"
              + value
              + "' has "
              + value.length()
              + " characters; Daraja accepts "
              + min
              + " to "
              + max);
    }
    return value;
  }

  /** An optional text of at most {@code max} characters; {@code null} stays {@code null}. */
  public static String optionalText(String field, String value, int max) {
    if (value == null || value.isEmpty()) {
      return null;
    }
    if (value.length() > max) {
      throw new DarajaValidationException(
          field,
          "'" + value + "' has " + value.length() + " characters; Daraja accepts at most " + max);
    }
    return value;
  }

  /** A whole-KES amount within limits. */
  public static long amount(String field, long value, long min, long max) {
    if (value < min || value > max) {
      throw new DarajaValidationException(
          field,
          "KES "
              + value
              + " is outside what Daraja accepts here: KES "
              + min
              + " to "
              + max
              + " (whole shillings)");
    }
    return value;
  }

  /** A shortcode: 5 to 9 digits (PayBill, till, store; B2C shortcodes can be longer). */
  public static String shortCode(String field, String value) {
    if (value == null || !value.matches("\\d{5,9}")) {
      throw new DarajaValidationException(
          field, "'" + value + "' is not a shortcode: expected 5 to 9 digits, e.g. 174379");
    }
    return value;
  }

  /**
   * A callback URL Daraja will accept: absolute http(s), a host, no whitespace; HTTPS in
   * production.
   */
  public static URI callbackUrl(String field, String value, boolean production) {
    if (value == null || value.isBlank()) {
      throw new DarajaValidationException(
          field, "is required: an absolute https URL Daraja can reach");
    }
    if (value.chars().anyMatch(Character::isWhitespace)) {
      throw new DarajaValidationException(field, "'" + value + "' contains whitespace");
    }
    URI uri;
    try {
      uri = new URI(value);
    } catch (URISyntaxException e) {
      throw new DarajaValidationException(field, "'" + value + "' is not a URL: " + e.getReason());
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!uri.isAbsolute()
        || uri.getHost() == null
        || !(scheme.equals("http") || scheme.equals("https"))) {
      throw new DarajaValidationException(
          field,
          "'" + value + "' must be an absolute http(s) URL such as https://example.com/mpesa");
    }
    if (production && !scheme.equals("https")) {
      throw new DarajaValidationException(
          field, "'" + value + "' must use https in production (Daraja refuses plain http)");
    }
    return uri;
  }
}
