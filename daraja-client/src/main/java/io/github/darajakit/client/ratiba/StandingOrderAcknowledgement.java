package io.github.darajakit.client.ratiba;

/**
 * Daraja accepted a standing-order request for processing: the customer now gets a PIN prompt to
 * consent. Whether the standing order was created arrives later on the CallBackURL (see {@code
 * DarajaCallbacks.parseStandingOrderCallback}).
 *
 * <pre>{@code
 * StandingOrderAcknowledgement ack = daraja.ratiba().create(request);
 * orders.savePending(request.name(), ack.responseRefId());
 * }</pre>
 *
 * @param responseRefId Daraja's {@code responseRefID}; the callback's {@code responseRefID} repeats
 *     it
 * @param responseCode {@code "200"} when accepted
 * @param responseDescription e.g. {@code Request accepted for processing}
 * @param resultDescription the header's {@code ResultDesc}, e.g. {@code The service request is
 *     processed successfully.}, or {@code ""}
 * @param rawJson the answer as received, for audit
 */
public record StandingOrderAcknowledgement(
    String responseRefId,
    String responseCode,
    String responseDescription,
    String resultDescription,
    String rawJson) {

  /** The {@code responseCode} of an accepted request. */
  public static final String ACCEPTED = "200";

  /** True when Daraja accepted the request ({@code responseCode "200"}). */
  public boolean accepted() {
    return ACCEPTED.equals(responseCode);
  }
}
