package io.github.darajakit.gateway.billmanager;

import io.github.darajakit.gateway.events.EventStore;
import io.github.darajakit.gateway.store.Database;
import io.github.darajakit.gateway.store.Leases;
import io.github.darajakit.gateway.store.Sql;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Bill Manager payments and their acknowledgements' outbox, unique by receipt. Every change of an
 * acknowledgement is a compare-and-set on {@code ack_status = 'PENDING'} by the lease holder, so on
 * SQLite and on PostgreSQL one worker settles it, once.
 */
final class BillPaymentStore {

  private final Database database;
  private final EventStore events;
  private final Clock clock;

  BillPaymentStore(Database database, EventStore events, Clock clock) {
    this.database = database;
    this.events = events;
    this.clock = clock;
  }

  /**
   * Records a pushed payment with its acknowledgement due now, unless its receipt is recorded; true
   * if it was new (and {@code bill_payment.received} appended).
   */
  boolean insertIfNew(Connection c, BillPayment p) throws SQLException {
    boolean inserted =
        Sql.update(
                c,
                """
                INSERT INTO bill_payments (id, c2b_payment_id, short_code, account_reference,
                  amount, msisdn, payment_date, pushes, ack_status, ack_attempts, next_ack_at,
                  created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, 1, 'PENDING', 0, ?, ?, ?)
                ON CONFLICT (id) DO NOTHING""",
                p.id(),
                p.c2bPaymentId(),
                p.shortCode(),
                p.accountReference(),
                p.amount(),
                p.msisdn(),
                p.paymentDate(),
                p.createdAt(),
                p.createdAt(),
                p.createdAt())
            == 1;
    if (inserted) {
      events.append(
          c, BillManagerEvents.RECEIVED, "bill_payment", p.id(), p.toJson(), p.createdAt());
    }
    return inserted;
  }

  /** Counts one more push of a payment already recorded (Bill Manager retries; harmless). */
  void pushedAgain(Connection c, String id) throws SQLException {
    Sql.update(
        c,
        "UPDATE bill_payments SET pushes = pushes + 1, updated_at = ? WHERE id = ?",
        clock.millis(),
        id);
  }

  /** Claims acknowledgements due now for one worker; the lease ends by itself if it dies. */
  List<BillPayment> claimDue(String owner, long now, long leaseUntil, int limit) {
    return Leases.claimDue(
        database,
        "bill_payments",
        "next_ack_at",
        "ack_status = 'PENDING'",
        owner,
        now,
        leaseUntil,
        limit,
        this::find);
  }

  /**
   * Bill Manager took the acknowledgement: settled by the lease holder only, once; appends {@code
   * bill_payment.acknowledged}. False if it was no longer this owner's to settle.
   */
  boolean acknowledged(BillPayment p, String owner) {
    return database.write(
        c -> {
          long now = clock.millis();
          int changed =
              Sql.update(
                  c,
                  "UPDATE bill_payments SET ack_status = 'ACKNOWLEDGED', acknowledged_at = ?,"
                      + " next_ack_at = NULL, last_error = NULL, lease_owner = NULL, lease_until ="
                      + " NULL, updated_at = ? WHERE id = ? AND ack_status = 'PENDING' AND"
                      + " lease_owner = ?",
                  now,
                  now,
                  p.id(),
                  owner);
          if (changed == 1) {
            BillPayment settled = find(c, p.id()).orElseThrow();
            events.append(
                c, BillManagerEvents.ACKNOWLEDGED, "bill_payment", p.id(), settled.toJson(), now);
          }
          return changed == 1;
        });
  }

  /** The attempt failed in a way that may pass: sent again at {@code nextAt}. */
  void later(BillPayment p, String owner, long nextAt, String error) {
    database.write(
        c ->
            Sql.update(
                c,
                "UPDATE bill_payments SET ack_attempts = ack_attempts + 1, next_ack_at = ?,"
                    + " last_error = ?, lease_owner = NULL, lease_until = NULL, updated_at = ?"
                    + " WHERE id = ? AND ack_status = 'PENDING' AND lease_owner = ?",
                nextAt,
                error,
                clock.millis(),
                p.id(),
                owner));
  }

  /** Refused, or never answered: not sent again, and put before a person. */
  void failed(BillPayment p, String owner, String error) {
    database.write(
        c -> {
          int changed =
              Sql.update(
                  c,
                  "UPDATE bill_payments SET ack_status = 'FAILED', ack_attempts = ack_attempts +"
                      + " 1, next_ack_at = NULL, last_error = ?, lease_owner = NULL, lease_until ="
                      + " NULL, updated_at = ? WHERE id = ? AND ack_status = 'PENDING' AND"
                      + " lease_owner = ?",
                  error,
                  clock.millis(),
                  p.id(),
                  owner);
          if (changed == 1) {
            flag(c, p.id(), "the acknowledgement failed: " + error);
          }
          return null;
        });
  }

  /**
   * Puts a payment before a person, in the caller's transaction, once per reason; appends {@code
   * bill_payment.needs_attention} when the reason is new.
   */
  void flag(Connection c, String id, String reason) throws SQLException {
    Optional<BillPayment> found = find(c, id);
    if (found.isEmpty()) {
      return;
    }
    String attention = found.get().attention();
    if (attention != null && attention.contains(reason)) {
      return;
    }
    long now = clock.millis();
    Sql.update(
        c,
        "UPDATE bill_payments SET attention = ?, updated_at = ? WHERE id = ?",
        attention == null ? reason : attention + "; " + reason,
        now,
        id);
    events.append(
        c,
        BillManagerEvents.NEEDS_ATTENTION,
        "bill_payment",
        id,
        find(c, id).orElseThrow().toJson(),
        now);
  }

  /** A payment by receipt. */
  Optional<BillPayment> find(String id) {
    return database.read(c -> find(c, id));
  }

  Optional<BillPayment> find(Connection c, String id) throws SQLException {
    return Sql.one(c, "SELECT * FROM bill_payments WHERE id = ?", BillPaymentStore::map, id);
  }

  /** How many acknowledgements are waiting to be sent, for metrics. */
  long pending() {
    return database.read(
        c ->
            Sql.one(
                    c,
                    "SELECT COUNT(*) FROM bill_payments WHERE ack_status = 'PENDING'",
                    r -> r.getLong(1))
                .orElse(0L));
  }

  private static BillPayment map(ResultSet r) throws SQLException {
    return new BillPayment(
        r.getString("id"),
        r.getString("c2b_payment_id"),
        r.getString("short_code"),
        r.getString("account_reference"),
        r.getLong("amount"),
        r.getString("msisdn"),
        r.getString("payment_date"),
        r.getInt("pushes"),
        AckStatus.valueOf(r.getString("ack_status")),
        r.getInt("ack_attempts"),
        Sql.nullableLong(r, "next_ack_at"),
        r.getString("last_error"),
        r.getString("attention"),
        r.getLong("created_at"),
        Sql.nullableLong(r, "acknowledged_at"));
  }
}
