package io.github.darajakit.client.callbacks;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.github.darajakit.client.DarajaCallbackParseException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads one callback body with Daraja's tolerances (REFERENCE §22b): a value may be a number or a
 * string, a list may be an object or an array, keys may differ in case or spacing. Every failure
 * becomes a {@link DarajaCallbackParseException} that keeps the raw body and never quotes it: a
 * body carries phone numbers and names.
 */
final class CallbackReader {

  /** Callbacks are shallow; anything deeper is not Daraja's. */
  static final int MAX_DEPTH = 32;

  private static final int MAX_NUMBER_DIGITS = 64;
  private static final int MAX_SCALE = 12;
  private static final int MAX_INTEGER_DIGITS = 20;

  private static final ObjectMapper MAPPER =
      JsonMapper.builder(
              JsonFactory.builder()
                  .streamReadConstraints(
                      StreamReadConstraints.builder()
                          .maxNestingDepth(MAX_DEPTH)
                          .maxNumberLength(MAX_NUMBER_DIGITS)
                          .maxStringLength(1 << 20)
                          .build())
                  .build())
          .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
          // Two bodies glued together (seen in published dumps) are not one callback.
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private static final Pattern DECIMAL = Pattern.compile("[-+]?\\d+(\\.\\d*)?");
  private static final Pattern DIGITS_14 = Pattern.compile("\\d{14}");
  private static final DateTimeFormatter COMPACT =
      DateTimeFormatter.ofPattern("uuuuMMddHHmmss", Locale.ROOT)
          .withResolverStyle(ResolverStyle.STRICT);
  private static final DateTimeFormatter DOTTED =
      DateTimeFormatter.ofPattern("dd.MM.uuuu HH:mm:ss", Locale.ROOT)
          .withResolverStyle(ResolverStyle.STRICT);

  private final String raw;

  CallbackReader(String raw) {
    this.raw = raw == null ? "" : raw;
  }

  /** The body exactly as received. */
  String raw() {
    return raw;
  }

  /** A parse failure of this body. */
  DarajaCallbackParseException fail(String message) {
    return new DarajaCallbackParseException(message, raw, null);
  }

  /** The body as a JSON tree. */
  JsonNode tree(String what) {
    if (raw.isBlank()) {
      throw fail(what + " body is empty: expected a JSON object");
    }
    try {
      JsonNode node = MAPPER.readTree(stripBom(raw));
      if (node == null || node.isMissingNode()) {
        throw fail(what + " body is empty: expected a JSON object");
      }
      return node;
    } catch (StreamConstraintsException e) {
      // Jackson's constraint messages name the limit, not the content.
      throw new DarajaCallbackParseException(
          what + " body is not a Daraja callback: " + e.getOriginalMessage(), raw, e);
    } catch (JsonProcessingException e) {
      // Never echo Jackson's message: it quotes the offending token, which may be personal data.
      JsonLocation at = e.getLocation();
      String where =
          at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
      throw new DarajaCallbackParseException(
          what + " body is not valid JSON" + where + ": Daraja posts a JSON object", raw, e);
    }
  }

  /** The body as a JSON object. */
  JsonNode object(String what) {
    JsonNode node = tree(what);
    if (!node.isObject()) {
      throw fail(
          what
              + " body is a JSON "
              + kind(node)
              + ", not an object: Daraja callbacks are JSON objects");
    }
    return node;
  }

  private static String stripBom(String text) {
    return !text.isEmpty() && text.charAt(0) == '\uFEFF' ? text.substring(1) : text;
  }

  /**
   * The member of {@code object} named like one of {@code names}: exactly, else ignoring case,
   * spaces and underscores ({@code "Conversation ID"}, {@code "stkcallback"}). Missing node if
   * none.
   */
  static JsonNode member(JsonNode object, String... names) {
    if (object == null || !object.isObject()) {
      return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }
    for (String name : names) {
      JsonNode exact = object.get(name);
      if (exact != null) {
        return exact;
      }
    }
    for (String name : names) {
      String wanted = fold(name);
      Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        if (fold(field.getKey()).equals(wanted)) {
          return field.getValue();
        }
      }
    }
    return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
  }

  /** True if {@code object} has a member named like one of {@code names}. */
  static boolean has(JsonNode object, String... names) {
    return !member(object, names).isMissingNode();
  }

  /** Case, spaces and underscores do not distinguish Daraja keys. */
  static String fold(String key) {
    StringBuilder folded = new StringBuilder(key.length());
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (c != ' ' && c != '_') {
        folded.append(Character.toLowerCase(c));
      }
    }
    return folded.toString();
  }

  /**
   * A scalar as text: strings as they are, numbers exactly as written (never through {@code
   * double}), booleans as {@code true}/{@code false}. Missing and {@code null} give {@code ""}.
   */
  String scalar(JsonNode node, String path) {
    if (node == null || node.isMissingNode() || node.isNull()) {
      return "";
    }
    if (node.isTextual()) {
      return node.textValue();
    }
    if (node.isNumber()) {
      return number(node, path);
    }
    if (node.isBoolean()) {
      return Boolean.toString(node.booleanValue());
    }
    throw fail(path + " is a JSON " + kind(node) + ": expected a number or a string");
  }

  /** Text for a parameter value: a scalar, or the compact JSON of anything nested. */
  String value(JsonNode node, String path) {
    if (node != null && (node.isObject() || node.isArray())) {
      return node.toString();
    }
    return scalar(node, path);
  }

  /** A required identifier or code: a non-blank string or number. */
  String required(JsonNode node, String path, String why) {
    if (node == null || node.isMissingNode() || node.isNull()) {
      throw fail("missing " + path + ": " + why);
    }
    if (!node.isTextual() && !node.isNumber()) {
      throw fail(path + " is a JSON " + kind(node) + ": expected a string or a number");
    }
    String text = scalar(node, path).strip();
    if (text.isEmpty()) {
      throw fail("blank " + path + ": " + why);
    }
    return text;
  }

  /**
   * A result code as text: {@code 0}, {@code "0"} and {@code 0.0} are all {@code "0"}, so the
   * catalogue finds it.
   */
  String code(JsonNode node, String path, String why) {
    if (node != null && node.isNumber() && !node.isIntegralNumber()) {
      BigDecimal decimal = node.decimalValue();
      if (Math.abs((long) decimal.scale()) <= MAX_SCALE) {
        BigDecimal stripped = decimal.stripTrailingZeros();
        if (stripped.scale() <= 0) {
          return stripped.toBigInteger().toString();
        }
      }
    }
    return required(node, path, why);
  }

  private String number(JsonNode node, String path) {
    if (node.isIntegralNumber()) {
      return node.bigIntegerValue().toString();
    }
    BigDecimal decimal = node.decimalValue();
    // 1e999999999 is a short literal with a billion-digit plain form: refuse it before printing.
    if (decimal.scale() < -MAX_INTEGER_DIGITS || decimal.scale() > MAX_NUMBER_DIGITS) {
      throw fail(path + " is a number out of any Daraja range");
    }
    return decimal.toPlainString();
  }

  /**
   * An amount, exact: {@code 1.00}, {@code "5.00"}, {@code "10"}, {@code 8000}. At least two
   * decimals (cents), never rounded.
   */
  BigDecimal amount(JsonNode node, String path) {
    BigDecimal amount;
    if (node != null && node.isNumber()) {
      amount = node.isIntegralNumber() ? new BigDecimal(node.bigIntegerValue()) : decimal(node);
    } else {
      return amount(scalar(node, path), path);
    }
    return cents(amount, path);
  }

  /** {@link #amount} from text already extracted (e.g. a pipe-separated field). */
  BigDecimal amount(String text, String path) {
    String trimmed = text.strip();
    if (!DECIMAL.matcher(trimmed).matches()) {
      throw fail(path + " is not an amount: expected digits with an optional decimal part");
    }
    if (trimmed.length() > MAX_INTEGER_DIGITS + MAX_SCALE + 2) {
      throw fail(path + " is out of any Daraja amount range");
    }
    return cents(new BigDecimal(trimmed), path);
  }

  /** An amount if the text is one, else empty; for fields whose format Daraja never fixed. */
  static Optional<BigDecimal> amountIfAny(String text) {
    String trimmed = text.strip();
    if (!DECIMAL.matcher(trimmed).matches() || trimmed.length() > MAX_INTEGER_DIGITS) {
      return Optional.empty();
    }
    BigDecimal amount = new BigDecimal(trimmed);
    return Optional.of(amount.scale() < 2 ? amount.setScale(2, RoundingMode.UNNECESSARY) : amount);
  }

  private BigDecimal decimal(JsonNode node) {
    BigDecimal decimal = node.decimalValue();
    if (decimal.scale() < -MAX_INTEGER_DIGITS || decimal.scale() > MAX_SCALE) {
      throw fail("a number is out of any Daraja range");
    }
    return decimal;
  }

  private BigDecimal cents(BigDecimal amount, String path) {
    if (amount.scale() > MAX_SCALE || amount.precision() - amount.scale() > MAX_INTEGER_DIGITS) {
      throw fail(path + " is out of any Daraja amount range");
    }
    return amount.scale() < 2 ? amount.setScale(2, RoundingMode.UNNECESSARY) : amount;
  }

  /**
   * A Daraja time: {@code 20191219102115} (number or string) or {@code 17.07.2017 10:54:57}. Both
   * are East Africa Time wall-clock times.
   */
  LocalDateTime time(JsonNode node, String path) {
    String text = scalar(node, path).strip();
    return time(text, path);
  }

  /** {@link #time(JsonNode, String)} from text. */
  LocalDateTime time(String text, String path) {
    try {
      if (DIGITS_14.matcher(text).matches()) {
        return LocalDateTime.parse(text, COMPACT);
      }
      if (text.length() == 19 && text.charAt(2) == '.') {
        return LocalDateTime.parse(text, DOTTED);
      }
    } catch (DateTimeParseException e) {
      throw new DarajaCallbackParseException(
          path + " is not a valid date-time: " + e.getMessage(), raw, e);
    }
    throw fail(path + " is not a time: expected yyyyMMddHHmmss or dd.MM.yyyy HH:mm:ss");
  }

  /**
   * A Daraja list that may be one object or an array of objects ({@code ResultParameter}, {@code
   * ReferenceItem}, {@code Item}). Missing or {@code null} is empty.
   */
  List<JsonNode> list(JsonNode node, String path) {
    if (node == null || node.isMissingNode() || node.isNull()) {
      return List.of();
    }
    if (node.isObject()) {
      return List.of(node);
    }
    if (node.isArray()) {
      List<JsonNode> items = new ArrayList<>(node.size());
      for (int i = 0; i < node.size(); i++) {
        JsonNode item = node.get(i);
        if (!item.isObject()) {
          throw fail(path + "[" + i + "] is a JSON " + kind(item) + ": expected an object");
        }
        items.add(item);
      }
      return items;
    }
    throw fail(path + " is a JSON " + kind(node) + ": expected an object or an array of objects");
  }

  /**
   * {@code [{"Key":k,"Value":v}…]} (or {@code Name}/{@code Value}) as an ordered map. A value-less
   * item maps to {@code ""}; of repeated keys the first wins (the portal's status sample repeats
   * {@code DebitPartyName} where it means the credit party).
   */
  Map<String, String> keyValues(JsonNode node, String path, String keyName) {
    Map<String, String> values = new LinkedHashMap<>();
    List<JsonNode> items = list(node, path);
    for (int i = 0; i < items.size(); i++) {
      JsonNode item = items.get(i);
      String itemPath = path + "[" + i + "]";
      JsonNode key = member(item, keyName);
      if (!key.isTextual() || key.textValue().isBlank()) {
        throw fail(itemPath + " has no " + keyName + ": expected {\"" + keyName + "\":…}");
      }
      values.putIfAbsent(
          key.textValue().strip(), value(member(item, "Value"), itemPath + "." + "Value"));
    }
    return Collections.unmodifiableMap(values);
  }

  /** The parameter named like {@code names}, matched as {@link #member} matches keys. */
  static Optional<String> lookup(Map<String, String> parameters, String... names) {
    for (String name : names) {
      String exact = parameters.get(name);
      if (exact != null) {
        return Optional.of(exact);
      }
    }
    for (String name : names) {
      String wanted = fold(name);
      for (Map.Entry<String, String> entry : parameters.entrySet()) {
        if (fold(entry.getKey()).equals(wanted)) {
          return Optional.of(entry.getValue());
        }
      }
    }
    return Optional.empty();
  }

  /** A non-blank parameter, stripped. */
  static Optional<String> present(Map<String, String> parameters, String... names) {
    return lookup(parameters, names).map(String::strip).filter(s -> !s.isEmpty());
  }

  /** A present parameter as an amount. */
  Optional<BigDecimal> amountParameter(Map<String, String> parameters, String name) {
    return present(parameters, name).map(text -> amount(text, name));
  }

  /** A present parameter as a time. */
  Optional<LocalDateTime> timeParameter(Map<String, String> parameters, String name) {
    return present(parameters, name).map(text -> time(text, name));
  }

  static String kind(JsonNode node) {
    return switch (node.getNodeType()) {
      case ARRAY -> "array";
      case OBJECT, POJO -> "object";
      case STRING -> "string";
      case NUMBER -> "number";
      case BOOLEAN -> "boolean";
      case NULL -> "null";
      case BINARY -> "binary value";
      case MISSING -> "nothing";
    };
  }
}
