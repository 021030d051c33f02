package io.github.darajakit.client.c2b;

/**
 * The sandbox accepted a simulated C2B payment: the customer's payment follows, and with it the
 * validation (if enabled) and confirmation calls to the registered URLs.
 *
 * @param originatorConversationId read from Daraja's misspelled {@code OriginatorCoversationID} (or
 *     {@code OriginatorConversationID}, as in the legacy v1 answer)
 * @param responseCode {@code "0"}
 * @param responseDescription e.g. {@code Accept the service request successfully.}
 * @param rawJson the answer as received, for audit
 */
public record C2bSimulateResponse(
    String originatorConversationId,
    String responseCode,
    String responseDescription,
    String rawJson) {

  /** True when Daraja answered {@code ResponseCode "0"}. */
  public boolean isAccepted() {
    return "0".equals(responseCode);
  }
}
