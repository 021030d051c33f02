package io.github.darajakit.client.callbacks;

import io.github.darajakit.client.Outcome;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A Transaction Status result (REFERENCE §9). {@link #resultCode()} is about the <em>query</em>:
 * {@code 0} it found the transaction, {@code 2032}/{@code 2033} it found none (yet), others it was
 * refused. {@link #transactionStatus()} is about the <em>transaction</em>. {@link #finding()} reads
 * both, and is what to act on:
 *
 * <pre>{@code
 * switch (status.finding()) {
 *   case COMPLETED, REVERSED -> payouts.markPaid(id);       // it ran: never send it again
 *   case FAILED -> payouts.markFailed(id);                  // proof: it may be sent again, as new
 *   case NOT_FOUND, INCONCLUSIVE -> payouts.askAgainLater(id); // not final, not proof of anything
 * }
 * }</pre>
 *
 * <p>The top-level {@link #transactionId()} is a placeholder ({@code MBN0000000}): the real receipt
 * is {@link #receiptNo()}.
 *
 * @param envelope the common fields
 * @param receiptNo {@code ReceiptNo}: the transaction's M-Pesa receipt
 * @param transactionStatus {@code TransactionStatus}, e.g. {@code Completed}
 * @param amount {@code Amount}
 * @param debitPartyName {@code DebitPartyName}, e.g. {@code 600310 - Safaricom333}
 * @param creditPartyName {@code CreditPartyName}, e.g. {@code 254708374149 - John Doe}
 * @param initiatedTime {@code InitiatedTime}, East Africa Time
 * @param finalisedTime {@code FinalisedTime}, East Africa Time
 * @param reasonType {@code ReasonType}, e.g. {@code Business Payment to Customer via API}
 * @param transactionReason {@code TransactionReason}, when it has a value
 * @param debitAccountType {@code DebitAccountType}, e.g. {@code Utility Account}
 * @param debitPartyCharges {@code DebitPartyCharges} as text, e.g. {@code Fee For B2C
 *     Payment|KES|22.40}
 * @param originalConversationId the checked transaction's {@code ConversationID} parameter (legacy
 *     {@code "Conversation ID"})
 * @param originalOriginatorConversationId the checked transaction's {@code
 *     OriginatorConversationID} parameter (legacy {@code "Originator Conversation ID"})
 */
public record TransactionStatusResult(
    ResultEnvelope envelope,
    Optional<String> receiptNo,
    Optional<String> transactionStatus,
    Optional<BigDecimal> amount,
    Optional<String> debitPartyName,
    Optional<String> creditPartyName,
    Optional<LocalDateTime> initiatedTime,
    Optional<LocalDateTime> finalisedTime,
    Optional<String> reasonType,
    Optional<String> transactionReason,
    Optional<String> debitAccountType,
    Optional<String> debitPartyCharges,
    Optional<String> originalConversationId,
    Optional<String> originalOriginatorConversationId)
    implements DarajaResult {

  /**
   * The {@code TransactionStatus} values taken as proof that a transaction failed by {@link
   * #finding()}: {@code Failed}. ⚠ Daraja documents only {@code Completed}; {@code Failed} is what
   * the emulator writes. Pass the words your M-Pesa account shows to {@link #finding(Set)}.
   */
  public static final Set<String> DEFAULT_FAILED_STATUSES = Set.of("Failed");

  /** What a Transaction Status Result proves about the transaction asked about. */
  public enum Finding {
    /** Found; {@code TransactionStatus} {@code Completed}: the money moved. Final. */
    COMPLETED,
    /**
     * Found; {@code TransactionStatus} {@code Reversed}: it ran, and a reversal later gave the
     * money back. Final. (⚠ The word is the emulator's; Daraja does not document it.)
     */
    REVERSED,
    /**
     * Found, and its {@code TransactionStatus} says it failed: nothing moved. Final, and the only
     * finding that is proof of failure (a new request for the same payment may then be sent).
     */
    FAILED,
    /**
     * {@code 2032} "The transaction receipt number does not exist." or {@code 2033} "…cannot be
     * found by the specified OriginatorConversationID or ConversationID.": M-Pesa has no record of
     * it <em>yet</em>. Seconds or minutes after sending this is "not known yet", not "not paid".
     * Not final, not proof: ask again later, and after long enough ask a person.
     */
    NOT_FOUND,
    /**
     * Anything else: a ResultCode this SDK does not know, a query M-Pesa refused ({@code 2001},
     * {@code 8006}…, which says nothing about the transaction), or a transaction found with a
     * status that is not one of the above. Not final, not proof.
     */
    INCONCLUSIVE;

    /** True for {@link #COMPLETED}, {@link #REVERSED} and {@link #FAILED}. */
    public boolean isFinal() {
      return this == COMPLETED || this == REVERSED || this == FAILED;
    }
  }

  /**
   * What this result proves about the transaction, taking {@link #DEFAULT_FAILED_STATUSES} as proof
   * of failure.
   */
  public Finding finding() {
    return finding(DEFAULT_FAILED_STATUSES);
  }

  /**
   * What this result proves about the transaction, taking these {@code TransactionStatus} values
   * (matched ignoring case) as proof of failure. Configurable because Daraja does not document the
   * values (⚠): add a word only once your M-Pesa account has shown that it means nothing moved.
   */
  public Finding finding(Set<String> failedStatuses) {
    String code = envelope.resultCode().code();
    if (code.equals("2032") || code.equals("2033")) {
      return Finding.NOT_FOUND;
    }
    if (!envelope.resultCode().isSuccess() || transactionStatus.isEmpty()) {
      return Finding.INCONCLUSIVE;
    }
    String status = transactionStatus.get().strip().toLowerCase(Locale.ROOT);
    if (status.equals("completed")) {
      return Finding.COMPLETED;
    }
    if (status.equals("reversed")) {
      return Finding.REVERSED;
    }
    Set<String> failed =
        failedStatuses.stream()
            .map(word -> word.strip().toLowerCase(Locale.ROOT))
            .collect(Collectors.toSet());
    return failed.contains(status) ? Finding.FAILED : Finding.INCONCLUSIVE;
  }

  /**
   * What this result means for the money of the transaction asked about (not for the query): {@link
   * Outcome#SUCCESS} for {@link Finding#COMPLETED} and {@link Finding#REVERSED} (it ran), {@link
   * Outcome#FAILED} only for {@link Finding#FAILED}, and {@link Outcome#PENDING} for {@link
   * Finding#NOT_FOUND} and {@link Finding#INCONCLUSIVE}: not final, never a reason to send again.
   */
  @Override
  public Outcome outcome() {
    return switch (finding()) {
      case COMPLETED, REVERSED -> Outcome.SUCCESS;
      case FAILED -> Outcome.FAILED;
      case NOT_FOUND, INCONCLUSIVE -> Outcome.PENDING;
    };
  }

  /** The identifiers only. */
  @Override
  public String toString() {
    return "TransactionStatusResult["
        + envelope
        + ", receiptNo="
        + receiptNo.orElse("")
        + ", transactionStatus="
        + transactionStatus.orElse("")
        + "]";
  }
}
