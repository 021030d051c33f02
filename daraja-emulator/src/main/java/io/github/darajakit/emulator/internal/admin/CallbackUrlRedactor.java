package io.github.darajakit.emulator.internal.admin;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Masks what may be a secret in a callback URL a client gave, for admin answers ({@code
 * admin.redactCallbackUrls}).
 *
 * <p>Merchants authenticate Daraja's callbacks by an unguessable URL: DarajaKit's gateway puts a
 * secret path segment in {@code /daraja/<secret>/stk}, others use a token in the query. So only
 * what cannot be a secret stays: scheme, host, port, and path segments made of common callback
 * words ({@code daraja}, {@code stk}, {@code c2b}, {@code result}…). Every other segment, the
 * query, the fragment and any user info become {@code ***}. A developer still sees where each
 * callback went and which kind it was; nobody learns the secret, whatever segment holds it.
 */
final class CallbackUrlRedactor {

  static final String MASK = "***";

  /**
   * Words that name a callback's purpose in merchants' URLs; a segment made only of these (joined
   * by {@code -}, {@code _} or {@code .}) is shown. A word list, not a guess at what looks random:
   * a secret is never one of these words.
   */
  private static final Set<String> CALLBACK_WORDS =
      Set.of(
          """
          api mpesa daraja safaricom callback callbacks webhook webhooks hook hooks notify
          notification notifications stk stkpush push lnm express c2b b2c b2b b2pochi pochi tax
          validation validate confirmation confirm result results timeout queue queuetimeout
          status balance reversal reversals transaction transactions payment payments payout
          payouts pull qr php"""
              .strip()
              .split("\\s+"));

  private static final Pattern VERSION = Pattern.compile("v\\d{1,2}");
  private static final Pattern WORD_SEPARATORS = Pattern.compile("[-_.]");

  private CallbackUrlRedactor() {}

  /** The URL with every part that may be a secret replaced by {@code ***}. */
  static String redact(String url) {
    return url == null || url.isEmpty() ? url : Parts.of(url).redacted();
  }

  /**
   * Free text about a delivery to {@code url} (an error message, the receiver's answer) with that
   * URL redacted and every masked part of it removed wherever else it appears: a receiver's 404
   * page may quote the path it did not find.
   */
  static String scrub(String text, String url) {
    if (text == null || text.isEmpty() || url == null || url.isEmpty()) {
      return text;
    }
    Parts parts = Parts.of(url);
    String scrubbed = text.replace(url, parts.redacted());
    List<String> secrets = new ArrayList<>(parts.masked);
    // Longest first, so a secret that contains a shorter one is masked whole.
    secrets.sort(Comparator.comparingInt(String::length).reversed());
    for (String secret : secrets) {
      scrubbed = scrubbed.replace(secret, MASK);
    }
    return scrubbed;
  }

  private static boolean isCallbackWord(String segment) {
    String lower = segment.toLowerCase(Locale.ROOT);
    if (lower.isEmpty()) {
      return false;
    }
    for (String word : WORD_SEPARATORS.split(lower, -1)) {
      if (!CALLBACK_WORDS.contains(word) && !VERSION.matcher(word).matches()) {
        return false;
      }
    }
    return true;
  }

  /** A URL split by hand, so that even one {@link java.net.URI} refuses is redacted. */
  private static final class Parts {
    private final StringBuilder redacted = new StringBuilder();
    private final List<String> masked = new ArrayList<>();

    static Parts of(String url) {
      Parts parts = new Parts();
      int schemeEnd = url.indexOf("://");
      if (schemeEnd < 0) {
        // Not a URL we can take apart: show none of it.
        parts.mask(url);
        return parts;
      }
      String rest = url.substring(schemeEnd + 3);
      int authorityEnd = firstOf(rest, "/?#");
      String authority = rest.substring(0, authorityEnd);
      parts.redacted.append(url, 0, schemeEnd + 3);
      int at = authority.lastIndexOf('@');
      if (at >= 0) {
        parts.mask(authority.substring(0, at));
        parts.redacted.append('@');
      }
      parts.redacted.append(authority.substring(at + 1));

      String remainder = rest.substring(authorityEnd);
      int pathEnd = firstOf(remainder, "?#");
      String path = remainder.substring(0, pathEnd);
      String[] segments = path.split("/", -1);
      for (int i = 0; i < segments.length; i++) {
        if (i > 0) {
          parts.redacted.append('/');
        }
        String segment = segments[i];
        if (segment.isEmpty() || isCallbackWord(segment)) {
          parts.redacted.append(segment);
        } else {
          parts.mask(segment);
        }
      }
      String tail = remainder.substring(pathEnd);
      if (!tail.isEmpty()) {
        parts.redacted.append(tail.charAt(0));
        parts.mask(tail.substring(1));
        // Text may quote one parameter's value without the rest of the query.
        for (String parameter : tail.substring(1).split("[&#;]")) {
          parts.masked(parameter.substring(parameter.indexOf('=') + 1));
        }
      }
      return parts;
    }

    /** Shows {@code ***} in place of {@code secret}, and remembers it for {@link #scrub}. */
    private void mask(String secret) {
      redacted.append(MASK);
      masked(secret);
    }

    /** Remembers a secret, as written and percent-decoded, for {@link #scrub}. */
    private void masked(String secret) {
      if (!secret.isEmpty()) {
        masked.add(secret);
        String decoded = decode(secret);
        if (!decoded.equals(secret) && !decoded.isEmpty()) {
          masked.add(decoded);
        }
      }
    }

    String redacted() {
      return redacted.toString();
    }

    private static int firstOf(String text, String characters) {
      for (int i = 0; i < text.length(); i++) {
        if (characters.indexOf(text.charAt(i)) >= 0) {
          return i;
        }
      }
      return text.length();
    }

    private static String decode(String text) {
      try {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
      } catch (IllegalArgumentException malformed) {
        return text;
      }
    }
  }
}
