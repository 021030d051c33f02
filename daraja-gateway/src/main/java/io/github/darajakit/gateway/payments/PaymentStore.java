package io.github.darajakit.gateway.payments;

import io.github.darajakit.gateway.store.Database;
import io.github.darajakit.gateway.store.KeyedTable;
import io.github.darajakit.gateway.store.Leases;
import io.github.darajakit.gateway.store.NewestFirst;
import io.github.darajakit.gateway.store.Sql;
import io.github.darajakit.gateway.store.VersionedRows;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Payments in the database: plain SQL, one method per question. */
public final class PaymentStore implements VersionedRows.Table<Payment> {

  private static final String COLUMNS =
      """
      id, status, amount, phone, reference, description, metadata, short_code,
      checkout_request_id, merchant_request_id, mpesa_receipt, paid_amount, paid_phone, paid_at,
      result_code, result_desc, failure_reason, attention, next_check_at, check_attempts,
      created_at, updated_at, version""";

  private final Database database;
  private final KeyedTable<Payment> table;

  public PaymentStore(Database database) {
    this.database = database;
    this.table = new KeyedTable<>(database, "payments", COLUMNS, PaymentStore::map, true);
  }

  /** Writes a new payment. */
  public void insert(Connection c, Payment p) throws SQLException {
    insert(c, p, null);
  }

  /**
   * Writes a new payment created under an idempotency key (unique), or {@code null}.
   *
   * @see #byIdempotencyKey
   */
  public void insert(Connection c, Payment p, String idempotencyKey) throws SQLException {
    Sql.update(
        c,
        "INSERT INTO payments ("
            + COLUMNS
            + ", idempotency_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
            + " ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        p.id(),
        p.status(),
        p.amount(),
        p.phone(),
        p.reference(),
        p.description(),
        p.metadata(),
        p.shortCode(),
        p.checkoutRequestId(),
        p.merchantRequestId(),
        p.receipt(),
        p.paidAmount(),
        p.paidPhone(),
        p.paidAt(),
        p.resultCode(),
        p.resultDesc(),
        p.failureReason(),
        p.attention(),
        p.nextCheckAt(),
        p.checkAttempts(),
        p.createdAt(),
        p.updatedAt(),
        p.version(),
        idempotencyKey);
  }

  /** The payment created under an idempotency key, if any. */
  public Optional<Payment> byIdempotencyKey(Connection c, String idempotencyKey)
      throws SQLException {
    return table.byIdempotencyKey(c, idempotencyKey);
  }

  /**
   * Writes the next version of a payment if nobody else wrote one since it was read.
   *
   * @return false if the stored version moved on (the caller re-reads and decides again)
   */
  @Override
  public boolean update(Connection c, Payment next) throws SQLException {
    return table.updateVersion(
        c,
        "status = ?, checkout_request_id = ?, merchant_request_id = ?, mpesa_receipt = ?,"
            + " paid_amount = ?, paid_phone = ?, paid_at = ?, result_code = ?, result_desc = ?,"
            + " failure_reason = ?, attention = ?, next_check_at = ?, check_attempts = ?",
        new Object[] {
          next.status(),
          next.checkoutRequestId(),
          next.merchantRequestId(),
          next.receipt(),
          next.paidAmount(),
          next.paidPhone(),
          next.paidAt(),
          next.resultCode(),
          next.resultDesc(),
          next.failureReason(),
          next.attention(),
          next.nextCheckAt(),
          next.checkAttempts()
        },
        next.id(),
        next.updatedAt(),
        next.version());
  }

  /** The payment M-Pesa gave this receipt. */
  public Optional<Payment> byReceipt(Connection c, String receipt) throws SQLException {
    return table.by(c, "mpesa_receipt", receipt);
  }

  @Override
  public Optional<Payment> find(Connection c, String id) throws SQLException {
    return table.find(c, id);
  }

  public Optional<Payment> find(String id) {
    return table.find(id);
  }

  public Optional<Payment> byCheckoutRequestId(Connection c, String checkoutRequestId)
      throws SQLException {
    return Sql.one(
        c,
        "SELECT " + COLUMNS + " FROM payments WHERE checkout_request_id = ?",
        PaymentStore::map,
        checkoutRequestId);
  }

  /**
   * A page of payments, newest first.
   *
   * @param statuses only these states (empty for all)
   * @param phone only this phone, or {@code null}
   * @param reference only payments with this reference (AccountReference), or {@code null}
   * @param createdAfter only those created after this epoch ms, or {@code null}
   * @param attentionOnly only those flagged for a person
   * @param startingAfter the id of the last payment of the previous page, or {@code null}
   * @param limit page size
   */
  public List<Payment> list(
      Set<PaymentStatus> statuses,
      String phone,
      String reference,
      Long createdAfter,
      boolean attentionOnly,
      String startingAfter,
      int limit) {
    return new NewestFirst("payments")
        .in("status", statuses)
        .equal("phone", phone)
        .equal("reference", reference)
        .createdAfter(createdAfter)
        .when(attentionOnly, "attention IS NOT NULL")
        .startingAfter(startingAfter)
        .page(database, COLUMNS, limit, PaymentStore::map);
  }

  /**
   * Claims payments the reconciler should look at now: due, and not leased by another worker (or
   * instance). The lease expires by itself if the worker dies.
   */
  public List<Payment> claimDue(String owner, long now, long leaseUntil, int limit) {
    return Leases.claimDue(
        database, "payments", "next_check_at", "", owner, now, leaseUntil, limit, this::find);
  }

  /** How many payments are in each state and how many need a person, for metrics. */
  public long countNeedingAttention() {
    return database.read(
        c ->
            Sql.one(
                    c,
                    "SELECT COUNT(*) FROM payments WHERE attention IS NOT NULL",
                    r -> r.getLong(1))
                .orElse(0L));
  }

  static Payment map(ResultSet r) throws SQLException {
    return new Payment(
        r.getString("id"),
        PaymentStatus.valueOf(r.getString("status")),
        r.getLong("amount"),
        r.getString("phone"),
        r.getString("reference"),
        r.getString("description"),
        r.getString("metadata"),
        r.getString("short_code"),
        r.getString("checkout_request_id"),
        r.getString("merchant_request_id"),
        r.getString("mpesa_receipt"),
        Sql.nullableLong(r, "paid_amount"),
        r.getString("paid_phone"),
        Sql.nullableLong(r, "paid_at"),
        r.getString("result_code"),
        r.getString("result_desc"),
        r.getString("failure_reason"),
        r.getString("attention"),
        Sql.nullableLong(r, "next_check_at"),
        r.getInt("check_attempts"),
        r.getLong("created_at"),
        r.getLong("updated_at"),
        r.getInt("version"));
  }
}
