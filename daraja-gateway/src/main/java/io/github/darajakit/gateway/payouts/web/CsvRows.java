package io.github.darajakit.gateway.payouts.web;

import io.github.darajakit.gateway.http.ApiError;
import io.github.darajakit.gateway.http.Requests;
import io.github.darajakit.gateway.payouts.PayoutService;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Payout rows from CSV (RFC 4180: commas, double-quoted fields with {@code ""} for a quote, CRLF or
 * LF), and CSV quoting for the result report.
 */
final class CsvRows {

  private static final Set<String> COLUMNS =
      Set.of("phone", "amount", "type", "remarks", "occasion", "reference", "expected_name");

  private CsvRows() {}

  /**
   * Reads a header row and data rows. {@code reference} is another name for {@code occasion};
   * {@code type} and {@code remarks} default to the batch-wide values given.
   *
   * @return the rows, with any amount that could not be read
   * @throws ApiError if the header is missing, names an unknown column, or lacks phone or amount
   */
  static BatchRows parse(String text, String type, String remarks) {
    List<List<String>> records = records(text);
    if (records.isEmpty()) {
      throw ApiError.invalid("items", "the CSV is empty: send a header row and one row per payout");
    }
    Map<String, Integer> column = new HashMap<>();
    List<String> header = records.get(0);
    for (int i = 0; i < header.size(); i++) {
      String name = header.get(i).trim().toLowerCase(Locale.ROOT);
      if (!COLUMNS.contains(name)) {
        throw ApiError.invalid(
            "items",
            "unknown CSV column '"
                + header.get(i)
                + "'; use "
                + COLUMNS.stream().sorted().toList());
      }
      column.put(name.equals("reference") ? "occasion" : name, i);
    }
    if (!column.containsKey("phone") || !column.containsKey("amount")) {
      throw ApiError.invalid("items", "the CSV header must name the columns phone and amount");
    }
    BatchRows rows = new BatchRows();
    for (List<String> record : records.subList(1, records.size())) {
      for (String value : record) {
        // Control characters belong in no column (and PostgreSQL cannot store a NUL).
        Requests.printableText("items", "row " + rows.current(), value);
      }
      String amount = cell(record, column, "amount");
      rows.add(
          new PayoutService.NewPayout(
              cell(record, column, "phone"),
              rows.amount(() -> Requests.wholeKes("amount", amount)),
              orDefault(cell(record, column, "type"), type),
              orDefault(cell(record, column, "remarks"), remarks),
              cell(record, column, "occasion"),
              cell(record, column, "expected_name"),
              null,
              null,
              null));
    }
    return rows;
  }

  /** A value for a report cell: quoted when it holds a comma, quote or line break. */
  static String quote(String value) {
    if (value == null) {
      return "";
    }
    if (value.contains(",") || value.contains("\"") || value.contains("\n")) {
      return "\"" + value.replace("\"", "\"\"") + "\"";
    }
    return value;
  }

  private static String cell(List<String> record, Map<String, Integer> column, String name) {
    Integer i = column.get(name);
    if (i == null || i >= record.size() || record.get(i).isBlank()) {
      return null;
    }
    return record.get(i).trim();
  }

  private static String orDefault(String value, String fallback) {
    return value == null ? fallback : value;
  }

  private static List<List<String>> records(String text) {
    List<List<String>> records = new ArrayList<>();
    List<String> record = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    boolean any = false;
    for (int i = 0; i < text.length(); i++) {
      char ch = text.charAt(i);
      if (quoted) {
        if (ch == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (ch == '"') {
          quoted = false;
        } else {
          field.append(ch);
        }
      } else if (ch == '"') {
        quoted = true;
        any = true;
      } else if (ch == ',') {
        record.add(field.toString());
        field.setLength(0);
        any = true;
      } else if (ch == '\n' || ch == '\r') {
        if (ch == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
          i++;
        }
        if (any || field.length() > 0) {
          record.add(field.toString());
          records.add(record);
        }
        record = new ArrayList<>();
        field.setLength(0);
        any = false;
      } else {
        field.append(ch);
        any = true;
      }
    }
    if (any || field.length() > 0) {
      record.add(field.toString());
      records.add(record);
    }
    return records;
  }
}
