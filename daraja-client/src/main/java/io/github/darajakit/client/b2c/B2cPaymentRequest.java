package io.github.darajakit.client.b2c;

import io.github.darajakit.client.DarajaValidationException;
import io.github.darajakit.client.Msisdn;
import io.github.darajakit.client.internal.Check;
import java.net.URI;

/**
 * A payment from a business's B2C shortcode to a customer's M-Pesa wallet (B2C v3, v1, or Business
 * to Pochi). Validated when built; nothing is sent until {@code client.b2c().pay(request)}.
 *
 * <pre>{@code
 * B2cPaymentRequest request = B2cPaymentRequest.builder()
 *     .phone("0712 345 678")
 *     .amount(1500)
 *     .commandId(B2cCommand.SALARY_PAYMENT)
 *     .remarks("March salary")
 *     .resultUrl("https://shop.example.com/daraja/b2c/result")
 *     .queueTimeOutUrl("https://shop.example.com/daraja/b2c/timeout")
 *     .build();
 * }</pre>
 *
 * @param phone the customer paid ({@code PartyB})
 * @param amount whole KES, 10 to 250,000
 * @param commandId the kind of payment, or {@code null} (not chosen): {@code pay} and {@code payV1}
 *     then send {@link B2cCommand#BUSINESS_PAYMENT}; {@code payToPochi} always sends {@code
 *     BusinessPayToPochi} and refuses a request that chose a command
 * @param remarks {@code Remarks}, 2–100 characters
 * @param occasion {@code Occassion} (sic on the wire), at most 100 characters, or {@code null}
 * @param partyA the paying B2C shortcode, or {@code null} for the client's shortcode
 * @param resultUrl where Daraja posts the Result
 * @param queueTimeOutUrl where Daraja posts if the request times out in its queue
 * @param originatorConversationId your unique id for this payment (at most 128 characters, no
 *     whitespace), or {@code null} to have the SDK generate one; v3 and Pochi only
 */
public record B2cPaymentRequest(
    Msisdn phone,
    long amount,
    B2cCommand commandId,
    String remarks,
    String occasion,
    String partyA,
    URI resultUrl,
    URI queueTimeOutUrl,
    String originatorConversationId) {

  /** The smallest B2C amount in KES (REFERENCE §21). */
  public static final long MIN_AMOUNT = 10;

  /** The largest B2C amount in KES per transaction (REFERENCE §21). */
  public static final long MAX_AMOUNT = 250_000;

  /** Shortest Remarks. */
  public static final int MIN_REMARKS = 2;

  /** Longest Remarks and Occasion. */
  public static final int MAX_REMARKS = 100;

  /** Longest OriginatorConversationID (REFERENCE §21). */
  public static final int MAX_ORIGINATOR_CONVERSATION_ID = 128;

  /**
   * Validates every field.
   *
   * @throws DarajaValidationException naming the first field that is wrong and how to fix it
   */
  public B2cPaymentRequest {
    if (phone == null) {
      throw new DarajaValidationException(
          "phone", "is required: the customer's number, e.g. 0712345678");
    }
    Check.amount("amount", amount, MIN_AMOUNT, MAX_AMOUNT);
    Check.text("remarks", remarks, MIN_REMARKS, MAX_REMARKS);
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
    if (originatorConversationId != null) {
      Check.originatorConversationId(originatorConversationId, MAX_ORIGINATOR_CONVERSATION_ID);
    }
  }

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link B2cPaymentRequest}. */
  public static final class Builder {
    private Msisdn phone;
    private long amount;
    private B2cCommand commandId;
    private String remarks;
    private String occasion;
    private String partyA;
    private URI resultUrl;
    private URI queueTimeOutUrl;
    private String originatorConversationId;

    private Builder() {}

    /** The customer, in any common Kenyan format ({@code 0712…}, {@code +254…}). */
    public Builder phone(String phone) {
      this.phone = Msisdn.parse("phone", phone);
      return this;
    }

    /** The customer. */
    public Builder phone(Msisdn phone) {
      this.phone = phone;
      return this;
    }

    /** Whole KES, 10 to 250,000. */
    public Builder amount(long amount) {
      this.amount = amount;
      return this;
    }

    /** The kind of payment; {@link B2cCommand#BUSINESS_PAYMENT} if not chosen. */
    public Builder commandId(B2cCommand commandId) {
      this.commandId = commandId;
      return this;
    }

    /** {@code Remarks}, 2–100 characters. */
    public Builder remarks(String remarks) {
      this.remarks = remarks;
      return this;
    }

    /** {@code Occassion}, optional, at most 100 characters. */
    public Builder occasion(String occasion) {
      this.occasion = occasion;
      return this;
    }

    /** The paying B2C shortcode, if not the client's. */
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

    /**
     * Your own unique id for this payment (at most 128 characters), e.g. your payout's key: choose
     * it and store it with the payment before sending, so that a crash or a lost answer still
     * leaves an id to look the payment up by (Transaction Status takes it). Daraja refuses a second
     * request with the same id ({@code 500.002.1001 Duplicate OriginatorConversationID.}): that
     * makes sending the same request again safe, and a payment sent again under a new id unsafe.
     * Without it the SDK generates a UUID you learn only after sending.
     */
    public Builder originatorConversationId(String originatorConversationId) {
      this.originatorConversationId = originatorConversationId;
      return this;
    }

    /**
     * Builds the request.
     *
     * @throws DarajaValidationException naming the first field that is wrong
     */
    public B2cPaymentRequest build() {
      return new B2cPaymentRequest(
          phone,
          amount,
          commandId,
          remarks,
          occasion,
          partyA,
          resultUrl,
          queueTimeOutUrl,
          originatorConversationId);
    }
  }
}
