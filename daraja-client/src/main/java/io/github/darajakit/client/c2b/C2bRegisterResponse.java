package io.github.darajakit.client.c2b;

/**
 * Daraja registered the C2B URLs of a shortcode.
 *
 * @param originatorConversationId read from Daraja's misspelled {@code OriginatorCoversationID} (or
 *     the correctly spelled key, should Daraja ever fix it)
 * @param responseCode {@code "0"}
 * @param responseDescription {@code Success} (v2) or {@code success} (v1)
 * @param rawJson the answer as received, for audit
 */
public record C2bRegisterResponse(
    String originatorConversationId,
    String responseCode,
    String responseDescription,
    String rawJson) {

  /** True when Daraja answered {@code ResponseCode "0"}. */
  public boolean isSuccess() {
    return "0".equals(responseCode);
  }
}
