package io.github.darajakit.gateway.subscriptions;

import io.github.darajakit.gateway.store.Database;
import io.github.darajakit.gateway.store.KeyedTable;
import io.github.darajakit.gateway.store.NewestFirst;
import io.github.darajakit.gateway.store.Sql;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The {@code subscriptions} table. */
public final class SubscriptionStore {

  private static final String COLUMNS =
      "id, plan_id, phone, reference, rail, status, start_date, trial_end, end_date, anchor_day,"
          + " schedule_start, period_index, next_period_at, cancel_at_period_end,"
          + " standing_order_name, standing_order_ref, standing_order_receipt, standing_order_amount, result_code,"
          + " result_desc, attention, metadata, created_at, updated_at, version";

  /** The live subscriptions flagged for a person (a list filter and a gauge). */
  private static final String NEEDS_ATTENTION =
      "attention IS NOT NULL AND status NOT IN ('CANCELLED', 'ENDED')";

  private final Database database;
  private final KeyedTable<Subscription> table;

  public SubscriptionStore(Database database) {
    this.database = database;
    this.table =
        new KeyedTable<>(database, "subscriptions", COLUMNS, SubscriptionStore::map, false);
  }

  /** Writes a new subscription created under an Idempotency-Key, or {@code null}. */
  public void insert(Connection c, Subscription s, String idempotencyKey) throws SQLException {
    table.insert(
        c,
        new Object[] {
          s.id(),
          s.planId(),
          s.phone(),
          s.reference(),
          s.rail(),
          s.status(),
          s.startDate().toString(),
          date(s.trialEnd()),
          date(s.endDate()),
          s.anchorDay(),
          s.scheduleStart().toString(),
          s.periodIndex(),
          s.nextPeriodAt(),
          s.cancelAtPeriodEnd(),
          s.standingOrderName(),
          s.standingOrderRef(),
          s.standingOrderReceipt(),
          s.standingOrderAmount(),
          s.resultCode(),
          s.resultDesc(),
          s.attention(),
          s.metadata(),
          s.createdAt(),
          s.updatedAt(),
          s.version()
        },
        idempotencyKey);
  }

  /** Writes a subscription's next version if the stored one is the version before it. */
  public boolean update(Connection c, Subscription next) throws SQLException {
    return table.updateVersion(
        c,
        "plan_id = ?, phone = ?, status = ?, anchor_day = ?, schedule_start = ?, period_index = ?,"
            + " next_period_at = ?, cancel_at_period_end = ?, standing_order_ref = ?,"
            + " standing_order_receipt = ?, result_code = ?, result_desc = ?, attention = ?",
        new Object[] {
          next.planId(),
          next.phone(),
          next.status(),
          next.anchorDay(),
          next.scheduleStart().toString(),
          next.periodIndex(),
          next.nextPeriodAt(),
          next.cancelAtPeriodEnd(),
          next.standingOrderRef(),
          next.standingOrderReceipt(),
          next.resultCode(),
          next.resultDesc(),
          next.attention()
        },
        next.id(),
        next.updatedAt(),
        next.version());
  }

  public Optional<Subscription> find(Connection c, String id) throws SQLException {
    return table.find(c, id);
  }

  public Optional<Subscription> find(String id) {
    return table.find(id);
  }

  public Optional<Subscription> byIdempotencyKey(Connection c, String key) throws SQLException {
    return table.byIdempotencyKey(c, key);
  }

  /** Subscriptions whose next period is due by {@code now}, soonest first. */
  public List<Subscription> duePeriods(long now, int limit) {
    return database.read(
        c ->
            Sql.list(
                c,
                "SELECT "
                    + COLUMNS
                    + " FROM subscriptions WHERE next_period_at IS NOT NULL AND next_period_at <= ?"
                    + " AND status IN ('TRIALING', 'ACTIVE', 'PAST_DUE') ORDER BY next_period_at,"
                    + " id LIMIT ?",
                SubscriptionStore::map,
                now,
                limit));
  }

  /**
   * The live Ratiba subscriptions (not cancelled or ended) under an account reference, compared
   * ignoring case and surrounding spaces as people type it, oldest first.
   */
  public List<Subscription> ratibaByReference(Connection c, String reference) throws SQLException {
    return Sql.list(
        c,
        "SELECT "
            + COLUMNS
            + " FROM subscriptions WHERE rail = 'RATIBA' AND UPPER(reference) = ? AND status IN"
            + " ('PENDING', 'TRIALING', 'ACTIVE', 'PAST_DUE', 'PAUSED') ORDER BY created_at, id",
        SubscriptionStore::map,
        reference.strip().toUpperCase(java.util.Locale.ROOT));
  }

  /** Ratiba subscriptions still waiting for their standing order, unflagged, made before then. */
  public List<Subscription> pendingSince(long createdBefore, int limit) {
    return database.read(
        c ->
            Sql.list(
                c,
                "SELECT "
                    + COLUMNS
                    + " FROM subscriptions WHERE status = 'PENDING' AND attention IS NULL AND"
                    + " created_at < ? ORDER BY created_at, id LIMIT ?",
                SubscriptionStore::map,
                createdBefore,
                limit));
  }

  /** A page of subscriptions, newest first, filtered by any of the arguments not null. */
  public List<Subscription> list(
      Set<SubscriptionStatus> statuses,
      String planId,
      String phone,
      String reference,
      boolean needsAttention,
      String startingAfter,
      int limit) {
    return new NewestFirst("subscriptions")
        .in("status", statuses.stream().map(Enum::name).toList())
        .equal("plan_id", planId)
        .equal("phone", phone)
        .equal("reference", reference)
        .when(needsAttention, NEEDS_ATTENTION)
        .startingAfter(startingAfter)
        .page(database, COLUMNS, limit, SubscriptionStore::map);
  }

  /** How many subscriptions a person must look at. */
  public long countNeedingAttention() {
    return database.read(
        c ->
            Sql.one(
                    c,
                    "SELECT COUNT(*) FROM subscriptions WHERE " + NEEDS_ATTENTION,
                    r -> r.getLong(1))
                .orElse(0L));
  }

  static Subscription map(ResultSet r) throws SQLException {
    return new Subscription(
        r.getString("id"),
        r.getString("plan_id"),
        r.getString("phone"),
        r.getString("reference"),
        Rail.valueOf(r.getString("rail")),
        SubscriptionStatus.valueOf(r.getString("status")),
        LocalDate.parse(r.getString("start_date")),
        nullableDate(r.getString("trial_end")),
        nullableDate(r.getString("end_date")),
        r.getInt("anchor_day"),
        LocalDate.parse(r.getString("schedule_start")),
        r.getInt("period_index"),
        Sql.nullableLong(r, "next_period_at"),
        r.getInt("cancel_at_period_end") != 0,
        r.getString("standing_order_name"),
        r.getString("standing_order_ref"),
        r.getString("standing_order_receipt"),
        Sql.nullableLong(r, "standing_order_amount"),
        r.getString("result_code"),
        r.getString("result_desc"),
        r.getString("attention"),
        r.getString("metadata"),
        r.getLong("created_at"),
        r.getLong("updated_at"),
        r.getInt("version"));
  }

  private static String date(LocalDate d) {
    return d == null ? null : d.toString();
  }

  private static LocalDate nullableDate(String text) {
    return text == null ? null : LocalDate.parse(text);
  }
}
