package io.github.darajakit.gateway.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The one register of M-Pesa receipts, across every kind of money the gateway records: an STK
 * payment's MpesaReceiptNumber, a C2B payment's TransID, a payout's or B2B payment's receipt, a
 * reversal's receipt. M-Pesa never gives two transactions one receipt, so a receipt already owned
 * by another record is evidence that something is wrong (a forged or misrouted callback), never
 * money to count again. The register is a table with the receipt as its key, so the rule holds
 * under any concurrency on SQLite and on PostgreSQL.
 *
 * <p>When evidence names a receipt another record owns, one of the two is wrong — and the first to
 * arrive is not always the true one (a forged callback can beat the real one). So both are put
 * before a person: the caller flags its record, and the owner is flagged through the {@link
 * Flagger} its feature registered for its kind of record.
 */
public final class Receipts {

  /** Puts one kind of record before a person; registered by the feature that owns the kind. */
  @FunctionalInterface
  public interface Flagger {
    /** Flags the record with this id, in the caller's transaction, once per reason. */
    void flag(Connection c, String objectId, String reason) throws SQLException;
  }

  /**
   * What a receipt belongs to.
   *
   * @param objectType {@code payment}, {@code c2b_payment}, {@code payout}, {@code b2b_payment} or
   *     {@code reversal}
   * @param objectId its id
   */
  public record Owner(String objectType, String objectId) {
    /** {@code payment pay_…}: for messages. */
    @Override
    public String toString() {
      return objectType.replace('_', ' ') + " " + objectId;
    }
  }

  /** Ten upper-case letters and digits (REFERENCE §2, e.g. {@code NLJ7RT61SV}). */
  private static final Pattern FORMAT = Pattern.compile("[A-Z0-9]{10}");

  /**
   * What Daraja puts where a receipt would be on results that paid nothing ({@code OAK0000000},
   * {@code MBN0000000}, and {@code XXXXXXXXXX} in the sandbox).
   */
  private static final Pattern PLACEHOLDER = Pattern.compile("[A-Z]{3}0{7}|X{10}");

  private final Map<String, Flagger> flaggers = new ConcurrentHashMap<>();

  /** Registers how records of {@code objectType} are flagged when their receipt is disputed. */
  public void onDispute(String objectType, Flagger flagger) {
    flaggers.put(objectType, flagger);
  }

  /** Whether this has an M-Pesa receipt's shape: ten upper-case letters and digits. */
  public static boolean shaped(String receipt) {
    return receipt != null && FORMAT.matcher(receipt).matches();
  }

  /**
   * Whether this is an M-Pesa receipt of money that moved: {@linkplain #shaped shaped} like one,
   * and not one of Daraja's placeholders.
   */
  public static boolean wellFormed(String receipt) {
    return shaped(receipt) && !PLACEHOLDER.matcher(receipt).matches();
  }

  /**
   * Puts a record before a person because evidence about its receipt was found wrong, through the
   * flagger its feature registered (nothing if none was).
   */
  public void dispute(Connection c, String objectType, String objectId, String reason)
      throws SQLException {
    Flagger flagger = flaggers.get(objectType);
    if (flagger != null) {
      flagger.flag(c, objectId, reason);
    }
  }

  /**
   * Claims {@code receipt} for a record, in the caller's transaction (the one that applies the
   * evidence, so the claim and the credit commit or roll back together). If another record owns it,
   * that record is flagged as disputed (the caller flags its own).
   *
   * @return empty if the receipt is now this record's (newly or already); otherwise the record that
   *     owns it, and nothing was claimed
   */
  public Optional<Owner> claim(
      Connection c, String receipt, String objectType, String objectId, long now)
      throws SQLException {
    Optional<Owner> owner = claimIfFree(c, receipt, objectType, objectId, now);
    if (owner.isPresent()) {
      dispute(
          c,
          owner.get().objectType(),
          owner.get().objectId(),
          "receipt "
              + receipt
              + " is also named by evidence for "
              + new Owner(objectType, objectId)
              + ": one of the two is wrong (a forged or misrouted callback); check the M-Pesa"
              + " statement");
    }
    return owner;
  }

  /**
   * Claims {@code receipt} for a record if no other record owns it, flagging nothing: for a reader
   * that expects to meet receipts it already has (Pull Transactions lists STK payments too).
   *
   * @return empty if the receipt is now this record's; otherwise its owner
   */
  public Optional<Owner> claimIfFree(
      Connection c, String receipt, String objectType, String objectId, long now)
      throws SQLException {
    int claimed =
        Sql.update(
            c,
            "INSERT INTO receipts (receipt, object_type, object_id, created_at) VALUES (?, ?, ?, ?)"
                + " ON CONFLICT (receipt) DO NOTHING",
            receipt,
            objectType,
            objectId,
            now);
    if (claimed == 1) {
      return Optional.empty();
    }
    return owner(c, receipt)
        .filter(
            owner -> !(owner.objectType().equals(objectType) && owner.objectId().equals(objectId)));
  }

  /** The record a receipt belongs to, if any. */
  public Optional<Owner> owner(Connection c, String receipt) throws SQLException {
    return Sql.one(
        c,
        "SELECT object_type, object_id FROM receipts WHERE receipt = ?",
        r -> new Owner(r.getString(1), r.getString(2)),
        receipt);
  }
}
