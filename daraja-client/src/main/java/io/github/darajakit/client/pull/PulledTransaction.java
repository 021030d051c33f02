package io.github.darajakit.client.pull;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Objects;

/**
 * One C2B payment a shortcode received, as Pull Transactions reports it (REFERENCE §13.2).
 *
 * @param transactionId the M-Pesa receipt, e.g. {@code NLJ7RT61SV}
 * @param trxDate when it happened, or {@code null} if Daraja sent a date the SDK could not read
 *     (the text stays in the query's raw JSON)
 * @param msisdn the payer's number as Daraja sent it (a JSON number in its sample), as text
 * @param sender the payer's name
 * @param transactionType e.g. {@code c2b-pay-bill-debit}, {@code c2b-buy-goods-debit}
 * @param billReference the account number (PayBill), or {@code ""}
 * @param amount KES, exact (e.g. {@code 168.00}); never a {@code double}
 * @param organizationName the receiving organisation's name
 */
public record PulledTransaction(
    String transactionId,
    Instant trxDate,
    String msisdn,
    String sender,
    String transactionType,
    String billReference,
    BigDecimal amount,
    String organizationName) {

  /** Checks the amount is present: a payment without one cannot be reconciled. */
  public PulledTransaction {
    Objects.requireNonNull(amount, "amount");
  }

  /** Masks the payer's number, so a transaction logged by accident does not leak it. */
  @Override
  public String toString() {
    String masked =
        msisdn.length() > 7
            ? msisdn.substring(0, 4) + "****" + msisdn.substring(msisdn.length() - 3)
            : "****";
    return "PulledTransaction[transactionId=%s, trxDate=%s, msisdn=%s, amount=%s, billReference=%s]"
        .formatted(transactionId, trxDate, masked, amount, billReference);
  }

  /** The amount in cents, e.g. {@code 16800} for KES 168.00. */
  public long amountCents() {
    return amount.setScale(2, RoundingMode.UNNECESSARY).unscaledValue().longValueExact();
  }
}
