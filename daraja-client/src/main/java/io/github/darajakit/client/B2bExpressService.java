package io.github.darajakit.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.darajakit.client.b2bexpress.B2bExpressCheckoutAcknowledgement;
import io.github.darajakit.client.b2bexpress.B2bExpressCheckoutRequest;
import io.github.darajakit.client.internal.Check;
import io.github.darajakit.client.internal.ClientContext;
import io.github.darajakit.client.internal.Json;
import io.github.darajakit.client.internal.Transport;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * B2B Express Checkout (REFERENCE §8): a USSD prompt asks a till's operator to pay your PayBill
 * from the till; the outcome arrives on the callback URL as a flat camelCase body.
 *
 * <pre>{@code
 * B2bExpressCheckoutRequest request = B2bExpressCheckoutRequest.builder()
 *     .primaryShortCode("600501").receiverShortCode("600000")
 *     .amount(2500).paymentRef("INV-1042").partnerName("Acme Supplies")
 *     .callbackUrl("https://shop.example.com/daraja/b2b-express")
 *     .build();
 * invoices.recordPush("INV-1042", request.requestRefId());   // before sending
 * try {
 *   daraja.b2bExpress().push(request);
 * } catch (DarajaOutcomeUnknownException e) {
 *   // Not sent again: wait for the callback whose requestId is e.requestRefId().orElseThrow()
 * }
 *
 * // Later, in the handler of https://shop.example.com/daraja/b2b-express:
 * if (DarajaCallbacks.parse(body) instanceof B2bExpressCheckoutCallback paid && paid.isPaid()) {
 *   invoices.markPaid(paid.requestId(), paid.transactionId().orElseThrow());
 * }
 * }</pre>
 *
 * <p>A push moves money: if its answer is lost it is never re-sent, and {@link
 * DarajaOutcomeUnknownException} carries the {@code requestRefId} (always present: one is generated
 * when the request has none), the {@code primaryShortCode}, {@code receiverShortCode}, {@code
 * amount} and {@code paymentRef}.
 */
public final class B2bExpressService {

  static final String PUSH_PATH = "/v1/ussdpush/get-msisdn";
  static final String PUSH_OPERATION = "b2bExpress.push";

  private final ClientContext context;

  B2bExpressService(ClientContext context) {
    this.context = context;
  }

  /**
   * Sends the USSD prompt to the till's operator.
   *
   * <p><b>Never retried once it may have reached Daraja.</b> On {@link
   * DarajaOutcomeUnknownException}: {@value DarajaOutcomeUnknownException#RECOVERY}
   *
   * <p>For this push the id is the request's {@code RequestRefID} ({@code
   * e.requestRefId().orElseThrow()}), which the callback's {@code requestId} carries. A callback
   * with a {@code resultCode} other than 0 is proof that nothing moved; no callback is not: check
   * your PayBill's statement before pushing again, since a second push is a second prompt the
   * operator may pay too.
   *
   * @return the acknowledgement ({@code code "0"}): the prompt was sent, nothing has moved yet
   * @throws DarajaValidationException before sending, e.g. an http callback URL in production
   * @throws DarajaApiException if Daraja refused it (nothing moved): an error envelope, or a {@code
   *     code} other than {@code "0"}, which {@link DarajaApiException#errorCode()} carries
   * @throws DarajaOutcomeUnknownException if it may have been accepted but the answer was lost
   */
  public B2bExpressCheckoutAcknowledgement push(B2bExpressCheckoutRequest request) {
    return context.exchange(() -> pushCall(request), RequestOptions.DEFAULT, reader(request));
  }

  /**
   * {@link #push} without blocking: no thread waits while it is in flight. Just as money-safe:
   * never retried once it may have reached Daraja; the future then completes exceptionally with
   * {@link DarajaOutcomeUnknownException}. It fails as {@code join()} and dependent stages see it:
   * a {@link java.util.concurrent.CompletionException} (from {@code get()}, an {@code
   * ExecutionException}) whose cause is the {@link DarajaException}; {@link DarajaException#unwrap}
   * finds it.
   */
  public CompletableFuture<B2bExpressCheckoutAcknowledgement> pushAsync(
      B2bExpressCheckoutRequest request) {
    return context.exchangeAsync(() -> pushCall(request), RequestOptions.DEFAULT, reader(request));
  }

  private static Function<Transport.Call, Transport.Reader<B2bExpressCheckoutAcknowledgement>>
      reader(B2bExpressCheckoutRequest request) {
    return call -> answer -> acknowledgement(request.requestRefId(), call, answer);
  }

  /** The request, ready to send: exposed to tests, which check the wire without I/O. */
  Transport.Call pushCall(B2bExpressCheckoutRequest request) {
    String callbackUrl =
        Check.callbackUrl(
                "callbackUrl",
                request.darajaCallbackUrl().toString(),
                context.environment().isProduction())
            .toString();
    ObjectNode body = Json.object();
    // camelCase, except RequestRefID, spelled as in the portal's sample body (REFERENCE §8); the
    // amount is a string there too.
    body.put("primaryShortCode", request.primaryShortCode())
        .put("receiverShortCode", request.receiverShortCode())
        .put("amount", Long.toString(request.amount()))
        .put("paymentRef", request.paymentRef())
        .put("callbackUrl", callbackUrl)
        .put("partnerName", request.partnerName())
        .put("RequestRefID", request.requestRefId());
    Map<String, String> identifiers = new LinkedHashMap<>();
    identifiers.put("requestRefId", request.requestRefId());
    if (request.callbackToken() != null) {
      identifiers.put("callbackToken", request.callbackToken());
    }
    identifiers.put("primaryShortCode", request.primaryShortCode());
    identifiers.put("receiverShortCode", request.receiverShortCode());
    identifiers.put("amount", Long.toString(request.amount()));
    identifiers.put("paymentRef", request.paymentRef());
    return new Transport.Call(PUSH_OPERATION, PUSH_PATH, Transport.Kind.MONEY, body, identifiers);
  }

  /**
   * Reads a 2xx answer: {@code {"code":"0","status":…}} is an acknowledgement; another code, or the
   * classic error envelope, a refusal; anything else leaves the outcome unknown.
   */
  static B2bExpressCheckoutAcknowledgement acknowledgement(
      String requestRefId, Transport.Call call, Transport.Answer answer) {
    JsonNode json = answer.json();
    if (json.hasNonNull("errorCode")) {
      throw new DarajaApiException(
          answer.status(),
          json.path("errorCode").asText(""),
          json.path("errorMessage").asText(""),
          json.path("requestId").asText(""),
          answer.raw());
    }
    JsonNode code = json.path("code");
    if (!code.isValueNode() || code.asText("").isBlank()) {
      // Neither an acknowledgement nor a refusal: whether the prompt was sent cannot be told.
      throw new DarajaOutcomeUnknownException(
          call.operation(),
          call.identifiers(),
          new IOException("HTTP " + answer.status() + " without a code"));
    }
    String status = json.path("status").asText("");
    String text = code.asText().strip();
    if (!text.equals(B2bExpressCheckoutAcknowledgement.ACCEPTED)) {
      throw new DarajaApiException(answer.status(), text, status, "", answer.raw());
    }
    return new B2bExpressCheckoutAcknowledgement(requestRefId, text, status, answer.raw());
  }
}
