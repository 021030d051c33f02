package io.github.darajakit.client.callbacks;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.Optional;

/**
 * A Transaction Status result (REFERENCE §9). {@link #resultCode()} says whether the query worked
 * ({@code 2032}: no such receipt); {@link #transactionStatus()} says how the transaction itself
 * stands. The top-level {@link #transactionId()} is a placeholder ({@code MBN0000000}): the real
 * receipt is {@link #receiptNo()}.
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
