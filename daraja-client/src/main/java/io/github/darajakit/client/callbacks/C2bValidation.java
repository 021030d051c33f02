package io.github.darajakit.client.callbacks;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.Optional;

/**
 * A C2B validation request: M-Pesa asks whether to accept a payment (REFERENCE §5.3). Answer within
 * about 8 seconds with {@link DarajaCallbacks#acceptValidation()} or {@link
 * DarajaCallbacks#rejectValidation(C2bRejection)}; nothing has moved yet.
 *
 * @param transactionType {@code Pay Bill} or {@code Buy Goods}
 * @param transId the M-Pesa receipt
 * @param transTime when, East Africa Time
 * @param transAmount the amount, exact
 * @param businessShortCode the receiving shortcode
 * @param billRefNumber the account number typed by the customer
 * @param invoiceNumber usually {@code ""}
 * @param orgAccountBalance empty: M-Pesa leaves it blank in validations
 * @param thirdPartyTransId your id from the validation answer, or {@code ""}
 * @param sender the payer's number, masked (v2), hashed (v1) or plain
 * @param firstName may be {@code ""}
 * @param middleName may be {@code ""}
 * @param lastName may be {@code ""}
 * @param rawJson the body as received
 */
public record C2bValidation(
    String transactionType,
    String transId,
    LocalDateTime transTime,
    BigDecimal transAmount,
    String businessShortCode,
    String billRefNumber,
    String invoiceNumber,
    Optional<BigDecimal> orgAccountBalance,
    String thirdPartyTransId,
    C2bSender sender,
    String firstName,
    String middleName,
    String lastName,
    String rawJson)
    implements C2bNotification {

  /** Leaves out names and the raw body. */
  @Override
  public String toString() {
    return "C2bValidation[transId="
        + transId
        + ", transTime="
        + transTime
        + ", transAmount="
        + transAmount.toPlainString()
        + ", businessShortCode="
        + businessShortCode
        + ", billRefNumber="
        + billRefNumber
        + ", sender="
        + sender
        + "]";
  }
}
