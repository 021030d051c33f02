package io.github.darajakit.client.account;

import io.github.darajakit.client.DarajaValidationException;
import io.github.darajakit.client.IdentifierType;
import io.github.darajakit.client.internal.Check;
import java.net.URI;

/**
 * An Account Balance query (REFERENCE §10): the balances of a shortcode's accounts (Working,
 * Utility, Charges Paid…), delivered as a Result to the ResultURL. Validated when built; nothing is
 * sent until {@code client.account().balance(request)}.
 *
 * <pre>{@code
 * AccountBalanceRequest request = AccountBalanceRequest.builder()
 *     .remarks("Daily balance")
 *     .resultUrl("https://shop.example.com/daraja/balance/result")
 *     .queueTimeOutUrl("https://shop.example.com/daraja/balance/timeout")
 *     .build();
 * }</pre>
 *
 * @param partyA the shortcode (or till) queried, or {@code null} for the client's shortcode
 * @param identifierType {@link IdentifierType#SHORTCODE} (the default) or {@link
 *     IdentifierType#TILL}
 * @param remarks {@code Remarks}, 1–100 characters ({@link #DEFAULT_REMARKS} from the builder
 *     unless set)
 * @param resultUrl where Daraja posts the Result with the balances
 * @param queueTimeOutUrl where Daraja posts if the request times out in its queue
 */
public record AccountBalanceRequest(
    String partyA,
    IdentifierType identifierType,
    String remarks,
    URI resultUrl,
    URI queueTimeOutUrl) {

  /**
   * The {@code Remarks} sent unless the builder is given others. Daraja requires the field but
   * takes any text of 1 to 100 characters, and on a query (which moves no money and appears on no
   * statement) it carries nothing a caller needs to choose.
   */
  public static final String DEFAULT_REMARKS = "Account balance";

  /** Longest Remarks. */
  public static final int MAX_REMARKS = 100;

  /**
   * Validates every field.
   *
   * @throws DarajaValidationException naming the first field that is wrong and how to fix it
   */
  public AccountBalanceRequest {
    if (partyA != null) {
      Check.shortCode("partyA", partyA);
    }
    if (identifierType == null) {
      identifierType = IdentifierType.SHORTCODE;
    }
    if (identifierType == IdentifierType.MSISDN) {
      throw new DarajaValidationException(
          "identifierType",
          "is MSISDN, but only an organisation has an account balance here: SHORTCODE or TILL");
    }
    Check.text("remarks", remarks, 1, MAX_REMARKS);
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

  /** Builds an {@link AccountBalanceRequest}. */
  public static final class Builder {
    private String partyA;
    private IdentifierType identifierType;
    private String remarks = DEFAULT_REMARKS;
    private URI resultUrl;
    private URI queueTimeOutUrl;

    private Builder() {}

    /** The shortcode queried, if not the client's. */
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
    public AccountBalanceRequest build() {
      return new AccountBalanceRequest(partyA, identifierType, remarks, resultUrl, queueTimeOutUrl);
    }
  }
}
