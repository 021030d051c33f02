package io.github.darajakit.client.pull;

import io.github.darajakit.client.DarajaValidationException;
import io.github.darajakit.client.Msisdn;
import io.github.darajakit.client.internal.Check;
import java.net.URI;

/**
 * Registers a shortcode for Pull Transactions (REFERENCE §13.1), once per shortcode. Validated when
 * built; nothing is sent until {@code client.pull().register(request)}.
 *
 * <pre>{@code
 * PullRegisterRequest request = PullRegisterRequest.builder()
 *     .shortCode("600992")
 *     .nominatedNumber("0722000000")
 *     .callbackUrl("https://shop.example.com/payments/pull")
 *     .build();
 * }</pre>
 *
 * @param shortCode the PayBill or till, or {@code null} for the client's default shortcode
 * @param nominatedNumber the Safaricom number on the shortcode's KYC (not the shortcode); sent in
 *     the {@code 07…} form of Daraja's sample
 * @param callbackUrl Daraja's required {@code CallBackURL}
 */
public record PullRegisterRequest(String shortCode, Msisdn nominatedNumber, URI callbackUrl) {

  /** The {@code RequestType} Daraja expects; the only one there is. */
  public static final String REQUEST_TYPE = "Pull";

  /** Validates every field; each failure names it. */
  public PullRegisterRequest {
    if (shortCode != null) {
      Check.shortCode("shortCode", shortCode);
    }
    if (nominatedNumber == null) {
      throw new DarajaValidationException(
          "nominatedNumber",
          "is required: the Safaricom number on the shortcode's KYC, e.g. 0722000000");
    }
    if (callbackUrl == null) {
      throw new DarajaValidationException(
          "callbackUrl", "is required: an absolute https URL Daraja can reach");
    }
    Check.callbackUrl("callbackUrl", callbackUrl.toString(), false);
  }

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link PullRegisterRequest}. */
  public static final class Builder {
    private String shortCode;
    private Msisdn nominatedNumber;
    private URI callbackUrl;

    private Builder() {}

    /** The shortcode to register (default: the client's shortcode). */
    public Builder shortCode(String shortCode) {
      this.shortCode = shortCode;
      return this;
    }

    /** The KYC phone number, in any common Kenyan format ({@code 0722…}, {@code +254…}). */
    public Builder nominatedNumber(String nominatedNumber) {
      this.nominatedNumber = Msisdn.parse("nominatedNumber", nominatedNumber);
      return this;
    }

    /** The KYC phone number. */
    public Builder nominatedNumber(Msisdn nominatedNumber) {
      this.nominatedNumber = nominatedNumber;
      return this;
    }

    /** Daraja's {@code CallBackURL}. */
    public Builder callbackUrl(String callbackUrl) {
      this.callbackUrl = Check.callbackUrl("callbackUrl", callbackUrl, false);
      return this;
    }

    /**
     * Builds the request.
     *
     * @throws DarajaValidationException naming the first field that is missing or wrong
     */
    public PullRegisterRequest build() {
      return new PullRegisterRequest(shortCode, nominatedNumber, callbackUrl);
    }
  }
}
