package io.github.darajakit.client.callbacks;

import io.github.darajakit.client.Outcome;
import io.github.darajakit.client.ResultCode;
import io.github.darajakit.client.ResultCodes;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * How a B2B Express Checkout (USSD push to a till, {@code /v1/ussdpush/get-msisdn}) ended: a flat
 * camelCase body posted to the request's {@code callbackUrl}, with no {@code Result} envelope
 * (REFERENCE §8). The portal's "Result" parameter table for this API describes the B2B envelope by
 * mistake; these are the keys its JSON samples carry.
 *
 * <pre>{@code
 * B2bExpressCheckoutCallback paid = DarajaCallbacks.parseB2bExpressCheckoutCallback(body);
 * if (paid.isPaid()) {
 *   invoices.markPaid(paid.requestId(), paid.transactionId().orElseThrow());
 * }
 * }</pre>
 *
 * <p>Cancelled: {@code {"resultCode":"4001","resultDesc":"User cancelled
 * transaction","requestId":"c2a9ba32-…","amount":"71.0","paymentReference":"MAndbubry3hi"}}. Paid:
 * {@code {"resultCode":"0",…,"amount":"71.0","requestId":"404e1aec-…","resultType":"0",
 * "conversationID":"AG_20230426_2010434680d9f5a73766","transactionId":"RDQ01NFT1Q",
 * "status":"SUCCESS"}}.
 *
 * @param resultCode {@code resultCode} in the {@link ResultCodes.Family#B2B_EXPRESS} catalogue:
 *     {@code 0} paid, {@code 4001} cancelled by the till operator, {@code 4102} merchant KYC
 *     failed, {@code 4104} no nominated number, {@code 4201}/{@code 4203} USSD errors
 * @param resultDesc {@code resultDesc}, or {@code ""}
 * @param requestId {@code requestId}: matches the callback to the request. ⚠ REFERENCE §8 does not
 *     say whether it echoes the request's {@code RequestRefID}; both are UUIDs in the samples.
 * @param amount {@code amount} (e.g. {@code "71.0"}), exact, if present
 * @param paymentReference {@code paymentReference}: the request's {@code paymentRef}, if present
 *     (the cancelled sample has it, the paid one does not)
 * @param transactionId {@code transactionId}: the M-Pesa receipt, on success
 * @param conversationId {@code conversationID}, on success
 * @param resultType {@code resultType}, on success
 * @param status {@code status}, e.g. {@code SUCCESS}
 * @param rawJson the body as received
 */
public record B2bExpressCheckoutCallback(
    ResultCode resultCode,
    String resultDesc,
    String requestId,
    Optional<BigDecimal> amount,
    Optional<String> paymentReference,
    Optional<String> transactionId,
    Optional<String> conversationId,
    Optional<String> resultType,
    Optional<String> status,
    String rawJson)
    implements DarajaCallback {

  /** What the result means for the money. */
  public Outcome outcome() {
    return resultCode.outcome();
  }

  /** True if the merchant paid ({@code resultCode} {@code 0}). */
  public boolean isPaid() {
    return resultCode.isSuccess();
  }

  /** The identifiers only, never the raw body. */
  @Override
  public String toString() {
    return "B2bExpressCheckoutCallback[requestId="
        + requestId
        + ", resultCode="
        + resultCode.code()
        + ", transactionId="
        + transactionId.orElse("")
        + "]";
  }
}
