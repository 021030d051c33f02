package io.github.darajakit.client.callbacks;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.Optional;

/**
 * A B2C or B2Pochi result (REFERENCE §6.3). A failure carries no parameters, so every typed field
 * is empty then.
 *
 * @param envelope the common fields
 * @param receipt {@code TransactionReceipt}
 * @param amount {@code TransactionAmount}
 * @param receiverPartyPublicName {@code ReceiverPartyPublicName}, e.g. {@code 254705912645 -
 *     NICHOLAS JOHN SONGOK}
 * @param completedTime {@code TransactionCompletedDateTime} ({@code dd.MM.yyyy HH:mm:ss}, East
 *     Africa Time)
 * @param utilityAccountAvailableFunds {@code B2CUtilityAccountAvailableFunds}: what is left to pay
 *     out
 * @param workingAccountAvailableFunds {@code B2CWorkingAccountAvailableFunds}
 * @param chargesPaidAccountAvailableFunds {@code B2CChargesPaidAccountAvailableFunds} (negative as
 *     charges accrue)
 * @param recipientIsRegisteredCustomer {@code B2CRecipientIsRegisteredCustomer} ({@code Y}/{@code
 *     N})
 */
public record B2cResult(
    ResultEnvelope envelope,
    Optional<String> receipt,
    Optional<BigDecimal> amount,
    Optional<String> receiverPartyPublicName,
    Optional<LocalDateTime> completedTime,
    Optional<BigDecimal> utilityAccountAvailableFunds,
    Optional<BigDecimal> workingAccountAvailableFunds,
    Optional<BigDecimal> chargesPaidAccountAvailableFunds,
    Optional<Boolean> recipientIsRegisteredCustomer)
    implements DarajaResult {

  /** The identifiers only: the receiver's name and number stay out of logs. */
  @Override
  public String toString() {
    return "B2cResult[" + envelope + "]";
  }
}
