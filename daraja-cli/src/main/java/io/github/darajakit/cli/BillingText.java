package io.github.darajakit.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * How plans, subscriptions and invoices read in a terminal: money as {@code KES 1,500}, times in
 * East Africa Time (the zone M-Pesa and the billing calendar run on), whatever the machine's zone.
 */
final class BillingText {

  static final ZoneId EAT = ZoneId.of("Africa/Nairobi");
  private static final DateTimeFormatter MINUTE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(EAT);
  private static final Map<String, String[]> INTERVALS =
      Map.of(
          "day", new String[] {"day", "days"},
          "week", new String[] {"week", "weeks"},
          "month", new String[] {"month", "months"},
          "quarter", new String[] {"quarter", "quarters"},
          "year", new String[] {"year", "years"});

  private BillingText() {}

  static String money(JsonNode amount) {
    return amount.isMissingNode() || amount.isNull()
        ? "—"
        : String.format("KES %,d", amount.asLong());
  }

  /** An API time (ISO-8601) in East Africa Time, to the minute; "—" when there is none. */
  static String time(JsonNode value) {
    if (value.isMissingNode() || value.isNull()) {
      return "—";
    }
    try {
      return MINUTE.format(Instant.parse(value.asText())) + " EAT";
    } catch (DateTimeParseException e) {
      return value.asText();
    }
  }

  static String text(JsonNode value) {
    return value.isMissingNode() || value.isNull() ? "—" : value.asText();
  }

  /** {@code every month}, {@code every 3 months}. */
  static String every(JsonNode plan) {
    String interval = plan.path("interval").asText();
    String[] names = INTERVALS.getOrDefault(interval, new String[] {interval, interval});
    int count = plan.path("interval_count").asInt(1);
    return count > 1 ? "every " + count + " " + names[1] : "every " + names[0];
  }

  /** {@code KES 1,500 every month, after a 7-day free trial}. */
  static String price(JsonNode plan) {
    int trial = plan.path("trial_days").asInt();
    return money(plan.path("amount"))
        + " "
        + every(plan)
        + (trial > 0 ? ", after a " + trial + "-day free trial" : "");
  }

  /** A result code and its description, or null when M-Pesa has not answered. */
  static String result(JsonNode object) {
    JsonNode code = object.path("result_code");
    if (code.isMissingNode() || code.isNull()) {
      return null;
    }
    String desc = object.path("result_desc").asText("");
    return code.asText() + (desc.isEmpty() ? "" : " " + desc);
  }

  /**
   * The path of one plan, subscription or invoice; an id is checked before it goes into a URL, so a
   * typo is bad input (exit 2) rather than a request for another path.
   */
  static String objectPath(String collection, String noun, String prefix, String id) {
    if (!id.matches("[A-Za-z0-9_]{1,64}")) {
      throw new UsageException("not " + noun + " id: '" + id + "' (expected " + prefix + "…)");
    }
    return "/v1/" + collection + "/" + id;
  }

  /** The first line of a {@code show}: {@code Invoice inv_… paid}. */
  static StringBuilder heading(String kind, JsonNode object, String tail) {
    return new StringBuilder()
        .append(kind)
        .append(' ')
        .append(object.path("id").asText())
        .append("  ")
        .append(tail)
        .append('\n');
  }

  /** One labelled line of a {@code show}: {@code Phone 254708374149}. */
  static void fact(StringBuilder text, String name, String value) {
    text.append(String.format("  %-16s%s%n", name, value));
  }

  /**
   * An invoice's attempts to charge it, one line each under {@code indent}: the payment, its
   * status, M-Pesa's result and the receipt.
   */
  static void charges(StringBuilder text, JsonNode invoice, String indent) {
    if (invoice.path("charges").isEmpty()) {
      text.append('\n').append(indent).append("not charged yet");
    }
    for (JsonNode charge : invoice.path("charges")) {
      String result = result(charge);
      text.append('\n')
          .append(indent)
          .append("try ")
          .append(charge.path("attempt").asInt())
          .append("  ")
          .append(charge.path("payment").asText())
          .append("  ")
          .append(text(charge.path("status")))
          .append(result == null ? "" : "  " + result)
          .append(
              charge.path("mpesa_receipt").isTextual()
                  ? "  receipt " + charge.path("mpesa_receipt").asText()
                  : "");
    }
  }

  /** Whether the API set this field: present and not null. */
  static boolean isSet(JsonNode value) {
    return !value.isMissingNode() && !value.isNull();
  }

  /** {@code path?name=value&…}, leaving out the names whose value is null. */
  static String query(String path, String... namesAndValues) {
    StringJoiner query = new StringJoiner("&", "?", "").setEmptyValue("");
    for (int i = 0; i < namesAndValues.length; i += 2) {
      if (namesAndValues[i + 1] != null) {
        query.add(namesAndValues[i] + "=" + PayoutsCommand.Gateway.encode(namesAndValues[i + 1]));
      }
    }
    return path + query;
  }

  /**
   * Rows under a header, each column as wide as its widest cell; with a line saying how to see more
   * when the API has more.
   */
  static String table(List<String> header, List<List<String>> rows, JsonNode page, String empty) {
    if (rows.isEmpty()) {
      return empty;
    }
    List<List<String>> all = new ArrayList<>();
    all.add(header);
    all.addAll(rows);
    int[] widths = new int[header.size()];
    for (List<String> row : all) {
      for (int i = 0; i < row.size(); i++) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    StringBuilder text = new StringBuilder();
    for (List<String> row : all) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.size(); i++) {
        line.append(
            i == row.size() - 1 ? row.get(i) : String.format("%-" + widths[i] + "s  ", row.get(i)));
      }
      text.append(line.toString().stripTrailing()).append('\n');
    }
    if (page.path("has_more").asBoolean()) {
      text.append("More: add --starting-after ")
          .append(rows.get(rows.size() - 1).get(0))
          .append('\n');
    }
    return text.toString().stripTrailing();
  }
}
