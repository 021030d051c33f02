package io.github.darajakit.gateway.ops;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.darajakit.client.callbacks.StkPayment;
import io.github.darajakit.gateway.core.Json;
import io.github.darajakit.gateway.store.Database;
import io.github.darajakit.gateway.store.Sql;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the money did today and over the last seven days, by the Kenyan day (East Africa Time): the
 * figures an operator looks at first, and the counts of what needs a person. Every figure is one
 * aggregate query over the created_at indexes, so it stays quick with many stored payments.
 */
public final class Overview {

  private static final long DAY = 86_400_000L;
  private static final int DAYS = 7;

  private final Database database;
  private final Clock clock;

  public Overview(Database database, Clock clock) {
    this.database = database;
    this.clock = clock;
  }

  /** Whole KES and how many, for one kind of money on one day. */
  private static final class Tally {
    long count;
    long amount;

    void add(long count, long amount) {
      this.count += count;
      this.amount += amount;
    }

    ObjectNode json() {
      ObjectNode node = Json.object();
      node.put("count", count).put("amount", amount);
      return node;
    }
  }

  /** One day's figures. */
  private static final class Day {
    final Tally collected = new Tally();
    final Tally paidOut = new Tally();
    final Tally reversed = new Tally();
    final Map<String, Long> paymentOutcomes = new TreeMap<>();

    void add(Day other) {
      collected.add(other.collected.count, other.collected.amount);
      paidOut.add(other.paidOut.count, other.paidOut.amount);
      reversed.add(other.reversed.count, other.reversed.amount);
      other.paymentOutcomes.forEach((k, v) -> paymentOutcomes.merge(k, v, Long::sum));
    }
  }

  /** The overview as the merchant API (and the dashboard) shows it. */
  public ObjectNode json() {
    long now = clock.millis();
    LocalDate today = Instant.ofEpochMilli(now).atZone(StkPayment.EAT).toLocalDate();
    long start = today.minusDays(DAYS - 1).atStartOfDay(StkPayment.EAT).toInstant().toEpochMilli();
    Day[] days = new Day[DAYS];
    for (int i = 0; i < DAYS; i++) {
      days[i] = new Day();
    }
    ObjectNode failures = Json.object();
    ObjectNode attention =
        database.read(
            c -> {
              paymentDays(c, start, days);
              sumByDay(
                  c,
                  "SELECT (created_at - ?) / "
                      + DAY
                      + ", NULL, COUNT(*), COALESCE(SUM(amount), 0)"
                      + " FROM c2b_payments WHERE created_at >= ? GROUP BY 1",
                  start,
                  days,
                  d -> d.collected);
              sumByDay(
                  c,
                  "SELECT (created_at - ?) / "
                      + DAY
                      + ", NULL, COUNT(*), COALESCE(SUM(amount), 0)"
                      + " FROM b2b_collections WHERE created_at >= ? AND status = 'SUCCEEDED'"
                      + " GROUP BY 1",
                  start,
                  days,
                  d -> d.collected);
              sumByDay(
                  c,
                  "SELECT (created_at - ?) / "
                      + DAY
                      + ", NULL, COUNT(*), COALESCE(SUM(amount), 0)"
                      + " FROM payouts WHERE created_at >= ? AND status = 'SUCCEEDED' GROUP BY 1",
                  start,
                  days,
                  d -> d.paidOut);
              sumByDay(
                  c,
                  "SELECT (created_at - ?) / "
                      + DAY
                      + ", NULL, COUNT(*), COALESCE(SUM(amount), 0)"
                      + " FROM reversals WHERE created_at >= ? AND status = 'SUCCEEDED' GROUP BY 1",
                  start,
                  days,
                  d -> d.reversed);
              failures.set("payments", failureCodes(c, PAYMENT_FAILURES, start));
              failures.set("payouts", failureCodes(c, PAYOUT_FAILURES, start));
              return attention(c);
            });
    Day week = new Day();
    ArrayNode volume = Json.array();
    for (int i = 0; i < DAYS; i++) {
      week.add(days[i]);
      ObjectNode day = volume.addObject();
      day.put("date", today.minusDays(DAYS - 1 - i).toString());
      day.set("collected", days[i].collected.json());
      day.set("paid_out", days[i].paidOut.json());
      ObjectNode outcomes = period(days[i]);
      day.set("payments", outcomes.get("payments"));
      day.set("success_rate", outcomes.get("success_rate"));
    }
    ObjectNode node = Json.object();
    node.put("object", "overview")
        .put("as_of", Json.time(now))
        .put("timezone", "Africa/Nairobi")
        .put("currency", "KES");
    node.set("today", period(days[DAYS - 1]));
    node.set("last_7_days", period(week));
    node.set("volume", volume);
    node.set("failures", failures);
    node.set("needs_attention", attention);
    return node;
  }

  private static ObjectNode period(Day d) {
    ObjectNode node = Json.object();
    node.set("collected", d.collected.json());
    node.set("paid_out", d.paidOut.json());
    node.set("reversed", d.reversed.json());
    ObjectNode outcomes = node.putObject("payments");
    for (String status :
        new String[] {
          "pending", "succeeded", "failed", "cancelled", "expired", "unknown", "reversed"
        }) {
      outcomes.put(status, d.paymentOutcomes.getOrDefault(status, 0L));
    }
    long succeeded =
        d.paymentOutcomes.getOrDefault("succeeded", 0L)
            + d.paymentOutcomes.getOrDefault("reversed", 0L);
    long settled =
        succeeded
            + d.paymentOutcomes.getOrDefault("failed", 0L)
            + d.paymentOutcomes.getOrDefault("cancelled", 0L)
            + d.paymentOutcomes.getOrDefault("expired", 0L);
    if (settled == 0) {
      node.putNull("success_rate");
    } else {
      node.put(
          "success_rate",
          BigDecimal.valueOf(succeeded)
              .divide(BigDecimal.valueOf(settled), 4, RoundingMode.HALF_EVEN)
              .toPlainString());
    }
    return node;
  }

  /** One group of an aggregate query: a day (0 is the first of the seven), a status, a tally. */
  private record Group(int day, String status, long count, long amount) {}

  /** Payments by day and status: what was collected, and how the pushes ended. */
  private static void paymentDays(Connection c, long start, Day[] days) throws SQLException {
    for (Group g :
        groups(
            c,
            "SELECT (created_at - ?) / "
                + DAY
                + ", status, COUNT(*), COALESCE(SUM(COALESCE(paid_amount, amount)), 0)"
                + " FROM payments WHERE created_at >= ? GROUP BY 1, 2",
            start)) {
      Day day = days[g.day()];
      String name =
          switch (g.status()) {
            case "CREATED", "SUBMITTED" -> "pending";
            default -> g.status().toLowerCase(java.util.Locale.ROOT);
          };
      day.paymentOutcomes.merge(name, g.count(), Long::sum);
      if (g.status().equals("SUCCEEDED") || g.status().equals("REVERSED")) {
        day.collected.add(g.count(), g.amount());
      }
    }
  }

  /**
   * Adds a per-day {@code (day, NULL, count, amount)} query's tallies into each day's {@code into}.
   */
  private static void sumByDay(
      Connection c,
      String sql,
      long start,
      Day[] days,
      java.util.function.Function<Day, Tally> into)
      throws SQLException {
    for (Group g : groups(c, sql, start)) {
      into.apply(days[g.day()]).add(g.count(), g.amount());
    }
  }

  /**
   * The groups of a query selecting a day, a status (or NULL), a count and an amount, from {@code
   * start} on; days past the seventh (a row stamped later than now) are left out.
   */
  private static java.util.List<Group> groups(Connection c, String sql, long start)
      throws SQLException {
    return Sql.list(
            c,
            sql,
            r -> new Group((int) r.getLong(1), r.getString(2), r.getLong(3), r.getLong(4)),
            start,
            start)
        .stream()
        .filter(g -> g.day() >= 0 && g.day() < DAYS)
        .toList();
  }

  /** Payments that ended without the money: failed, cancelled on the phone, or expired. */
  private static final String PAYMENT_FAILURES =
      "SELECT result_code, COUNT(*), MAX(result_desc) FROM payments"
          + " WHERE created_at >= ? AND status IN ('FAILED', 'CANCELLED', 'EXPIRED')"
          + " GROUP BY result_code";

  private static final String PAYOUT_FAILURES =
      "SELECT result_code, COUNT(*), MAX(result_desc) FROM payouts"
          + " WHERE created_at >= ? AND status = 'FAILED' GROUP BY result_code";

  /**
   * Which result codes ended the last seven days' failures, most frequent first: the breakdown an
   * operator reads to tell customers cancelling (1032) from a float running dry (2001, 1). A
   * failure with no code from Daraja (an expired push) is counted under {@code null}.
   */
  private static ArrayNode failureCodes(Connection c, String sql, long start) throws SQLException {
    record Code(String code, long count, String description) {}
    ArrayNode codes = Json.array();
    Sql.list(c, sql, r -> new Code(r.getString(1), r.getLong(2), r.getString(3)), start).stream()
        .sorted(
            java.util.Comparator.comparingLong(Code::count)
                .reversed()
                .thenComparing(Code::code, java.util.Comparator.nullsLast(String::compareTo)))
        .forEach(
            code ->
                codes
                    .addObject()
                    .put("result_code", code.code())
                    .put("description", code.description())
                    .put("count", code.count()));
    return codes;
  }

  /** What waits on a person, and what is not final yet. */
  private static ObjectNode attention(Connection c) throws SQLException {
    ObjectNode node = Json.object();
    node.put("payments_unknown", count(c, "SELECT COUNT(*) FROM payments WHERE status = 'UNKNOWN'"))
        .put(
            "payments_flagged",
            count(c, "SELECT COUNT(*) FROM payments WHERE attention IS NOT NULL"))
        .put("payouts_unknown", count(c, "SELECT COUNT(*) FROM payouts WHERE status = 'UNKNOWN'"))
        .put("payouts_held", count(c, "SELECT COUNT(*) FROM payouts WHERE status = 'HELD'"))
        .put(
            "payouts_flagged", count(c, "SELECT COUNT(*) FROM payouts WHERE attention IS NOT NULL"))
        .put(
            "reversals_flagged",
            count(c, "SELECT COUNT(*) FROM reversals WHERE attention IS NOT NULL"))
        .put(
            "b2b_collections_flagged",
            count(c, "SELECT COUNT(*) FROM b2b_collections WHERE attention IS NOT NULL"))
        .put(
            "batches_awaiting_confirmation",
            count(c, "SELECT COUNT(*) FROM payout_batches WHERE status = 'AWAITING_CONFIRMATION'"))
        .put(
            "webhook_deliveries_failed",
            count(c, "SELECT COUNT(*) FROM webhook_deliveries WHERE status = 'FAILED'"));
    return node;
  }

  private static long count(Connection c, String sql) throws SQLException {
    return Sql.one(c, sql, r -> r.getLong(1)).orElse(0L);
  }
}
