package io.github.darajakit.client;

/**
 * Daraja accepted an initiator request (B2C, B2Pochi, B2B, tax, Transaction Status, Account
 * Balance, Reversal) for processing. This is only the acknowledgement: the outcome arrives later as
 * a {@code Result} envelope posted to the request's ResultURL (or, if M-Pesa could not process it
 * in time, to its QueueTimeOutURL).
 *
 * <pre>{@code
 * InitiatorAcknowledgement ack = daraja.b2c().pay(request);
 * store.savePending(ack.originatorConversationId(), ack.conversationId());
 * }</pre>
 *
 * <p>Keep both ids: the Result carries them, and Transaction Status finds the transaction by the
 * OriginatorConversationID.
 *
 * @param conversationId Daraja's ConversationID, e.g. {@code AG_20240706_20106e9209f64bebd05b}
 * @param originatorConversationId the OriginatorConversationID: the one the SDK generated (or you
 *     supplied) for B2C v3 and B2Pochi, the gateway's for every other API
 * @param responseCode {@code "0"} when accepted
 * @param responseDescription e.g. {@code Accept the service request successfully.}
 * @param rawJson the answer as received, for audit
 */
public record InitiatorAcknowledgement(
    String conversationId,
    String originatorConversationId,
    String responseCode,
    String responseDescription,
    String rawJson) {

  /** True when Daraja accepted the request ({@code ResponseCode "0"}). */
  public boolean accepted() {
    return "0".equals(responseCode);
  }
}
