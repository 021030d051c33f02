package io.github.darajakit.emulator.internal.world;

import java.time.Instant;

/**
 * One ledger entry: a completed (or failed) movement of money with its M-Pesa receipt.
 *
 * <p>Everything but {@link #status()} and {@link #reversedBy()} is fixed when the entry is written;
 * those two change only under {@link World}'s lock when a reversal succeeds.
 */
public final class Transaction {

  /** Where a ledger entry stands. */
  public enum Status {
    COMPLETED("Completed"),
    FAILED("Failed"),
    REVERSED("Reversed");

    private final String text;

    Status(String text) {
      this.text = text;
    }

    /** The {@code TransactionStatus} value printed by Transaction Status. */
    public String text() {
      return text;
    }
  }

  private final String receipt;
  private final TransactionKind kind;
  private final long amount;
  private final Party debit;
  private final Party credit;
  private final Instant initiatedAt;
  private final Instant completedAt;
  private final String originatorConversationId;
  private final String conversationId;
  private final String billReference;
  private final String originalReceipt;
  private volatile Status status;
  private volatile String reversedBy;

  Transaction(
      String receipt,
      TransactionKind kind,
      Status status,
      long amount,
      Party debit,
      Party credit,
      Instant initiatedAt,
      Instant completedAt,
      String originatorConversationId,
      String conversationId,
      String billReference,
      String originalReceipt) {
    this.receipt = receipt;
    this.kind = kind;
    this.status = status;
    this.amount = amount;
    this.debit = debit;
    this.credit = credit;
    this.initiatedAt = initiatedAt;
    this.completedAt = completedAt;
    this.originatorConversationId = originatorConversationId;
    this.conversationId = conversationId;
    this.billReference = billReference;
    this.originalReceipt = originalReceipt;
  }

  public String receipt() {
    return receipt;
  }

  public TransactionKind kind() {
    return kind;
  }

  public Status status() {
    return status;
  }

  /** Amount in cents. */
  public long amount() {
    return amount;
  }

  public Party debit() {
    return debit;
  }

  public Party credit() {
    return credit;
  }

  public Instant initiatedAt() {
    return initiatedAt;
  }

  public Instant completedAt() {
    return completedAt;
  }

  /** The OriginatorConversationID of the API request that caused it, or {@code ""}. */
  public String originatorConversationId() {
    return originatorConversationId;
  }

  /** The ConversationID ({@code AG_…}) of the API request that caused it, or {@code ""}. */
  public String conversationId() {
    return conversationId;
  }

  /** Bill reference / account number, or {@code ""}. */
  public String billReference() {
    return billReference;
  }

  /** For a reversal: the receipt it reversed; else {@code ""}. */
  public String originalReceipt() {
    return originalReceipt;
  }

  /** The receipt of the reversal that undid this entry, or {@code null}. */
  public String reversedBy() {
    return reversedBy;
  }

  void markReversed(String reversalReceipt) {
    this.status = Status.REVERSED;
    this.reversedBy = reversalReceipt;
  }
}
