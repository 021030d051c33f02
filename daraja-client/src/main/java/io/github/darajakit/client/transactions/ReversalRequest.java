package io.github.darajakit.client.transactions;

import io.github.darajakit.client.DarajaValidationException;
import io.github.darajakit.client.internal.Check;
import java.net.URI;

/**
 * A reversal of a customer's payment to you (C2B or STK; REFERENCE §11): the money goes back from
 * your shortcode to the customer. B2C payments cannot be reversed through the API. Validated when
 * built; nothing is sent until {@code client.transactions().reverse(request)}.
 *
 * <pre>{@code
 * ReversalRequest request = ReversalRequest.builder()
 *     .transactionId("NLJ7RT61SV")
 *     .amount(1500)
 *     .remarks("Duplicate payment")
 *     .resultUrl("https://shop.example.com/daraja/reversal/result")
 *     .queueTimeOutUrl("https://shop.example.com/daraja/reversal/timeout")
 *     .build();
 * }</pre>
 *
 * @param transactionId the receipt of the payment to reverse ({@code TransactionID})
 * @param amount whole KES: the payment's full amount, at least 1
 * @param receiverParty the shortcode that received the payment ({@code ReceiverParty}), or {@code
 *     null} for the client's shortcode
 * @param remarks {@code Remarks}, 2–100 characters
 * @param occasion {@code Occasion}, at most 100 characters, or {@code null}
 * @param resultUrl where Daraja posts the Result
 * @param queueTimeOutUrl where Daraja posts if the request times out in its queue
 */
public record ReversalRequest(
    String transactionId,
    long amount,
    String receiverParty,
    String remarks,
    String occasion,
    URI resultUrl,
    URI queueTimeOutUrl) {

  /** Shortest Remarks. */
  public static final int MIN_REMARKS = 2;

  /** Longest Remarks and Occasion. */
  public static final int MAX_REMARKS = 100;

  /**
   * Validates every field.
   *
   * @throws DarajaValidationException naming the first field that is wrong and how to fix it
   */
  public ReversalRequest {
    Receipts.check("transactionId", transactionId);
    if (amount < 1) {
      throw new DarajaValidationException(
          "amount",
          "KES "
              + amount
              + " cannot be reversed: give the original payment's amount in whole shillings");
    }
    if (receiverParty != null) {
      Check.shortCode("receiverParty", receiverParty);
    }
    Check.text("remarks", remarks, MIN_REMARKS, MAX_REMARKS);
    occasion = Check.optionalText("occasion", occasion, MAX_REMARKS);
    if (resultUrl == null) {
      throw new DarajaValidationException(
          "resultUrl", "is required: where Daraja posts the Result (an https URL)");
    }
    if (queueTimeOutUrl == null) {
      throw new DarajaValidationException(
          "queueTimeOutUrl",
          "is required: where Daraja posts if the request times out in its queue (an https URL)");
    }
  }

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link ReversalRequest}. */
  public static final class Builder {
    private String transactionId;
    private long amount;
    private String receiverParty;
    private String remarks;
    private String occasion;
    private URI resultUrl;
    private URI queueTimeOutUrl;

    private Builder() {}

    /** The receipt of the payment to reverse, e.g. {@code NLJ7RT61SV}. */
    public Builder transactionId(String transactionId) {
      this.transactionId = transactionId;
      return this;
    }

    /** The payment's amount in whole KES. */
    public Builder amount(long amount) {
      this.amount = amount;
      return this;
    }

    /** The shortcode that received the payment, if not the client's. */
    public Builder receiverParty(String receiverParty) {
      this.receiverParty = receiverParty;
      return this;
    }

    /** {@code Remarks}, 2–100 characters. */
    public Builder remarks(String remarks) {
      this.remarks = remarks;
      return this;
    }

    /** {@code Occasion}, optional, at most 100 characters. */
    public Builder occasion(String occasion) {
      this.occasion = occasion;
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
     * Builds the request.
     *
     * @throws DarajaValidationException naming the first field that is wrong
     */
    public ReversalRequest build() {
      return new ReversalRequest(
          transactionId, amount, receiverParty, remarks, occasion, resultUrl, queueTimeOutUrl);
    }
  }
}
