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

/** The {@code invoices} table and each invoice's charge attempts ({@code invoice_attempts}). */
public final class InvoiceStore {

  private static final String COLUMNS =
      "id, subscription_id, period_start, period_end, amount, status, due_at, attempts, retries,"
          + " next_attempt_at, payment_id, result_code, result_desc, paid_at, mpesa_receipt,"
          + " attention, created_at, updated_at, version";

  /** One charge attempt of an invoice: a payment. */
  public record Attempt(String paymentId, String invoiceId, int attempt, long createdAt) {}

  /** The unpaid invoices flagged for a person (a list filter and a gauge). */
  private static final String NEEDS_ATTENTION =
      "attention IS NOT NULL AND status IN ('OPEN', 'UNCOLLECTIBLE')";

  private final Database database;
  private final KeyedTable<Invoice> table;

  public InvoiceStore(Database database) {
    this.database = database;
    this.table = new KeyedTable<>(database, "invoices", COLUMNS, InvoiceStore::map, false);
  }

  /**
   * Writes a new invoice unless its subscription already has one for that period.
   *
   * @return false if the period was already invoiced (by this or another instance)
   */
  public boolean insertIfNew(Connection c, Invoice i) throws SQLException {
    return Sql.update(
            c,
            "INSERT INTO invoices ("
                + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (subscription_id, period_start) DO NOTHING",
            i.id(),
            i.subscriptionId(),
            i.periodStart().toString(),
            i.periodEnd().toString(),
            i.amount(),
            i.status(),
            i.dueAt(),
            i.attempts(),
            i.retries(),
            i.nextAttemptAt(),
            i.paymentId(),
            i.resultCode(),
            i.resultDesc(),
            i.paidAt(),
            i.receipt(),
            i.attention(),
            i.createdAt(),
            i.updatedAt(),
            i.version())
        == 1;
  }

  /** Writes an invoice's next version if the stored one is the version before it. */
  public boolean update(Connection c, Invoice next) throws SQLException {
    return table.updateVersion(
        c,
        "status = ?, attempts = ?, retries = ?, next_attempt_at = ?, payment_id = ?,"
            + " result_code = ?, result_desc = ?, paid_at = ?, mpesa_receipt = ?, attention = ?",
        new Object[] {
          next.status(),
          next.attempts(),
          next.retries(),
          next.nextAttemptAt(),
          next.paymentId(),
          next.resultCode(),
          next.resultDesc(),
          next.paidAt(),
          next.receipt(),
          next.attention()
        },
        next.id(),
        next.updatedAt(),
        next.version());
  }

  public Optional<Invoice> find(Connection c, String id) throws SQLException {
    return table.find(c, id);
  }

  public Optional<Invoice> find(String id) {
    return table.find(id);
  }

  /** Records that {@code payment} is attempt {@code attempt} of an invoice. */
  public void addAttempt(Connection c, Attempt attempt) throws SQLException {
    Sql.update(
        c,
        "INSERT INTO invoice_attempts (payment_id, invoice_id, attempt, created_at) VALUES (?, ?,"
            + " ?, ?)",
        attempt.paymentId(),
        attempt.invoiceId(),
        attempt.attempt(),
        attempt.createdAt());
  }

  /** The invoice a payment was a charge attempt of, if it was one. */
  public Optional<Attempt> attemptOf(Connection c, String paymentId) throws SQLException {
    return Sql.one(
        c,
        "SELECT payment_id, invoice_id, attempt, created_at FROM invoice_attempts WHERE"
            + " payment_id = ?",
        InvoiceStore::mapAttempt,
        paymentId);
  }

  /** An invoice's attempts, first first. */
  public List<Attempt> attempts(String invoiceId) {
    return database.read(
        c ->
            Sql.list(
                c,
                "SELECT payment_id, invoice_id, attempt, created_at FROM invoice_attempts WHERE"
                    + " invoice_id = ? ORDER BY attempt",
                InvoiceStore::mapAttempt,
                invoiceId));
  }

  /**
   * Open invoices whose next charge may start by {@code now}, with none in flight, of STK
   * subscriptions that are billing, soonest first.
   */
  public List<Invoice> dueCharges(long now, int limit) {
    return database.read(
        c ->
            Sql.list(
                c,
                "SELECT "
                    + prefixed("i")
                    + " FROM invoices i JOIN subscriptions s ON s.id = i.subscription_id WHERE"
                    + " i.next_attempt_at IS NOT NULL AND i.next_attempt_at <= ? AND i.status ="
                    + " 'OPEN' AND i.payment_id IS NULL AND s.rail = 'STK' AND s.status IN"
                    + " ('TRIALING', 'ACTIVE', 'PAST_DUE') ORDER BY i.next_attempt_at, i.id LIMIT"
                    + " ?",
                InvoiceStore::map,
                now,
                limit));
  }

  /**
   * Open invoices of Ratiba subscriptions due before {@code dueBefore} that no debit has paid and
   * no person has been told about yet.
   */
  public List<Invoice> unpaidRatiba(long dueBefore, int limit) {
    return database.read(
        c ->
            Sql.list(
                c,
                "SELECT "
                    + prefixed("i")
                    + " FROM invoices i JOIN subscriptions s ON s.id = i.subscription_id WHERE"
                    + " s.rail = 'RATIBA' AND i.status = 'OPEN' AND i.due_at < ? AND i.attention"
                    + " IS NULL ORDER BY i.due_at, i.id LIMIT ?",
                InvoiceStore::map,
                dueBefore,
                limit));
  }

  /** A subscription's invoices that are open or uncollectible, oldest period first. */
  public List<Invoice> unpaid(Connection c, String subscriptionId) throws SQLException {
    return Sql.list(
        c,
        "SELECT "
            + COLUMNS
            + " FROM invoices WHERE subscription_id = ? AND status IN ('OPEN', 'UNCOLLECTIBLE')"
            + " ORDER BY period_start",
        InvoiceStore::map,
        subscriptionId);
  }

  /** A page of invoices, newest first, filtered by any of the arguments not null. */
  public List<Invoice> list(
      String subscriptionId,
      Set<InvoiceStatus> statuses,
      boolean needsAttention,
      String startingAfter,
      int limit) {
    return new NewestFirst("invoices")
        .equal("subscription_id", subscriptionId)
        .in("status", statuses.stream().map(Enum::name).toList())
        .when(needsAttention, NEEDS_ATTENTION)
        .startingAfter(startingAfter)
        .page(database, COLUMNS, limit, InvoiceStore::map);
  }

  /** How many invoices a person must look at. */
  public long countNeedingAttention() {
    return database.read(
        c ->
            Sql.one(c, "SELECT COUNT(*) FROM invoices WHERE " + NEEDS_ATTENTION, r -> r.getLong(1))
                .orElse(0L));
  }

  private static String prefixed(String alias) {
    return alias + "." + COLUMNS.replace(", ", ", " + alias + ".");
  }

  static Invoice map(ResultSet r) throws SQLException {
    return new Invoice(
        r.getString("id"),
        r.getString("subscription_id"),
        LocalDate.parse(r.getString("period_start")),
        LocalDate.parse(r.getString("period_end")),
        r.getLong("amount"),
        InvoiceStatus.valueOf(r.getString("status")),
        r.getLong("due_at"),
        r.getInt("attempts"),
        r.getInt("retries"),
        Sql.nullableLong(r, "next_attempt_at"),
        r.getString("payment_id"),
        r.getString("result_code"),
        r.getString("result_desc"),
        Sql.nullableLong(r, "paid_at"),
        r.getString("mpesa_receipt"),
        r.getString("attention"),
        r.getLong("created_at"),
        r.getLong("updated_at"),
        r.getInt("version"));
  }

  private static Attempt mapAttempt(ResultSet r) throws SQLException {
    return new Attempt(r.getString(1), r.getString(2), r.getInt(3), r.getLong(4));
  }
}
