package io.github.darajakit.client.pull;

/**
 * Daraja's answer to a Pull registration, read from either spelling of its keys ({@code
 * ResponseStatus} or {@code "Response Status"}, {@code ResponseDescription} or {@code "Response
 * Description"}: REFERENCE §13.1).
 *
 * @param responseRefId Daraja's {@code ResponseRefID}
 * @param responseStatus {@code "1000"} registered now, {@code "1001"} registered before
 * @param shortCode the shortcode, as Daraja echoed it
 * @param responseDescription e.g. {@code Shortcode Registered Successfully}
 * @param rawJson the answer as received, for audit
 */
public record PullRegisterResponse(
    String responseRefId,
    String responseStatus,
    String shortCode,
    String responseDescription,
    String rawJson) {

  /** True when the shortcode is registered, now ({@code 1000}) or before ({@code 1001}). */
  public boolean isRegistered() {
    return "1000".equals(responseStatus) || "1001".equals(responseStatus);
  }

  /** True when the shortcode was registered before this request ({@code 1001}). */
  public boolean alreadyRegistered() {
    return "1001".equals(responseStatus);
  }
}
