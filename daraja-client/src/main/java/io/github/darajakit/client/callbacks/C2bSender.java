package io.github.darajakit.client.callbacks;

import io.github.darajakit.client.DarajaValidationException;
import io.github.darajakit.client.Msisdn;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Who paid, as much as a C2B callback's {@code MSISDN} field says (REFERENCE §5.1, §5.3): URLs
 * registered with v2 receive a masked number ({@code 2547 ***** 126}), v1 a SHA-256 hex digest, and
 * old or emulated traffic a plain number.
 *
 * <pre>{@code
 * switch (confirmation.sender()) {
 *   case C2bSender.Plain plain -> customers.byPhone(plain.msisdn());
 *   case C2bSender.Masked masked -> customers.candidates(masked);  // use couldBe(msisdn)
 *   case C2bSender.Hashed hashed -> customers.byHash(hashed.sha256Hex());
 *   case C2bSender.Unrecognised other -> review(other.text());
 * }
 * }</pre>
 */
public sealed interface C2bSender {

  /** The field exactly as Daraja sent it. */
  String text();

  /**
   * Whether this sender may be {@code msisdn}: equal for a plain number, matching every visible
   * digit for a masked one, equal digest for a hashed one.
   */
  boolean couldBe(Msisdn msisdn);

  /** Reads a C2B {@code MSISDN} field. */
  static C2bSender of(String text) {
    String value = text == null ? "" : text.strip();
    if (value.indexOf('*') >= 0) {
      return new Masked(value);
    }
    if (Hashed.HEX.matcher(value).matches()) {
      return new Hashed(value.toLowerCase(Locale.ROOT));
    }
    if (value.length() <= 20) {
      try {
        return new Plain(value, Msisdn.parse("MSISDN", value));
      } catch (DarajaValidationException notAPhone) {
        // Falls through: kept as text.
      }
    }
    return new Unrecognised(value);
  }

  /**
   * A plain number (C2B v1 in older traffic, emulators).
   *
   * @param text as sent
   * @param msisdn normalised
   */
  record Plain(String text, Msisdn msisdn) implements C2bSender {
    @Override
    public boolean couldBe(Msisdn candidate) {
      return msisdn.equals(candidate);
    }

    /** Masks the number. */
    @Override
    public String toString() {
      return "Plain[" + msisdn.masked() + "]";
    }
  }

  /**
   * A masked number from C2B v2, e.g. {@code 2547 ***** 126} or {@code 25470****149}.
   *
   * @param text as sent
   */
  record Masked(String text) implements C2bSender {
    /** The visible digits and {@code *} placeholders, spaces removed. */
    public String pattern() {
      return text.replace(" ", "");
    }

    @Override
    public boolean couldBe(Msisdn candidate) {
      String mask = pattern();
      String digits = candidate.value();
      if (mask.length() != digits.length()) {
        return false;
      }
      for (int i = 0; i < mask.length(); i++) {
        char c = mask.charAt(i);
        if (c != '*' && c != digits.charAt(i)) {
          return false;
        }
      }
      return true;
    }
  }

  /**
   * A SHA-256 hex digest from C2B v1. ⚠ Which exact text Safaricom hashes is undocumented; {@link
   * #couldBe} compares with the digest of {@code 2547XXXXXXXX}, as the DarajaKit emulator sends.
   *
   * @param sha256Hex lower-case hex
   */
  record Hashed(String sha256Hex) implements C2bSender {
    /** 64 hex digits; published samples are sometimes a few digits short, so accept from 40. */
    static final Pattern HEX = Pattern.compile("(?=.*[a-fA-F])[0-9a-fA-F]{40,64}|[0-9a-fA-F]{64}");

    @Override
    public String text() {
      return sha256Hex;
    }

    @Override
    public boolean couldBe(Msisdn candidate) {
      try {
        byte[] digest =
            MessageDigest.getInstance("SHA-256")
                .digest(candidate.value().getBytes(StandardCharsets.US_ASCII));
        return HexFormat.of().formatHex(digest).equals(sha256Hex);
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("every Java runtime has SHA-256", e);
      }
    }
  }

  /**
   * Anything else (empty, an unexpected format): kept as sent.
   *
   * @param text as sent
   */
  record Unrecognised(String text) implements C2bSender {
    @Override
    public boolean couldBe(Msisdn candidate) {
      return false;
    }
  }
}
