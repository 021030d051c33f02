package io.github.darajakit.client.b2bexpress;

/**
 * Daraja accepted a B2B Express Checkout push: the USSD prompt is on its way to the till's operator
 * ({@code {"code":"0","status":"USSD Initiated Successfully"}}, REFERENCE §8). How it ends arrives
 * on the callback URL, with {@code requestId} = the request's {@code RequestRefID}.
 *
 * @param requestRefId the {@code RequestRefID} that was sent (yours, or the generated UUID)
 * @param code {@code code}: {@code "0"}
 * @param status {@code status}, e.g. {@code USSD Initiated Successfully}
 * @param rawJson the answer as received, for audit
 */
public record B2bExpressCheckoutAcknowledgement(
    String requestRefId, String code, String status, String rawJson) {

  /** The {@code code} of an accepted push. */
  public static final String ACCEPTED = "0";
}
