package io.github.darajakit.gateway.transactions;

import io.github.darajakit.client.callbacks.TransactionStatusResult;
import io.github.darajakit.gateway.callbacks.PhoneEvidence;
import io.github.darajakit.gateway.store.Database;
import io.github.darajakit.gateway.store.Leases;
import io.github.darajakit.gateway.store.Receipts;
import io.github.darajakit.gateway.store.Sql;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Second opinions on receipts credited on a callback's word ({@code reconciler.checkReceipts}).
 *
 * <p>A callback is authenticated by nothing but its secret path. Whoever holds that secret can post
 * a success with a pending payment's ids, its amount and phone, and a real receipt of another
 * transaction: if it arrives before that transaction's own evidence, nothing in it can be told from
 * the truth. So each receipt credited this way is asked about later with Transaction Status, which
 * M-Pesa answers itself: if M-Pesa says the receipt moved another amount, between other parties, or
 * never says it exists, the record is put before a person ({@link Receipts#dispute}). Asking moves
 * no money; a receipt confirmed is never asked about again.
 */
public final class ReceiptChecks {

  /** Where a check stands. */
  public enum Status {
    /** Waiting for Transaction Status to confirm it. */
    PENDING,
    /** M-Pesa's answer agrees with the record. */
    CONFIRMED,
    /** M-Pesa's answer disagrees, or it never found the receipt: the record is flagged. */
    DISPUTED
  }

  /**
   * A receipt to check.
   *
   * @param receipt the M-Pesa receipt credited
   * @param objectType {@code payment}, {@code bill_payment}, {@code payout}, {@code b2b_payment} or
   *     {@code b2b_collection}
   * @param objectId the record credited
   * @param counterparty whom the money came from (a payment's phone, a B2B collection's till) or
   *     went to (a payout's phone, a B2B payment's shortcode)
   * @param amount whole KES credited
   * @param party the shortcode to ask Transaction Status as (one side of the transaction)
   * @param attempts how many times it has been asked about
   */
  public record Check(
      String receipt,
      String objectType,
      String objectId,
      String counterparty,
      long amount,
      String party,
      int attempts) {

    /**
     * Whether the money came to us (a payment, a Bill Manager payment, a B2B collection) rather
     * than went out (a payout, a B2B payment).
     */
    boolean incoming() {
      return objectType.equals("payment")
          || objectType.equals("bill_payment")
          || objectType.equals("b2b_collection");
    }

    /** Whether the counterparty is a business's shortcode rather than a customer's phone. */
    boolean businessCounterparty() {
      return objectType.equals("b2b_payment") || objectType.equals("b2b_collection");
    }
  }

  private final Database database;
  private final Receipts receipts;
  private final Clock clock;
  private final boolean enabled;
  private final Duration firstCheckAfter;

  /**
   * @param enabled whether receipts are checked at all ({@code reconciler.checkReceipts})
   * @param firstCheckAfter how long after a credit its receipt is first asked about
   */
  public ReceiptChecks(
      Database database,
      Receipts receipts,
      Clock clock,
      boolean enabled,
      Duration firstCheckAfter) {
    this.database = database;
    this.receipts = receipts;
    this.clock = clock;
    this.enabled = enabled;
    this.firstCheckAfter = firstCheckAfter;
  }

  /** Whether receipts are checked. */
  public boolean enabled() {
    return enabled;
  }

  /**
   * Schedules a check of a receipt just credited on a callback's word, in the transaction that
   * credits it. Does nothing when checks are off, or for a receipt already scheduled.
   */
  public void expect(Connection c, Check check) throws SQLException {
    if (!enabled) {
      return;
    }
    long now = clock.millis();
    long dueAt = now + firstCheckAfter.toMillis();
    Sql.update(
        c,
        """
        INSERT INTO receipt_checks (id, object_type, object_id, counterparty, amount, party,
          status, next_check_at, created_at, updated_at)
        VALUES (?, ?, ?, ?, ?, ?, 'PENDING', ?, ?, ?) ON CONFLICT (id) DO NOTHING""",
        check.receipt(),
        check.objectType(),
        check.objectId(),
        check.counterparty(),
        check.amount(),
        check.party(),
        dueAt,
        now,
        now);
  }

  /** Claims checks due now for one worker; its lease ends by itself if it dies. */
  public List<Check> claimDue(String owner, long now, long leaseUntil, int limit) {
    return Leases.claimDue(
        database,
        "receipt_checks",
        "next_check_at",
        "status = 'PENDING'",
        owner,
        now,
        leaseUntil,
        limit,
        (c, id) -> Sql.one(c, "SELECT * FROM receipt_checks WHERE id = ?", ReceiptChecks::map, id));
  }

  /** Asks again at {@code nextAt}: Transaction Status has not answered, or not found it yet. */
  public void later(Check check, long nextAt) {
    database.write(
        c ->
            Sql.update(
                c,
                "UPDATE receipt_checks SET next_check_at = ?, check_attempts = ?, lease_owner ="
                    + " NULL, lease_until = NULL, updated_at = ? WHERE id = ? AND status ="
                    + " 'PENDING'",
                nextAt,
                check.attempts() + 1,
                clock.millis(),
                check.receipt()));
  }

  /** Transaction Status never confirmed the receipt, however often it was asked: a person looks. */
  public void gaveUp(Check check) {
    database.write(
        c -> {
          settle(
              c,
              check,
              Status.DISPUTED,
              "Transaction Status never confirmed receipt "
                  + check.receipt()
                  + " as "
                  + describe(check)
                  + " after "
                  + (check.attempts() + 1)
                  + " questions: the evidence that credited it may be forged; check the M-Pesa"
                  + " statement");
          return null;
        });
  }

  /**
   * Compares M-Pesa's answer about a receipt with the record it credits, in the transaction that
   * stores the answer. "Not found" changes nothing (the worker asks again on its schedule).
   */
  public void answered(Connection c, String receipt, TransactionStatusResult answer)
      throws SQLException {
    if (!enabled || !answer.envelope().resultCode().isSuccess()) {
      return;
    }
    Optional<Check> pending =
        Sql.one(
            c,
            "SELECT * FROM receipt_checks WHERE id = ? AND status = 'PENDING'",
            ReceiptChecks::map,
            receipt);
    if (pending.isEmpty()) {
      return;
    }
    Check check = pending.get();
    Optional<String> disagreement = disagreement(check, answer);
    if (disagreement.isEmpty()) {
      settle(c, check, Status.CONFIRMED, "Transaction Status agrees");
      return;
    }
    settle(
        c,
        check,
        Status.DISPUTED,
        "Transaction Status says receipt "
            + receipt
            + " "
            + disagreement.get()
            + ", not "
            + describe(check)
            + ": the evidence that credited it was wrong (forged?); check the M-Pesa statement");
  }

  /** What in M-Pesa's answer does not fit the record, if anything. */
  private static Optional<String> disagreement(Check check, TransactionStatusResult answer) {
    String status = answer.transactionStatus().orElse("");
    if (!status.equalsIgnoreCase("Completed") && !status.equalsIgnoreCase("Reversed")) {
      return Optional.of("is " + (status.isEmpty() ? "of no stated status" : status));
    }
    Optional<BigDecimal> amount = answer.amount();
    if (amount.isEmpty() || amount.get().compareTo(BigDecimal.valueOf(check.amount())) != 0) {
      return Optional.of(
          "moved KES " + amount.map(BigDecimal::toPlainString).orElse("(no amount)"));
    }
    // A payment's money came from the customer (the debit party), a B2B collection's from the
    // till; a payout's went to the recipient (the credit party).
    String party =
        (check.incoming() ? answer.debitPartyName() : answer.creditPartyName()).orElse("");
    String number = party.split(" - ", 2)[0].trim();
    boolean theirs =
        check.businessCounterparty()
            ? number.equals(check.counterparty())
            : PhoneEvidence.problem(number, check.counterparty()).isEmpty();
    return theirs
        ? Optional.empty()
        : Optional.of(
            (check.incoming() ? "came from " : "went to ")
                + (number.isEmpty() ? "nobody named" : "another party"));
  }

  private void settle(Connection c, Check check, Status status, String detail) throws SQLException {
    int changed =
        Sql.update(
            c,
            "UPDATE receipt_checks SET status = ?, detail = ?, next_check_at = NULL, lease_owner ="
                + " NULL, lease_until = NULL, updated_at = ? WHERE id = ? AND status = 'PENDING'",
            status.name(),
            detail,
            clock.millis(),
            check.receipt());
    if (changed == 1 && status == Status.DISPUTED) {
      receipts.dispute(c, check.objectType(), check.objectId(), detail);
    }
  }

  /** How many checks are waiting for M-Pesa's word, for metrics and for tests that wait. */
  public long pending() {
    return database.read(
        c ->
            Sql.one(
                    c,
                    "SELECT COUNT(*) FROM receipt_checks WHERE status = 'PENDING'",
                    r -> r.getLong(1))
                .orElse(0L));
  }

  private static String describe(Check check) {
    return check.objectType().replace('_', ' ')
        + " "
        + check.objectId()
        + " (KES "
        + check.amount()
        + (check.incoming() ? " from " : " to ")
        + PhoneEvidence.masked(check.counterparty())
        + ")";
  }

  private static Check map(ResultSet r) throws SQLException {
    return new Check(
        r.getString("id"),
        r.getString("object_type"),
        r.getString("object_id"),
        r.getString("counterparty"),
        r.getLong("amount"),
        r.getString("party"),
        r.getInt("check_attempts"));
  }
}
