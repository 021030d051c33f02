package io.github.darajakit.client.hakikisha;

import io.github.darajakit.client.DarajaValidationException;
import io.github.darajakit.client.Msisdn;
import io.github.darajakit.client.internal.Check;
import java.util.Objects;

/**
 * A B2C Hakikisha name lookup (REFERENCE §16): whose name is registered on a number, before paying
 * it. Validated when built; nothing is sent until {@code client.hakikisha().lookup(request)}.
 *
 * <pre>{@code
 * HakikishaRequest request = HakikishaRequest.builder()
 *     .msisdn("0722000000")
 *     .shortCode("600992")            // optional: the client's shortcode by default
 *     .requestId("payout-42-check")   // optional: a random UUID by default
 *     .build();
 * }</pre>
 *
 * @param msisdn the number to look up, normalised to {@code 2547XXXXXXXX}
 * @param shortCode the organisation asking (5 to 9 digits), or {@code null} for the client's
 * @param requestId the {@code header.requestID} Daraja echoes (1–64 characters), or {@code null}
 *     for a random UUID
 */
public record HakikishaRequest(Msisdn msisdn, String shortCode, String requestId) {

  /** Longest {@code requestId}. */
  public static final int MAX_REQUEST_ID = 64;

  /** Validates every field; each failure names it. */
  public HakikishaRequest {
    if (msisdn == null) {
      throw new DarajaValidationException(
          "msisdn", "is required: a Kenyan mobile number such as 0722000000");
    }
    if (shortCode != null) {
      Check.shortCode("shortCode", shortCode);
    }
    requestId = Check.optionalText("requestId", requestId, MAX_REQUEST_ID);
  }

  /** A lookup of {@code msisdn} for the client's shortcode, under a random request id. */
  public static HakikishaRequest of(String msisdn) {
    return builder().msisdn(msisdn).build();
  }

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Masks the number: requests end up in logs. */
  @Override
  public String toString() {
    return "HakikishaRequest[msisdn="
        + Objects.toString(msisdn)
        + ", shortCode="
        + shortCode
        + ", requestId="
        + requestId
        + "]";
  }

  /** Builds a {@link HakikishaRequest}. */
  public static final class Builder {
    private String msisdn;
    private String shortCode;
    private String requestId;

    private Builder() {}

    /** The number to look up, written any way people write it. */
    public Builder msisdn(String msisdn) {
      this.msisdn = msisdn;
      return this;
    }

    /** The organisation asking; the client's shortcode if not set. */
    public Builder shortCode(String shortCode) {
      this.shortCode = shortCode;
      return this;
    }

    /** The request id Daraja echoes; a random UUID if not set. */
    public Builder requestId(String requestId) {
      this.requestId = requestId;
      return this;
    }

    /**
     * Builds the request.
     *
     * @throws DarajaValidationException naming the first field that is missing or wrong
     */
    public HakikishaRequest build() {
      return new HakikishaRequest(Msisdn.parse("msisdn", msisdn), shortCode, requestId);
    }
  }
}
