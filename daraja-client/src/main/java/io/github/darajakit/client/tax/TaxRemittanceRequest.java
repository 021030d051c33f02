package io.github.darajakit.client.tax;

import io.github.darajakit.client.DarajaValidationException;
import io.github.darajakit.client.internal.Check;
import java.net.URI;

/**
 * A tax payment to the Kenya Revenue Authority (REFERENCE §7.3) from a shortcode's Working account,
 * against a KRA Payment Registration Number. Validated when built; nothing is sent until {@code
 * client.tax().remit(request)}.
 *
 * <pre>{@code
 * TaxRemittanceRequest request = TaxRemittanceRequest.builder()
 *     .prn("2024A0012345X")
 *     .amount(48_000)
 *     .remarks("VAT March")
 *     .resultUrl("https://shop.example.com/daraja/tax/result")
 *     .queueTimeOutUrl("https://shop.example.com/daraja/tax/timeout")
 *     .build();
 * }</pre>
 *
 * @param prn the KRA Payment Registration Number, sent as {@code AccountReference}; 1–13 characters
 * @param amount whole KES, at least 1
 * @param remarks {@code Remarks}, 1–100 characters
 * @param partyA the paying shortcode, or {@code null} for the client's shortcode
 * @param resultUrl where Daraja posts the Result
 * @param queueTimeOutUrl where Daraja posts if the request times out in its queue
 */
public record TaxRemittanceRequest(
    String prn, long amount, String remarks, String partyA, URI resultUrl, URI queueTimeOutUrl) {

  /** Longest PRN: B2B's AccountReference limit (REFERENCE §21). */
  public static final int MAX_PRN = 13;

  /** Longest Remarks. */
  public static final int MAX_REMARKS = 100;

  /**
   * Validates every field.
   *
   * @throws DarajaValidationException naming the first field that is wrong and how to fix it
   */
  public TaxRemittanceRequest {
    if (prn == null || prn.isBlank()) {
      throw new DarajaValidationException(
          "prn", "is required: the KRA Payment Registration Number from iTax (1–13 characters)");
    }
    Check.text("prn", prn, 1, MAX_PRN);
    if (amount < 1) {
      throw new DarajaValidationException(
          "amount", "KES " + amount + " is not a payable amount: whole shillings, at least KES 1");
    }
    Check.text("remarks", remarks, 1, MAX_REMARKS);
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
  }

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link TaxRemittanceRequest}. */
  public static final class Builder {
    private String prn;
    private long amount;
    private String remarks;
    private String partyA;
    private URI resultUrl;
    private URI queueTimeOutUrl;

    private Builder() {}

    /** The KRA Payment Registration Number (from iTax). */
    public Builder prn(String prn) {
      this.prn = prn;
      return this;
    }

    /** Whole KES, at least 1. */
    public Builder amount(long amount) {
      this.amount = amount;
      return this;
    }

    /** {@code Remarks}, 1–100 characters. */
    public Builder remarks(String remarks) {
      this.remarks = remarks;
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

    /**
     * Builds the request.
     *
     * @throws DarajaValidationException naming the first field that is wrong
     */
    public TaxRemittanceRequest build() {
      return new TaxRemittanceRequest(prn, amount, remarks, partyA, resultUrl, queueTimeOutUrl);
    }
  }
}
