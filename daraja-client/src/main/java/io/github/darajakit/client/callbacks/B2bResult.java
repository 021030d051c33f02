package io.github.darajakit.client.callbacks;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.Optional;

/**
 * A B2B result: Business Pay Bill, Business Buy Goods, B2C Account Top Up or Tax Remittance
 * (REFERENCE §7). On success the receipt is {@link #transactionId()}.
 *
 * @param envelope the common fields
 * @param amount {@code Amount}
 * @param receiverPartyPublicName who was paid: {@code ReceiverPartyPublicName} (the portal's
 *     sample, e.g. {@code 000000 - Biller Company}) or {@code CreditPartyPublicName} (production
 *     results, e.g. {@code 503200 - AIG KENYA INSURANCE COMPANY LTD VIA NCBA})
 * @param debitAccountBalance the debited account after the payment, from the pipe string in {@code
 *     DebitPartyAffectedAccountBalance} (or a pipe-form {@code DebitAccountBalance} / {@code
 *     DebitAccountCurrentBalance})
 * @param completedTime {@code TransCompletedTime}, or {@code BOCompletedTime} on failures
 * @param billReferenceNumber the {@code BillReferenceNumber} reference item (the account or KRA PRN
 *     paid); absent for Buy Goods and Top Up
 * @param currency {@code Currency}
 * @param debitPartyCharges {@code DebitPartyCharges} as text, e.g. {@code Business Pay Bill
 *     Charge|KES|77.00}
 * @param debitPartyPublicName {@code DebitPartyPublicName}: your shortcode and name, as production
 *     results carry it
 */
public record B2bResult(
    ResultEnvelope envelope,
    Optional<BigDecimal> amount,
    Optional<String> receiverPartyPublicName,
    Optional<Account> debitAccountBalance,
    Optional<LocalDateTime> completedTime,
    Optional<String> billReferenceNumber,
    Optional<String> currency,
    Optional<String> debitPartyCharges,
    Optional<String> debitPartyPublicName)
    implements DarajaResult {

  /** The identifiers only. */
  @Override
  public String toString() {
    return "B2bResult[" + envelope + "]";
  }
}
