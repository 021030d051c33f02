package io.github.darajakit.client.c2b;

import io.github.darajakit.client.DarajaValidationException;
import io.github.darajakit.client.internal.Check;
import java.net.URI;
import java.util.List;

/**
 * Registers where M-Pesa sends a shortcode's C2B payments: the confirmation URL (every completed
 * payment) and, if External Validation is enabled for the shortcode, the validation URL (each
 * payment before it completes). Validated when built; nothing is sent until {@code
 * client.c2b().registerUrls(request)}.
 *
 * <pre>{@code
 * C2bRegisterRequest request = C2bRegisterRequest.builder()
 *     .shortCode("600992")
 *     .responseType(C2bResponseType.COMPLETED)
 *     .confirmationUrl("https://shop.example.com/payments/confirm")
 *     .validationUrl("https://shop.example.com/payments/validate")
 *     .build();
 * }</pre>
 *
 * <p>The URLs must not contain M-PESA, mpesa, Safaricom, exe, exec, cmd, sql or query in any case
 * (REFERENCE §1.5); in production they must use HTTPS.
 *
 * @param shortCode the PayBill or till, or {@code null} for the client's default shortcode
 * @param responseType what happens when the validation URL fails: {@link C2bResponseType#COMPLETED}
 *     (default) or {@link C2bResponseType#CANCELLED}
 * @param confirmationUrl where confirmations go (required)
 * @param validationUrl where validations go, or {@code null}
 * @param version {@code 2} (default: callbacks carry a masked MSISDN, {@code 2547 ***** 126}) or
 *     {@code 1} (legacy: a SHA-256 hash of the MSISDN)
 */
public record C2bRegisterRequest(
    String shortCode,
    C2bResponseType responseType,
    URI confirmationUrl,
    URI validationUrl,
    int version) {

  /**
   * Words Daraja refuses anywhere in a C2B URL, in any case (REFERENCE §1.5): {@code m-pesa},
   * {@code mpesa}, {@code safaricom}, {@code exec}, {@code exe}, {@code cmd}, {@code sql}, {@code
   * query}.
   */
  public static final List<String> RESERVED_URL_WORDS = Check.RESERVED_URL_WORDS;

  /** Validates every field; each failure names it. */
  public C2bRegisterRequest {
    if (shortCode != null) {
      Check.shortCode("shortCode", shortCode);
    }
    if (responseType == null) {
      responseType = C2bResponseType.COMPLETED;
    }
    if (confirmationUrl == null) {
      throw new DarajaValidationException(
          "confirmationUrl", "is required: an absolute https URL Daraja can reach");
    }
    Check.callbackUrl("confirmationUrl", confirmationUrl.toString(), false);
    Check.withoutReservedWords("confirmationUrl", confirmationUrl);
    if (validationUrl != null) {
      Check.callbackUrl("validationUrl", validationUrl.toString(), false);
      Check.withoutReservedWords("validationUrl", validationUrl);
    }
    if (version != 1 && version != 2) {
      throw new DarajaValidationException(
          "version",
          version
              + " is not a C2B URL registration version: use 2 (current, masked MSISDN in"
              + " callbacks) or 1 (legacy, hashed MSISDN)");
    }
  }

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link C2bRegisterRequest}. */
  public static final class Builder {
    private String shortCode;
    private C2bResponseType responseType = C2bResponseType.COMPLETED;
    private URI confirmationUrl;
    private URI validationUrl;
    private int version = 2;

    private Builder() {}

    /** The PayBill or till whose URLs these are (default: the client's shortcode). */
    public Builder shortCode(String shortCode) {
      this.shortCode = shortCode;
      return this;
    }

    /** What M-Pesa does when the validation URL fails (default {@code Completed}). */
    public Builder responseType(C2bResponseType responseType) {
      this.responseType = responseType;
      return this;
    }

    /** Where M-Pesa confirms each completed payment. */
    public Builder confirmationUrl(String confirmationUrl) {
      this.confirmationUrl = Check.callbackUrl("confirmationUrl", confirmationUrl, false);
      return this;
    }

    /** Where M-Pesa asks to validate each payment, if validation is enabled for the shortcode. */
    public Builder validationUrl(String validationUrl) {
      this.validationUrl =
          validationUrl == null ? null : Check.callbackUrl("validationUrl", validationUrl, false);
      return this;
    }

    /** {@code 2} (default) or {@code 1}: decides how callbacks show the customer's MSISDN. */
    public Builder version(int version) {
      this.version = version;
      return this;
    }

    /**
     * Builds the request.
     *
     * @throws DarajaValidationException naming the first field that is missing or wrong
     */
    public C2bRegisterRequest build() {
      return new C2bRegisterRequest(
          shortCode, responseType, confirmationUrl, validationUrl, version);
    }
  }
}
