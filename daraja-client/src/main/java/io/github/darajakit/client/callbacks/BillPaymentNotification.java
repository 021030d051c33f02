package io.github.darajakit.client.callbacks;

import java.math.BigDecimal;

/**
 * A payment Bill Manager pushes to the biller's opt-in {@code callbackurl} (REFERENCE §14): a flat
 * camelCase body with no result code, because only a payment that happened is pushed.
 *
 * <pre>{@code
 * {"transactionId":"RJB53MYR1N","paidAmount":"5000","msisdn":"254722000000",
 *  "dateCreated":"2021-10-01","accountReference":"BC001","shortCode":"456545"}
 * }</pre>
 *
 * <p>Bill Manager tries up to five times until the biller answers {@code {"resmsg":"Success",
 * "rescode":"200"}} ({@link DarajaCallbacks#acknowledgeBillPayment()}): store the body first, and
 * treat a second push of the same {@code transactionId} as the same payment. Then send the
 * reconciliation acknowledgement once, so the customer gets the e-receipt. The push is not signed:
 * as with any callback, confirm the receipt (Transaction Status) before trusting it with money.
 *
 * @param transactionId the M-Pesa receipt of the payment: the key to deduplicate retries by
 * @param paidAmount what was paid, exact (a part payment is less than the invoice)
 * @param msisdn who paid, as sent ({@code 254722000000})
 * @param dateCreated when it was paid, as sent ({@code 2021-10-01}), or {@code ""}
 * @param accountReference the account reference the customer paid with: the invoice's
 * @param shortCode the biller's shortcode that was paid
 * @param rawJson the body as received
 */
public record BillPaymentNotification(
    String transactionId,
    BigDecimal paidAmount,
    String msisdn,
    String dateCreated,
    String accountReference,
    String shortCode,
    String rawJson)
    implements DarajaCallback {

  /** The identifiers only, never the raw body or the phone number. */
  @Override
  public String toString() {
    return "BillPaymentNotification[transactionId="
        + transactionId
        + ", paidAmount="
        + paidAmount.toPlainString()
        + ", accountReference="
        + accountReference
        + ", shortCode="
        + shortCode
        + "]";
  }
}
