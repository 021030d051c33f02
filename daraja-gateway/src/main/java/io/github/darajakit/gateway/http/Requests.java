package io.github.darajakit.gateway.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.darajakit.gateway.core.GatewayError;
import io.github.darajakit.gateway.core.Json;
import java.math.BigInteger;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * How every route of the merchant API reads its request and writes its lists, so that all of them
 * refuse the same mistakes with the same words: unknown fields, missing or mistyped ones, control
 * characters, amounts that are not whole shillings, bad cursors and limits.
 */
public final class Requests {

  private static final int DEFAULT_LIMIT = 20;
  private static final int MAX_LIMIT = 100;
  private static final int MAX_METADATA_KEYS = 20;
  private static final int MAX_METADATA_VALUE = 500;

  /** Digits with an optional sign, as an amount in whole shillings is written in CSV. */
  private static final Pattern WHOLE_NUMBER = Pattern.compile("[+-]?[0-9]+");

  private Requests() {}

  /** The request's Idempotency-Key within its API key's space, or {@code null}. */
  public static String idempotencyScope(HttpCall call) {
    String key = call.header("Idempotency-Key");
    return key == null ? null : call.apiKeyId() + "/" + key;
  }

  /** A page of a list: {@code rows} holds one more than {@code limit} when there are more. */
  public static <T> Reply list(String url, List<T> rows, int limit, Function<T, ObjectNode> json) {
    boolean more = rows.size() > limit;
    ArrayNode data = Json.array();
    rows.stream().limit(limit).forEach(r -> data.add(json.apply(r)));
    ObjectNode node = Json.object();
    node.put("object", "list").put("url", url).put("has_more", more);
    node.set("data", data);
    return Reply.json(200, node);
  }

  /**
   * The {@code starting_after} cursor, if given: the id of an object on an earlier page. One that
   * names nothing is an error, not an empty page that looks like the end of the list.
   */
  public static String cursor(HttpCall call, java.util.function.Predicate<String> exists) {
    String id = call.query("starting_after");
    if (id != null && !exists.test(id)) {
      throw ApiError.invalid(
          "starting_after", "starting_after must be the id of an item on the previous page: " + id);
    }
    return id;
  }

  public static int limit(HttpCall call) {
    String text = call.query("limit");
    if (text == null) {
      return DEFAULT_LIMIT;
    }
    try {
      int limit = Integer.parseInt(text);
      if (limit >= 1 && limit <= MAX_LIMIT) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // falls through to the error
    }
    throw ApiError.invalid(
        "limit", "limit must be a whole number from 1 to " + MAX_LIMIT + ", got '" + text + "'");
  }

  /** The latest instant taken: the end of year 9999, where ISO-8601 instants end for most tools. */
  private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

  public static Long createdAfter(HttpCall call) {
    String text = call.query("created_after");
    return text == null ? null : instant("created_after", text);
  }

  /**
   * An instant given as ISO-8601 ({@code 2026-11-28T09:00:00Z}) or unix seconds, as epoch ms.
   *
   * @throws ApiError 400 naming {@code param} for anything else, or outside 1970 to 9999
   */
  public static long instant(String param, String text) {
    Instant instant;
    try {
      instant = Instant.parse(text);
    } catch (DateTimeParseException e) {
      try {
        long seconds = Long.parseLong(text);
        instant =
            seconds < 0 || seconds > LATEST.getEpochSecond()
                ? null
                : Instant.ofEpochSecond(seconds);
      } catch (NumberFormatException again) {
        instant = null;
      }
    }
    if (instant == null || instant.isBefore(Instant.EPOCH) || instant.isAfter(LATEST)) {
      throw ApiError.invalid(
          param,
          param
              + " must be an ISO-8601 instant (2026-11-28T09:00:00Z) or unix seconds, from"
              + " 1970 to 9999, got '"
              + GatewayError.printable(text)
              + "'");
    }
    return instant.toEpochMilli();
  }

  /** A true/false query parameter; absent is false. */
  public static boolean flag(HttpCall call, String name) {
    String text = call.query(name);
    if (text == null || text.equals("false")) {
      return false;
    }
    if (text.equals("true")) {
      return true;
    }
    throw ApiError.invalid(name, name + " must be true or false, got '" + text + "'");
  }

  public static void allowOnly(JsonNode body, Set<String> allowed) {
    allowOnly(body, allowed, null);
  }

  /**
   * Refuses a field not in {@code allowed}; {@code where} (e.g. "row 3") says which object of a
   * list, and makes the list's name the param.
   */
  public static void allowOnly(JsonNode body, Set<String> allowed, String where) {
    Iterator<String> names = body.fieldNames();
    while (names.hasNext()) {
      String name = GatewayError.printable(names.next());
      if (!allowed.contains(name)) {
        throw ApiError.invalid(
            where == null ? name : "items",
            (where == null ? "" : where + ": ")
                + "unknown parameter '"
                + name
                + "'; allowed: "
                + allowed.stream().sorted().toList());
      }
    }
  }

  public static String requiredText(JsonNode body, String field, String what) {
    JsonNode node = body.get(field);
    if (node == null || node.isNull()) {
      throw ApiError.invalid(field, field + " is required: " + what);
    }
    if (!node.isTextual()) {
      throw ApiError.invalid(field, field + " must be a string: " + what);
    }
    return printableText(field, field, node.textValue());
  }

  /** An optional string field: {@code null} when absent or null, else as {@link #requiredText}. */
  public static String optionalText(JsonNode body, String field, String what) {
    return body.hasNonNull(field) ? requiredText(body, field, what) : null;
  }

  /**
   * Text without control characters: none belongs in a name, a remark or an id, Daraja's fields
   * refuse them, and PostgreSQL cannot store a NUL at all.
   */
  public static String printableText(String param, String field, String text) {
    for (int i = 0; i < text.length(); i++) {
      if (Character.isISOControl(text.charAt(i))) {
        throw ApiError.invalid(
            param,
            field
                + " holds a control character (U+"
                + String.format("%04X", (int) text.charAt(i))
                + " at position "
                + (i + 1)
                + "): send printable text");
      }
    }
    return text;
  }

  /**
   * The body's {@code field}: an amount in whole Kenyan shillings.
   *
   * @throws GatewayError.Invalid naming the field, as {@link #wholeKes(String, JsonNode)} says
   */
  public static long wholeKes(JsonNode body, String field) {
    return wholeKes(field, body.get(field));
  }

  /**
   * An amount in whole Kenyan shillings from a JSON value ({@code null} if absent). Whether it fits
   * the API it is for (STK takes KES 1 to 250,000, say) is the SDK's request builders' to say.
   *
   * @throws GatewayError.Invalid naming {@code field}: absent, not a whole number (a fraction, a
   *     string), or an integer so large (or negative) no M-Pesa amount comes near it
   */
  public static long wholeKes(String field, JsonNode value) {
    if (value == null || value.isNull()) {
      throw amountRequired(field);
    }
    if (!value.isIntegralNumber()) {
      throw notWholeShillings(field, value.toString());
    }
    if (!value.canConvertToLong()) {
      throw beyondAnyAmount(field, value.bigIntegerValue());
    }
    return value.longValue();
  }

  /**
   * An amount in whole Kenyan shillings from text, a CSV cell ({@code null} or blank if empty).
   *
   * @throws GatewayError.Invalid as {@link #wholeKes(String, JsonNode)} does
   */
  public static long wholeKes(String field, String text) {
    if (text == null || text.isBlank()) {
      throw amountRequired(field);
    }
    String written = text.strip();
    if (!WHOLE_NUMBER.matcher(written).matches()) {
      throw notWholeShillings(field, written);
    }
    try {
      return Long.parseLong(written);
    } catch (NumberFormatException tooManyDigits) {
      throw beyondAnyAmount(field, new BigInteger(written));
    }
  }

  private static GatewayError.Invalid amountRequired(String field) {
    return GatewayError.invalid(field, field + " is required: whole Kenyan shillings, e.g. 150");
  }

  private static GatewayError.Invalid notWholeShillings(String field, String written) {
    return GatewayError.invalid(
        field, field + " must be a whole number of Kenyan shillings (e.g. 150), got " + written);
  }

  /** Past what a {@code long} holds: saying "not a whole number" of an integer would mislead. */
  private static GatewayError.Invalid beyondAnyAmount(String field, BigInteger amount) {
    return GatewayError.invalid(
        field,
        field
            + " "
            + amount
            + (amount.signum() > 0
                ? " is too large: no M-Pesa amount comes near it; send whole Kenyan shillings,"
                    + " e.g. 150"
                : " is outside the range of any M-Pesa amount: send whole Kenyan shillings from"
                    + " 1, e.g. 150"));
  }

  public static JsonNode metadata(JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isObject()) {
      throw ApiError.invalid("metadata", "metadata must be an object of string values");
    }
    if (node.size() > MAX_METADATA_KEYS) {
      throw ApiError.invalid("metadata", "metadata has at most " + MAX_METADATA_KEYS + " keys");
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      printableText("metadata", "a metadata key", e.getKey());
      if (e.getValue().isTextual()) {
        printableText("metadata", "metadata." + e.getKey(), e.getValue().textValue());
      }
      if (!e.getValue().isTextual() || e.getValue().textValue().length() > MAX_METADATA_VALUE) {
        throw ApiError.invalid(
            "metadata",
            "metadata."
                + e.getKey()
                + " must be a string of at most "
                + MAX_METADATA_VALUE
                + " characters");
      }
    }
    return node;
  }
}
