package io.github.darajakit.client.callbacks;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Optional;

/**
 * A C2B payment notification: the body M-Pesa posts to your ValidationURL ({@link C2bValidation})
 * and ConfirmationURL ({@link C2bConfirmation}). Both carry the same fields (REFERENCE §5.3).
 */
public sealed interface C2bNotification extends DarajaCallback
    permits C2bValidation, C2bConfirmation {

  /** {@code Pay Bill} or {@code Buy Goods} (older traffic: {@code ""}). */
  String transactionType();

  /** The M-Pesa receipt, e.g. {@code RKL51ZDR4F}. */
  String transId();

  /** When M-Pesa took the payment, East Africa Time wall-clock. */
  LocalDateTime transTime();

  /** The amount, exact, with at least two decimals ({@code "5.00"}, {@code "10"} → 10.00). */
  BigDecimal transAmount();

  /** The receiving PayBill or till. */
  String businessShortCode();

  /** The account number the customer typed (PayBill); {@code ""} for tills. */
  String billRefNumber();

  /** Usually {@code ""}. */
  String invoiceNumber();

  /** The shortcode's new Utility balance: empty in a validation, present in a confirmation. */
  Optional<BigDecimal> orgAccountBalance();

  /** Your own id, set in the validation answer and echoed in the confirmation; or {@code ""}. */
  String thirdPartyTransId();

  /** The payer's number, masked, hashed or plain. */
  C2bSender sender();

  /** May be {@code ""}. */
  String firstName();

  /** May be {@code ""}. */
  String middleName();

  /** May be {@code ""}. */
  String lastName();

  /** {@link #transTime()} as an instant. */
  default Instant transInstant() {
    return transTime().atZone(StkPayment.EAT).toInstant();
  }
}
