package io.github.darajakit.client.internal;

import io.github.darajakit.client.DarajaValidationException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Field checks shared by every request builder; each failure names the field and the fix. */
public final class Check {

  /**
   * Words Daraja refuses in C2B URLs, in any case (REFERENCE §1.5). Longer words come first so the
   * message names the most specific match ({@code exec} rather than {@code exe}).
   */
  public static final List<String> RESERVED_URL_WORDS =
      List.of("m-pesa", "mpesa", "safaricom", "exec", "exe", "cmd", "sql", "query");

  /** Longest {@code callbackToken}. */
  public static final int MAX_CALLBACK_TOKEN = 64;

  // One path segment that needs no escaping anywhere: a token must reach the callback handler
  // exactly as it was chosen.
  private static final Pattern CALLBACK_TOKEN = Pattern.compile("[A-Za-z0-9_-]+");

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

  /**
   * A caller-chosen OriginatorConversationID: 1 to {@code max} characters, no whitespace.
   *
   * @return {@code id}
   */
  public static String originatorConversationId(String id, int max) {
    if (id.isEmpty() || id.length() > max) {
      throw new DarajaValidationException(
          "originatorConversationId",
          "'"
              + id
              + "' has "
              + id.length()
              + " characters; Daraja accepts 1 to "
              + max
              + " (or leave it unset and the SDK generates one)");
    }
    if (id.chars().anyMatch(Character::isWhitespace)) {
      throw new DarajaValidationException(
          "originatorConversationId", "'" + id + "' contains whitespace");
    }
    return id;
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

  /**
   * Refuses a URL containing a word Daraja rejects in C2B URLs (M-PESA, mpesa, Safaricom, exe,
   * exec, cmd, sql, query; any case, anywhere in the URL; REFERENCE §1.5), naming the word found.
   */
  public static URI withoutReservedWords(String field, URI url) {
    String text = url.toString().toLowerCase(Locale.ROOT);
    for (String word : RESERVED_URL_WORDS) {
      if (text.contains(word)) {
        throw new DarajaValidationException(
            field,
            "'"
                + url
                + "' contains \""
                + word
                + "\", which Daraja refuses in C2B URLs (M-PESA, mpesa, Safaricom, exe, exec, cmd,"
                + " sql and query, in any case); use a neutral path such as"
                + " https://shop.example.com/payments/confirm");
      }
    }
    return url;
  }

  /**
   * An optional callback token: 1 to {@value #MAX_CALLBACK_TOKEN} letters, digits, {@code -} or
   * {@code _}; {@code null} stays {@code null}.
   */
  public static String callbackToken(String field, String token) {
    if (token == null) {
      return null;
    }
    text(field, token, 1, MAX_CALLBACK_TOKEN);
    if (!CALLBACK_TOKEN.matcher(token).matches()) {
      throw new DarajaValidationException(
          field,
          "'"
              + token
              + "' must be letters, digits, '-' or '_' only: it becomes one segment of the"
              + " callback URL's path");
    }
    return token;
  }

  /**
   * The CallBackURL Daraja is given: {@code url} with {@code token} added as the last segment of
   * its path when there is one ({@code https://shop.example.com/daraja/stk} and {@code
   * order-1042-1} give {@code https://shop.example.com/daraja/stk/order-1042-1}).
   */
  public static URI withCallbackToken(URI url, String token) {
    if (token == null) {
      return url;
    }
    String path = url.getRawPath() == null ? "" : url.getRawPath();
    String withToken = (path.endsWith("/") ? path : path + "/") + token;
    try {
      return new URI(
          url.getScheme()
              + "://"
              + url.getRawAuthority()
              + withToken
              + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery()));
    } catch (URISyntaxException e) {
      // Unreachable: a valid URL with one more segment of unreserved characters stays valid.
      throw new IllegalStateException(e);
    }
  }
}
