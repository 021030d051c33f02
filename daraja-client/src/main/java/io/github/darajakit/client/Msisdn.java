package io.github.darajakit.client;

import java.util.Objects;

/**
 * A Kenyan mobile number in Daraja's form, {@code 2547XXXXXXXX} or {@code 2541XXXXXXXX}.
 *
 * <pre>{@code
 * Msisdn.parse("0712 345-678").value(); // "254712345678"
 * Msisdn.parse("+254 112 345 678");     // "254112345678"
 * }</pre>
 */
public final class Msisdn {

  /** What every error says, so a missing number is as easy to fix as a wrong one. */
  private static final String FORMS =
      "expected 07XXXXXXXX, 01XXXXXXXX, +2547XXXXXXXX or 2547XXXXXXXX";

  private final String value;

  private Msisdn(String value) {
    this.value = value;
  }

  /**
   * Normalises {@code 07…}, {@code 01…}, {@code +254…}, {@code 254…}, {@code 7…} and {@code 1…},
   * ignoring spaces, dashes, dots and brackets.
   *
   * @throws DarajaValidationException naming the field {@code phone} if it is not a Kenyan mobile
   *     number
   */
  public static Msisdn parse(String text) {
    return parse("phone", text);
  }

  /** {@link #parse(String)}, reporting errors against {@code field}. */
  public static Msisdn parse(String field, String text) {
    if (text == null || text.isBlank()) {
      throw new DarajaValidationException(field, "is required: a Kenyan mobile number, " + FORMS);
    }
    // A plus sign only ever introduces the country code: "+0712…" is not a number anyone dials.
    String trimmed = text.strip();
    if (trimmed.startsWith("+") && !trimmed.substring(1).stripLeading().startsWith("254")) {
      throw invalid(field, text);
    }
    StringBuilder digits = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= '0' && c <= '9') {
        digits.append(c);
      } else if (c == '+' && digits.isEmpty() && i == text.indexOf('+')) {
        continue;
      } else if (c != ' ' && c != '-' && c != '.' && c != '(' && c != ')') {
        throw invalid(field, text);
      }
    }
    String d = digits.toString();
    String national;
    if (d.length() == 12 && d.startsWith("254")) {
      national = d.substring(3);
    } else if (d.length() == 10 && d.startsWith("0")) {
      national = d.substring(1);
    } else if (d.length() == 9) {
      national = d;
    } else {
      throw invalid(field, text);
    }
    if (national.charAt(0) != '7' && national.charAt(0) != '1') {
      throw invalid(field, text);
    }
    return new Msisdn("254" + national);
  }

  /** {@code 2547XXXXXXXX}: the form Daraja expects. */
  public String value() {
    return value;
  }

  /** {@code 07XXXXXXXX}: the form people write. */
  public String local() {
    return "0" + value.substring(3);
  }

  /** {@code 2547****5678}: safe for logs. */
  public String masked() {
    return value.substring(0, 4) + "****" + value.substring(8);
  }

  private static DarajaValidationException invalid(String field, String text) {
    return new DarajaValidationException(
        field, "'" + text + "' is not a Kenyan mobile number: " + FORMS);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Msisdn other && value.equals(other.value);
  }

  @Override
  public int hashCode() {
    return Objects.hash(value);
  }

  /** The masked form: an MSISDN printed by accident never lands in a log in full. */
  @Override
  public String toString() {
    return masked();
  }
}
