package io.github.darajakit.emulator.internal.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reads and validates the fields of one Daraja request body the way Daraja's gateway does: a field
 * that is missing, of the wrong JSON type or out of format fails with {@code 400.002.02 "Bad
 * Request - Invalid <Field>"}.
 *
 * <p>Daraja sends and accepts numbers and numeric strings interchangeably (REFERENCE §1.11,
 * §22.10), so every accessor takes either; objects, arrays and booleans are always wrong.
 */
public final class Fields {

  private static final int MAX_PLAIN_EXPONENT = 64;
  private static final Pattern DIGITS = Pattern.compile("[0-9]+");
  private static final Pattern MSISDN = Pattern.compile("254[71][0-9]{8}");
  private static final Pattern LOCAL_OR_INTERNATIONAL_MSISDN =
      Pattern.compile("(?:254|0)[71][0-9]{8}");
  private static final Pattern WHOLE_AMOUNT = Pattern.compile("[0-9]+(?:\\.0+)?");
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("uuuuMMddHHmmss", Locale.ROOT)
          .withResolverStyle(ResolverStyle.STRICT);

  private final JsonNode body;

  /** Wraps a parsed body, which the caller has already checked is a JSON object. */
  public Fields(JsonNode body) {
    this.body = body;
  }

  /** True if the field is present and not JSON {@code null}. */
  public boolean has(String field) {
    JsonNode node = body.get(field);
    return node != null && !node.isNull();
  }

  /** The raw node of a field, or {@code null}. */
  public JsonNode raw(String field) {
    return body.get(field);
  }

  /** A required, non-blank scalar as text. */
  public String text(String field) {
    return text(field, field);
  }

  /** A required, non-blank scalar; failures are reported as {@code errorName}. */
  public String text(String field, String errorName) {
    String value = scalar(field, errorName);
    if (value == null || value.isBlank()) {
      throw DarajaError.invalidField(errorName);
    }
    return value;
  }

  /** A required text of at most {@code maxLength} characters. */
  public String text(String field, int maxLength) {
    return text(field, field, 1, maxLength);
  }

  /** A required text between {@code minLength} and {@code maxLength} characters. */
  public String text(String field, String errorName, int minLength, int maxLength) {
    String value = text(field, errorName);
    if (value.length() < minLength || value.length() > maxLength) {
      throw DarajaError.invalidField(errorName);
    }
    return value;
  }

  /** An optional text: {@code ""} when absent or null, invalid when too long or not a scalar. */
  public String optionalText(String field, int maxLength) {
    if (!has(field)) {
      return "";
    }
    String value = scalar(field, field);
    if (value == null || value.length() > maxLength) {
      throw DarajaError.invalidField(field);
    }
    return value;
  }

  /** A required string of digits whose length lies in the range, e.g. a shortcode. */
  public String digits(String field, int minLength, int maxLength) {
    String value = text(field);
    if (!DIGITS.matcher(value).matches()
        || value.length() < minLength
        || value.length() > maxLength) {
      throw DarajaError.invalidField(field);
    }
    return value;
  }

  /** A Kenyan MSISDN in Daraja's international form, {@code 2547XXXXXXXX} or {@code 2541…}. */
  public String msisdn(String field) {
    String value = text(field);
    if (!MSISDN.matcher(value).matches()) {
      throw DarajaError.invalidField(field);
    }
    return value;
  }

  /** An MSISDN that may also be written {@code 07…}/{@code 01…}; returned as {@code 254…}. */
  public String msisdnLenient(String field) {
    String value = text(field);
    if (!LOCAL_OR_INTERNATIONAL_MSISDN.matcher(value).matches()) {
      throw DarajaError.invalidField(field);
    }
    return value.startsWith("0") ? "254" + value.substring(1) : value;
  }

  /** A whole-KES amount of at least {@code min}; {@code 10}, {@code "10"} and {@code 10.0} pass. */
  public long wholeAmount(String field, long min) {
    JsonNode node = body.get(field);
    if (node == null || node.isNull()) {
      throw DarajaError.invalidField(field);
    }
    BigDecimal amount;
    if (node.isNumber()) {
      amount = node.decimalValue();
    } else if (node.isTextual() && WHOLE_AMOUNT.matcher(node.textValue().trim()).matches()) {
      amount = new BigDecimal(node.textValue().trim());
    } else {
      throw DarajaError.invalidField(field);
    }
    if (amount.signum() < 0
        || amount.stripTrailingZeros().scale() > 0
        || amount.compareTo(BigDecimal.valueOf(Long.MAX_VALUE / 100)) > 0) {
      throw DarajaError.invalidField(field);
    }
    long value = amount.longValueExact();
    if (value < min) {
      throw DarajaError.invalidField(field);
    }
    return value;
  }

  /** One of a fixed set of values, compared exactly (Daraja is case-sensitive). */
  public String oneOf(String field, String... allowed) {
    String value = text(field);
    if (Arrays.stream(allowed).noneMatch(value::equals)) {
      throw DarajaError.invalidField(field);
    }
    return value;
  }

  /** An absolute http(s) URL with a host and no whitespace. */
  public String url(String field) {
    String value = text(field);
    if (!isAbsoluteHttpUrl(value)) {
      throw DarajaError.invalidField(field);
    }
    return value;
  }

  /** An optional URL: {@code ""} when absent or blank. */
  public String optionalUrl(String field) {
    String value = has(field) ? scalar(field, field) : null;
    if (value == null || value.isBlank()) {
      return "";
    }
    return url(field);
  }

  /** A 14-digit {@code yyyyMMddHHmmss} that is a real date and time. */
  public LocalDateTime timestamp(String field) {
    String value = text(field);
    if (value.length() != 14 || !DIGITS.matcher(value).matches()) {
      throw DarajaError.invalidField(field);
    }
    try {
      return LocalDateTime.parse(value, TIMESTAMP);
    } catch (DateTimeParseException e) {
      throw DarajaError.invalidField(field);
    }
  }

  /** True for an absolute {@code http} or {@code https} URL with a host and no whitespace. */
  public static boolean isAbsoluteHttpUrl(String value) {
    if (value == null || value.isEmpty() || value.chars().anyMatch(Character::isWhitespace)) {
      return false;
    }
    try {
      URI uri = new URI(value);
      String scheme = uri.getScheme();
      return uri.isAbsolute()
          && ("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))
          && uri.getHost() != null
          && !uri.getHost().isEmpty();
    } catch (URISyntaxException e) {
      return false;
    }
  }

  /** A scalar as text: strings as they are, integral numbers in plain notation; else null. */
  private String scalar(String field, String errorName) {
    JsonNode node = body.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (node.isTextual()) {
      return node.textValue();
    }
    if (node.isNumber()) {
      BigDecimal decimal = node.decimalValue();
      if (Math.abs((long) decimal.scale()) > MAX_PLAIN_EXPONENT) {
        // 1e999999999 is eleven bytes of JSON but a billion digits written out.
        throw DarajaError.invalidField(errorName);
      }
      return decimal.stripTrailingZeros().scale() <= 0
          ? decimal.toBigInteger().toString()
          : decimal.toPlainString();
    }
    throw DarajaError.invalidField(errorName);
  }
}
