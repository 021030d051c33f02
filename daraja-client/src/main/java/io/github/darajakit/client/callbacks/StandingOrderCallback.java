package io.github.darajakit.client.callbacks;

import io.github.darajakit.client.Outcome;
import io.github.darajakit.client.ResultCodes;

/**
 * How an M-Pesa Ratiba (standing order) request ended: {@code {"responseHeader":{…},
 * "responseBody":{"responseData":[…]}}} posted to the request's CallBackURL (REFERENCE §15). Keys
 * come in either case ({@code responseHeader} or {@code ResponseHeader}, {@code name} or {@code
 * Name}): both are read.
 *
 * <p>Match it to your request by the callback URL's token, or by {@link #responseRefId()}, which
 * repeats the acknowledgement's. Treat a second callback for the same request as a duplicate.
 *
 * @param responseRefId the header's {@code responseRefID}, or {@code ""}
 * @param requestRefId the header's {@code requestRefID}, or {@code ""}
 * @param resultCode the header's {@code responseCode} as text (a JSON string or number; the {@code
 *     responseCode} data item if the header has none): {@code "0"} when created, see {@link
 *     ResultCodes.Family#STANDING_ORDER}
 * @param resultDescription the header's {@code responseDescription}, or {@code ""}
 * @param transactionId the {@code TransactionID} data item ({@code "0000000000"} on failure), or
 *     {@code ""}
 * @param status the {@code Status} data item, e.g. {@code OKAY} or {@code ERROR}, or {@code ""}
 * @param msisdn the {@code Msisdn} data item as Daraja sends it, already masked ({@code
 *     254******867}), or {@code ""}
 * @param raw the body as received
 */
public record StandingOrderCallback(
    String responseRefId,
    String requestRefId,
    String resultCode,
    String resultDescription,
    String transactionId,
    String status,
    String msisdn,
    String raw)
    implements DarajaCallback {

  /** True if the standing order was created ({@link #resultCode()} {@code 0}). */
  public boolean succeeded() {
    return outcome() == Outcome.SUCCESS;
  }

  /** What the result code means, in the {@link ResultCodes.Family#STANDING_ORDER} catalogue. */
  public Outcome outcome() {
    return ResultCodes.standingOrder(resultCode).outcome();
  }

  /** The body exactly as received: {@link #raw()}. */
  @Override
  public String rawJson() {
    return raw;
  }

  /** Leaves out the raw body. */
  @Override
  public String toString() {
    return "StandingOrderCallback[responseRefId="
        + responseRefId
        + ", requestRefId="
        + requestRefId
        + ", resultCode="
        + resultCode
        + ", resultDescription="
        + resultDescription
        + ", transactionId="
        + transactionId
        + ", status="
        + status
        + ", msisdn="
        + msisdn
        + "]";
  }
}
