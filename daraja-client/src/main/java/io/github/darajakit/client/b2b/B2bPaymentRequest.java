package io.github.darajakit.client.b2b;

import io.github.darajakit.client.DarajaValidationException;
import io.github.darajakit.client.Msisdn;
import io.github.darajakit.client.internal.Check;
import java.net.URI;

/**
 * A payment from a business's shortcode (its Working account) to another business: a Pay Bill, a
 * Buy Goods till, or a B2C shortcode's Utility account (top-up). The same request serves all three;
 * the method called decides the {@code CommandID}. Validated when built; nothing is sent until
 * {@code client.b2b().payBill(request)} (or {@code buyGoods}, {@code topUpB2c}).
 *
 * <pre>{@code
 * B2bPaymentRequest request = B2bPaymentRequest.builder()
 *     .partyB("600978")
 *     .amount(12_500)
 *     .accountReference("ACC-2291")
 *     .remarks("Supplier invoice 2291")
 *     .resultUrl("https://shop.example.com/daraja/b2b/result")
 *     .queueTimeOutUrl("https://shop.example.com/daraja/b2b/timeout")
 *     .build();
 * }</pre>
 *
 * @param partyB the receiving shortcode: PayBill, till, or B2C shortcode
 * @param amount whole KES, at least 1 (Daraja publishes no maximum for B2B)
 * @param accountReference {@code AccountReference}, at most 13 characters: the account number at
 *     the PayBill (required for Pay Bill), or {@code null}
 * @param requester {@code Requester}: the customer on whose behalf you pay, or {@code null}
 * @param remarks {@code Remarks}, 1–100 characters
 * @param occasion {@code Occassion} (sic on the wire), at most 100 characters, or {@code null}
 * @param partyA the paying shortcode, or {@code null} for the client's shortcode
 * @param resultUrl where Daraja posts the Result
 * @param queueTimeOutUrl where Daraja posts if the request times out in its queue
 * @param receiverType {@code RecieverIdentifierType}; {@link B2bReceiverType#SHORTCODE} unless
 *     chosen ({@link B2bReceiverType#TILL} is for Buy Goods only)
 */
public record B2bPaymentRequest(
    String partyB,
    long amount,
    String accountReference,
    Msisdn requester,
    String remarks,
    String occasion,
    String partyA,
    URI resultUrl,
    URI queueTimeOutUrl,
    B2bReceiverType receiverType) {

  /** Longest AccountReference (REFERENCE §7.1). */
  public static final int MAX_ACCOUNT_REFERENCE = 13;

  /** Longest Remarks and Occasion. */
  public static final int MAX_REMARKS = 100;

  /**
   * Validates every field.
   *
   * @throws DarajaValidationException naming the first field that is wrong and how to fix it
   */
  public B2bPaymentRequest {
    if (partyB == null) {
      throw new DarajaValidationException(
          "partyB", "is required: the receiving PayBill, till or B2C shortcode");
    }
    Check.shortCode("partyB", partyB);
    if (amount < 1) {
      throw new DarajaValidationException(
          "amount", "KES " + amount + " is not a payable amount: whole shillings, at least KES 1");
    }
    accountReference =
        Check.optionalText("accountReference", accountReference, MAX_ACCOUNT_REFERENCE);
    Check.text("remarks", remarks, 1, MAX_REMARKS);
    occasion = Check.optionalText("occasion", occasion, MAX_REMARKS);
    if (partyA != null) {
      Check.shortCode("partyA", partyA);
    }
    if (resultUrl == null) {
      throw new DarajaValidationException(
          "resultUrl", "is required: where Daraja posts the Result (an https URL)");
    }
    if (queueTimeOutUrl == null) {
      throw new DarajaValidationException(
          "queueTimeOutUrl",
          "is required: where Daraja posts if the request times out in its queue (an https URL)");
    }
    if (receiverType == null) {
      receiverType = B2bReceiverType.SHORTCODE;
    }
  }

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link B2bPaymentRequest}. */
  public static final class Builder {
    private String partyB;
    private long amount;
    private String accountReference;
    private Msisdn requester;
    private String remarks;
    private String occasion;
    private String partyA;
    private URI resultUrl;
    private URI queueTimeOutUrl;
    private B2bReceiverType receiverType;

    private Builder() {}

    /** The receiving PayBill, till or B2C shortcode. */
    public Builder partyB(String partyB) {
      this.partyB = partyB;
      return this;
    }

    /** Whole KES, at least 1. */
    public Builder amount(long amount) {
      this.amount = amount;
      return this;
    }

    /** The account number at the receiving PayBill, at most 13 characters. */
    public Builder accountReference(String accountReference) {
      this.accountReference = accountReference;
      return this;
    }

    /** The customer on whose behalf you pay, in any common Kenyan format; optional. */
    public Builder requester(String requester) {
      this.requester = requester == null ? null : Msisdn.parse("requester", requester);
      return this;
    }

    /** The customer on whose behalf you pay; optional. */
    public Builder requester(Msisdn requester) {
      this.requester = requester;
      return this;
    }

    /** {@code Remarks}, 1–100 characters. */
    public Builder remarks(String remarks) {
      this.remarks = remarks;
      return this;
    }

    /** {@code Occassion}, optional, at most 100 characters. */
    public Builder occasion(String occasion) {
      this.occasion = occasion;
      return this;
    }

    /** The paying shortcode, if not the client's. */
    public Builder partyA(String partyA) {
      this.partyA = partyA;
      return this;
    }

    /** Where Daraja posts the Result: an absolute URL, https in production. */
    public Builder resultUrl(String resultUrl) {
      this.resultUrl = Check.callbackUrl("resultUrl", resultUrl, false);
      return this;
    }

    /** Where Daraja posts a queue timeout: an absolute URL, https in production. */
    public Builder queueTimeOutUrl(String queueTimeOutUrl) {
      this.queueTimeOutUrl = Check.callbackUrl("queueTimeOutUrl", queueTimeOutUrl, false);
      return this;
    }

    /** {@code RecieverIdentifierType}: {@link B2bReceiverType#TILL} for a Buy Goods till. */
    public Builder receiverType(B2bReceiverType receiverType) {
      this.receiverType = receiverType;
      return this;
    }

    /**
     * Builds the request.
     *
     * @throws DarajaValidationException naming the first field that is wrong
     */
    public B2bPaymentRequest build() {
      return new B2bPaymentRequest(
          partyB,
          amount,
          accountReference,
          requester,
          remarks,
          occasion,
          partyA,
          resultUrl,
          queueTimeOutUrl,
          receiverType);
    }
  }
}
