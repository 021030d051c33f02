package io.github.darajakit.client.billmanager;

import io.github.darajakit.client.DarajaValidationException;
import io.github.darajakit.client.Msisdn;
import io.github.darajakit.client.callbacks.BillPaymentNotification;
import io.github.darajakit.client.internal.Check;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/**
 * The acknowledgement of a payment Bill Manager pushed ({@code /reconciliation}, REFERENCE §14):
 * once it is recorded, Bill Manager sends the customer an e-receipt by SMS. Send it once per
 * payment: each acknowledgement may cost the customer another SMS.
 *
 * <pre>{@code
 * BillPaymentNotification paid = DarajaCallbacks.parseBillPayment(body);
 * PaymentAcknowledgement ack = PaymentAcknowledgement.builder()
 *     .payment(paid)                    // transactionId, paidAmount, paymentDate, phone, account
 *     .fullName("John Doe")             // from your invoice, when you have it
 *     .invoiceName("School fees")
 *     .externalReference("INV-2026-0042")
 *     .build();
 * }</pre>
 *
 * @param transactionId the M-Pesa receipt of the payment
 * @param paidAmount whole KES paid
 * @param paymentDate when it was paid, as Bill Manager wrote it in the push ({@code dateCreated},
 *     e.g. {@code 2021-10-01})
 * @param accountReference the invoice's account reference the customer paid with
 * @param phoneNumber who paid, sent as {@code 07XXXXXXXX} (the portal's sample form)
 * @param fullName the customer's name, or {@code null} (not sent) when unknown ⚠
 * @param invoiceName the invoice's name, or {@code null} (not sent) when unknown ⚠
 * @param externalReference the invoice's reference, or {@code null} (not sent) when unknown ⚠. Bill
 *     Manager's sample carries all three, but the push carries none of them and Safaricom does not
 *     say whether they are required
 */
public record PaymentAcknowledgement(
    String transactionId,
    long paidAmount,
    String paymentDate,
    String accountReference,
    Msisdn phoneNumber,
    String fullName,
    String invoiceName,
    String externalReference) {

  /** Validates every field; each failure names it. */
  public PaymentAcknowledgement {
    Check.text("transactionId", transactionId, 1, Invoice.MAX_TEXT);
    Check.amount("paidAmount", paidAmount, 1, Invoice.MAX_AMOUNT);
    Check.text("paymentDate", paymentDate, 1, Invoice.MAX_TEXT);
    Check.text("accountReference", accountReference, 1, Invoice.MAX_TEXT);
    if (phoneNumber == null) {
      throw new DarajaValidationException(
          "phoneNumber", "is required: the number that paid, e.g. 0722000000");
    }
    fullName = Check.optionalText("fullName", fullName, Invoice.MAX_TEXT);
    invoiceName = Check.optionalText("invoiceName", invoiceName, Invoice.MAX_TEXT);
    externalReference =
        Check.optionalText("externalReference", externalReference, Invoice.MAX_TEXT);
  }

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Masks the phone number: requests end up in logs. */
  @Override
  public String toString() {
    return "PaymentAcknowledgement[transactionId="
        + transactionId
        + ", paidAmount="
        + paidAmount
        + ", paymentDate="
        + paymentDate
        + ", accountReference="
        + accountReference
        + ", phoneNumber="
        + Objects.toString(phoneNumber)
        + ", externalReference="
        + externalReference
        + "]";
  }

  /** Builds a {@link PaymentAcknowledgement}. */
  public static final class Builder {
    private String transactionId;
    private long paidAmount;
    private String paymentDate;
    private String accountReference;
    private String phoneNumber;
    private String fullName;
    private String invoiceName;
    private String externalReference;

    private Builder() {}

    /**
     * The pushed payment's transaction id, amount, date, phone number and account reference.
     *
     * @throws DarajaValidationException naming {@code paidAmount} if it is not whole KES
     */
    public Builder payment(BillPaymentNotification payment) {
      Objects.requireNonNull(payment, "payment");
      BigDecimal paid = payment.paidAmount().stripTrailingZeros();
      if (paid.scale() > 0) {
        throw new DarajaValidationException(
            "paidAmount",
            "KES " + paid.toPlainString() + " is not whole shillings: Bill Manager pays in KES");
      }
      this.transactionId = payment.transactionId();
      this.paidAmount = paid.longValueExact();
      this.paymentDate = payment.dateCreated();
      this.accountReference = payment.accountReference();
      this.phoneNumber = payment.msisdn();
      return this;
    }

    /** The M-Pesa receipt of the payment. */
    public Builder transactionId(String transactionId) {
      this.transactionId = transactionId;
      return this;
    }

    /** Whole KES paid. */
    public Builder paidAmount(long paidAmount) {
      this.paidAmount = paidAmount;
      return this;
    }

    /** When it was paid, as Bill Manager wrote it ({@code 2021-10-01}). */
    public Builder paymentDate(String paymentDate) {
      this.paymentDate = paymentDate;
      return this;
    }

    /** When it was paid: sent as {@code yyyy-MM-dd}. */
    public Builder paymentDate(LocalDate paymentDate) {
      this.paymentDate = paymentDate == null ? null : paymentDate.toString();
      return this;
    }

    /** The account reference the customer paid with. */
    public Builder accountReference(String accountReference) {
      this.accountReference = accountReference;
      return this;
    }

    /** Who paid, written any way people write it. */
    public Builder phoneNumber(String phoneNumber) {
      this.phoneNumber = phoneNumber;
      return this;
    }

    /** The customer's name, from your invoice. */
    public Builder fullName(String fullName) {
      this.fullName = fullName;
      return this;
    }

    /** The invoice's name. */
    public Builder invoiceName(String invoiceName) {
      this.invoiceName = invoiceName;
      return this;
    }

    /** The invoice's external reference. */
    public Builder externalReference(String externalReference) {
      this.externalReference = externalReference;
      return this;
    }

    /**
     * Builds the acknowledgement.
     *
     * @throws DarajaValidationException naming the first field that is missing or wrong
     */
    public PaymentAcknowledgement build() {
      return new PaymentAcknowledgement(
          transactionId,
          paidAmount,
          paymentDate,
          accountReference,
          Msisdn.parse("phoneNumber", phoneNumber),
          fullName,
          invoiceName,
          externalReference);
    }
  }
}
