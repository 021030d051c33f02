package io.github.darajakit.client.callbacks;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.Optional;

/**
 * A Reversal result (REFERENCE §11). On success {@link #transactionId()} is the reversal's own
 * receipt; failures use text codes such as {@code R000002} "The OriginalTransactionID is invalid."
 *
 * @param envelope the common fields
 * @param originalTransactionId {@code OriginalTransactionID}: the receipt reversed
 * @param amount {@code Amount}
 * @param debitAccountBalance the debited account after the reversal, from the pipe string in {@code
 *     DebitAccountBalance}
 * @param completedTime {@code TransCompletedTime}, East Africa Time
 * @param charge {@code Charge}
 * @param creditPartyPublicName {@code CreditPartyPublicName}: who got the money back
 * @param debitPartyPublicName {@code DebitPartyPublicName}: your shortcode
 */
public record ReversalResult(
    ResultEnvelope envelope,
    Optional<String> originalTransactionId,
    Optional<BigDecimal> amount,
    Optional<Account> debitAccountBalance,
    Optional<LocalDateTime> completedTime,
    Optional<BigDecimal> charge,
    Optional<String> creditPartyPublicName,
    Optional<String> debitPartyPublicName)
    implements DarajaResult {

  /** The identifiers only. */
  @Override
  public String toString() {
    return "ReversalResult["
        + envelope
        + ", originalTransactionId="
        + originalTransactionId.orElse("")
        + "]";
  }
}
