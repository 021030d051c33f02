package io.github.darajakit.gateway.callbacks;

import io.github.darajakit.client.DarajaValidationException;
import io.github.darajakit.client.Msisdn;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Checks the phone a callback says paid against the phone we asked to pay, in every form Daraja
 * sends it: a plain MSISDN ({@code 254708374149}, as a number or text), a masked one ({@code 2547
 * ***** 149}, {@code 25470****149}) whose visible digits must be ours, or the SHA-256 hex of the
 * MSISDN (REFERENCE §5: C2B v1). Anything else — missing, malformed, another number — is not
 * evidence of our payment.
 */
public final class PhoneEvidence {

  private static final Pattern HASH = Pattern.compile("[0-9a-fA-F]{64}");
  private static final Pattern MASKED = Pattern.compile("([0-9]*)\\*+([0-9]*)");

  private PhoneEvidence() {}

  /**
   * What is wrong with {@code sent} as the phone that paid, if anything.
   *
   * @param sent the phone as the callback gives it ({@code ""} if absent)
   * @param expected the MSISDN we prompted, {@code 2547XXXXXXXX}
   * @return empty if it is our phone in one of Daraja's forms; else a sentence saying why not, with
   *     the number masked
   */
  public static Optional<String> problem(String sent, String expected) {
    String compact = sent == null ? "" : sent.replace(" ", "");
    if (compact.isEmpty()) {
      return Optional.of("no PhoneNumber");
    }
    if (HASH.matcher(compact).matches()) {
      return sha256(expected).equals(compact.toLowerCase(Locale.ROOT))
          ? Optional.empty()
          : Optional.of("a hashed phone that is not the one prompted");
    }
    var masked = MASKED.matcher(compact);
    if (masked.matches()) {
      String head = masked.group(1);
      String tail = masked.group(2);
      boolean ours =
          tail.length() >= 3
              && head.length() + tail.length() >= 6
              && compact.length() <= expected.length()
              && expected.startsWith(head)
              && expected.endsWith(tail);
      return ours ? Optional.empty() : Optional.of("a masked phone that is not the one prompted");
    }
    try {
      Msisdn paid = Msisdn.parse("PhoneNumber", compact);
      return paid.value().equals(expected)
          ? Optional.empty()
          : Optional.of("phone " + paid.masked() + " instead of the one prompted");
    } catch (DarajaValidationException notAPhone) {
      return Optional.of("a PhoneNumber that is not a Kenyan mobile number");
    }
  }

  /**
   * A phone (or shortcode) fit for a message a person reads: a Kenyan mobile number masked as
   * {@link Msisdn#masked()} does, anything else as it is.
   */
  public static String masked(String number) {
    try {
      return Msisdn.parse("phone", number).masked();
    } catch (DarajaValidationException notAPhone) {
      return number;
    }
  }

  private static String sha256(String msisdn) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(msisdn.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
