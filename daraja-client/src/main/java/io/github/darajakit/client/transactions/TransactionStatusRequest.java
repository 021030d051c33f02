package io.github.darajakit.client.transactions;

import io.github.darajakit.client.DarajaValidationException;
import io.github.darajakit.client.IdentifierType;
import io.github.darajakit.client.Msisdn;
import io.github.darajakit.client.internal.Check;
import java.net.URI;

/**
 * A Transaction Status query (REFERENCE §9): what became of a C2B, STK, B2C, B2B or reversal
 * transaction, found by its M-Pesa receipt or by the OriginatorConversationID of the request that
 * made it (the way to reconcile a B2C payment whose answer was lost). Validated when built; nothing
 * is sent until {@code client.transactions().status(request)}.
 *
 * <pre>{@code
 * TransactionStatusRequest request = TransactionStatusRequest.builder()
 *     .originalConversationId(e.originatorConversationId().orElseThrow())
 *     .remarks("Reconcile payout")
 *     .resultUrl("https://shop.example.com/daraja/status/result")
 *     .queueTimeOutUrl("https://shop.example.com/daraja/status/timeout")
 *     .build();
 * }</pre>
 *
 * @param transactionId the M-Pesa receipt ({@code TransactionID}), or {@code null}
 * @param originalConversationId the OriginatorConversationID of the original request ({@code
 *     OriginalConversationID}), or {@code null}; at least one of the two is required
 * @param partyA who asks: a party to the transaction; a shortcode, or {@code null} for the client's
 *     shortcode; a phone number when {@code identifierType} is {@link IdentifierType#MSISDN}
 * @param identifierType what {@code partyA} is; {@link IdentifierType#SHORTCODE} unless chosen
 * @param remarks {@code Remarks}, 1–100 characters ({@link #DEFAULT_REMARKS} from the builder
 *     unless set)
 * @param occasion {@code Occasion}, at most 100 characters, or {@code null}
 * @param resultUrl where Daraja posts the Result with the transaction's details
 * @param queueTimeOutUrl where Daraja posts if the request times out in its queue
 */
public record TransactionStatusRequest(
    String transactionId,
    String originalConversationId,
    String partyA,
    IdentifierType identifierType,
    String remarks,
    String occasion,
    URI resultUrl,
    URI queueTimeOutUrl) {

  /** Longest OriginalConversationID. */
  public static final int MAX_CONVERSATION_ID = 128;

  /**
   * The {@code Remarks} sent unless the builder is given others. Daraja requires the field but
   * takes any text of 1 to 100 characters, and on a query (which moves no money and appears on no
   * statement) it carries nothing a caller needs to choose.
   */
  public static final String DEFAULT_REMARKS = "Transaction status";

  /** Longest Remarks and Occasion. */
  public static final int MAX_REMARKS = 100;

  /**
   * Validates every field; a {@link IdentifierType#MSISDN} party is normalised to {@code 2547…}.
   *
   * @throws DarajaValidationException naming the first field that is wrong and how to fix it
   */
  public TransactionStatusRequest {
    // An empty string is how many callers spell "not this one".
    if (transactionId != null && transactionId.isEmpty()) {
      transactionId = null;
    }
    if (originalConversationId != null && originalConversationId.isEmpty()) {
      originalConversationId = null;
    }
    if (transactionId == null && originalConversationId == null) {
      throw new DarajaValidationException(
          "transactionId",
          "or originalConversationId is required: the M-Pesa receipt, or the"
              + " OriginatorConversationID of the request that made the transaction");
    }
    if (transactionId != null) {
      Receipts.check("transactionId", transactionId);
    }
    if (originalConversationId != null) {
      Check.text("originalConversationId", originalConversationId, 1, MAX_CONVERSATION_ID);
      if (originalConversationId.chars().anyMatch(Character::isWhitespace)) {
        throw new DarajaValidationException(
            "originalConversationId", "'" + originalConversationId + "' contains whitespace");
      }
    }
    if (identifierType == null) {
      identifierType = IdentifierType.SHORTCODE;
    }
    if (identifierType == IdentifierType.MSISDN) {
      if (partyA == null) {
        throw new DarajaValidationException(
            "partyA", "is required when identifierType is MSISDN: the customer's number");
      }
      partyA = Msisdn.parse("partyA", partyA).value();
    } else if (partyA != null) {
      Check.shortCode("partyA", partyA);
    }
    Check.text("remarks", remarks, 1, MAX_REMARKS);
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

  /** Builds a {@link TransactionStatusRequest}. */
  public static final class Builder {
    private String transactionId;
    private String originalConversationId;
    private String partyA;
    private IdentifierType identifierType;
    private String remarks = DEFAULT_REMARKS;
    private String occasion;
    private URI resultUrl;
    private URI queueTimeOutUrl;

    private Builder() {}

    /** The M-Pesa receipt, e.g. {@code NLJ7RT61SV}. */
    public Builder transactionId(String transactionId) {
      this.transactionId = transactionId;
      return this;
    }

    /** The OriginatorConversationID of the request that made the transaction. */
    public Builder originalConversationId(String originalConversationId) {
      this.originalConversationId = originalConversationId;
      return this;
    }

    /**
     * The same as {@link #originalConversationId}, by the name the payment request and {@code
     * DarajaOutcomeUnknownException.originatorConversationId()} give the id: Daraja calls it
     * OriginatorConversationID when sent and OriginalConversationID when looked up.
     */
    public Builder originatorConversationId(String originatorConversationId) {
      return originalConversationId(originatorConversationId);
    }

    /** Who asks, if not the client's shortcode; say what it is with {@link #identifierType}. */
    public Builder partyA(String partyA) {
      this.partyA = partyA;
      return this;
    }

    /** What {@code partyA} is: {@link IdentifierType#SHORTCODE} unless chosen. */
    public Builder identifierType(IdentifierType identifierType) {
      this.identifierType = identifierType;
      return this;
    }

    /** {@code Remarks}, 1–100 characters; {@link #DEFAULT_REMARKS} unless set. */
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
    public TransactionStatusRequest build() {
      return new TransactionStatusRequest(
          transactionId,
          originalConversationId,
          partyA,
          identifierType,
          remarks,
          occasion,
          resultUrl,
          queueTimeOutUrl);
    }
  }
}
