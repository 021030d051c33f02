package io.github.darajakit.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.darajakit.client.internal.Check;
import io.github.darajakit.client.internal.ClientContext;
import io.github.darajakit.client.internal.Json;
import io.github.darajakit.client.internal.Transport;
import io.github.darajakit.client.security.StkPassword;
import io.github.darajakit.client.stk.StkPushRequest;
import io.github.darajakit.client.stk.StkPushResponse;
import io.github.darajakit.client.stk.StkQueryResult;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * M-Pesa Express (REFERENCE §4): push a PIN prompt to a customer, and ask how it ended.
 *
 * <pre>{@code
 * String token = "order-1042-1";                  // yours, one per push: record it first
 * try {
 *   StkPushResponse push = daraja.stk().push(StkPushRequest.builder()
 *       .phone("0712 345 678").amount(150)
 *       .accountReference("INV-1042").description("Invoice 1042")
 *       .callbackUrl("https://shop.example.com/daraja/stk")
 *       .callbackToken(token)                     // the callback comes to …/daraja/stk/order-1042-1
 *       .build());
 * } catch (DarajaOutcomeUnknownException e) {
 *   // No CheckoutRequestID: wait for the callback at the URL ending in e.callbackToken().orElseThrow()
 * }
 * }</pre>
 *
 * <p>A push moves money: if its answer is lost it is never re-sent, and {@link
 * DarajaOutcomeUnknownException} carries your {@code callbackToken}, the phone (masked), amount and
 * account reference. A query is safe to retry and treats "still processing" as {@link
 * Outcome#PENDING}.
 */
public final class StkService {

  private static final String PUSH_PATH = "/mpesa/stkpush/v1/processrequest";
  private static final String QUERY_PATH = "/mpesa/stkpushquery/v1/query";

  private final ClientContext context;

  StkService(ClientContext context) {
    this.context = context;
  }

  /**
   * Sends the prompt.
   *
   * <p><b>Never retried once it may have reached Daraja.</b> On {@link
   * DarajaOutcomeUnknownException}: {@value DarajaOutcomeUnknownException#RECOVERY}
   *
   * <p>For an STK push the id is the request's {@code callbackToken} ({@code
   * e.callbackToken().orElseThrow()}): this push's callback arrives at your callback URL ending in
   * it, and carries the CheckoutRequestID that STK Query needs. Daraja refuses no repeat: a second
   * push is a second prompt, which the customer may pay too. A callback with a ResultCode other
   * than 0 is proof that nothing moved; no callback is not (callbacks can be lost): check the
   * shortcode's statement before asking the customer again.
   *
   * @throws DarajaValidationException before sending, if the request cannot be valid here (e.g. an
   *     http callback URL in production, no shortcode or passkey)
   * @throws DarajaApiException if Daraja refused it (nothing moved)
   * @throws DarajaOutcomeUnknownException if it may have been accepted but the answer was lost
   */
  public StkPushResponse push(StkPushRequest request) {
    return push(request, RequestOptions.DEFAULT);
  }

  /**
   * {@link #push(StkPushRequest)} with per-call options (e.g. a timeout). A push that runs out of
   * time after it may have been sent ends in {@link DarajaOutcomeUnknownException}.
   */
  public StkPushResponse push(StkPushRequest request, RequestOptions options) {
    return context.send(() -> pushCall(request), options, DarajaAnswers::readStkPush);
  }

  /**
   * {@link #push(StkPushRequest)} without blocking: no thread waits while it is in flight. Just as
   * money-safe: never retried once it may have reached Daraja; the future then fails with {@link
   * DarajaOutcomeUnknownException}, wrapped in a {@link java.util.concurrent.CompletionException}
   * as {@code join()} and dependent stages see it ({@link DarajaException#unwrap} finds it).
   * Cancelling the future aborts the exchange and fails it the same way, never with a bare {@link
   * java.util.concurrent.CancellationException}; for a time limit use {@link
   * RequestOptions.Builder#timeout} (see {@link DarajaClient}, "Asynchronous calls").
   */
  public CompletableFuture<StkPushResponse> pushAsync(StkPushRequest request) {
    return pushAsync(request, RequestOptions.DEFAULT);
  }

  /** {@link #pushAsync(StkPushRequest)} with per-call options (e.g. a timeout). */
  public CompletableFuture<StkPushResponse> pushAsync(
      StkPushRequest request, RequestOptions options) {
    return context.sendAsync(() -> pushCall(request), options, DarajaAnswers::readStkPush);
  }

  private Transport.Call pushCall(StkPushRequest request) {
    String shortCode = context.shortCode(request.shortCode(), "shortCode");
    String callbackUrl =
        Check.callbackUrl(
                "callbackUrl",
                request.darajaCallbackUrl().toString(),
                context.environment().isProduction())
            .toString();
    StkPassword password =
        StkPassword.now(shortCode, context.passkey(), context.clock(), context.timestampZone());
    ObjectNode body = Json.object();
    body.put("BusinessShortCode", shortCode)
        .put("Password", password.password())
        .put("Timestamp", password.timestamp())
        .put("TransactionType", request.type().wireName())
        .put("Amount", request.amount())
        .put("PartyA", request.phone().value())
        .put("PartyB", request.till() != null ? request.till() : shortCode)
        .put("PhoneNumber", request.phone().value())
        .put("CallBackURL", callbackUrl)
        .put("AccountReference", request.accountReference())
        .put("TransactionDesc", request.description());
    Map<String, String> identifiers = new LinkedHashMap<>();
    if (request.callbackToken() != null) {
      // The only id of the application's that reaches Daraja: without it a push whose answer is
      // lost cannot be matched to its callback.
      identifiers.put("callbackToken", request.callbackToken());
    }
    identifiers.put("businessShortCode", shortCode);
    identifiers.put("phone", request.phone().masked());
    identifiers.put("amount", Long.toString(request.amount()));
    identifiers.put("accountReference", request.accountReference());
    identifiers.put("timestamp", password.timestamp());
    return new Transport.Call("stk.push", PUSH_PATH, Transport.Kind.MONEY, body, identifiers);
  }

  /** Where a push stands, for the client's shortcode. */
  public StkQueryResult query(String checkoutRequestId) {
    return query(checkoutRequestId, null);
  }

  /**
   * Where a push stands. "Being processed" (HTTP 500 {@code 500.001.1001} with that message, or
   * ResultCode 4999) is a {@link Outcome#PENDING} result, not an exception.
   *
   * @param checkoutRequestId from the push's answer
   * @param shortCode the shortcode the push used, or {@code null} for the client's
   */
  public StkQueryResult query(String checkoutRequestId, String shortCode) {
    return query(checkoutRequestId, shortCode, RequestOptions.DEFAULT);
  }

  /**
   * {@link #query(String, String)} with per-call options: a query that runs out of time ends in
   * {@link DarajaUnavailableException} (nothing moved: ask again).
   */
  public StkQueryResult query(String checkoutRequestId, String shortCode, RequestOptions options) {
    return context.send(
        () -> queryCall(checkoutRequestId, shortCode), options, queryReader(checkoutRequestId));
  }

  /**
   * {@link #query(String)} without blocking. It fails as {@code join()} and dependent stages see
   * it: a {@link java.util.concurrent.CompletionException} (from {@code get()}, an {@code
   * ExecutionException}) whose cause is the {@link DarajaException}; {@link DarajaException#unwrap}
   * finds it.
   */
  public CompletableFuture<StkQueryResult> queryAsync(String checkoutRequestId) {
    return queryAsync(checkoutRequestId, null, RequestOptions.DEFAULT);
  }

  /** {@link #query(String, String, RequestOptions)} without blocking. */
  public CompletableFuture<StkQueryResult> queryAsync(
      String checkoutRequestId, String shortCode, RequestOptions options) {
    return context.sendAsync(
        () -> queryCall(checkoutRequestId, shortCode), options, queryReader(checkoutRequestId));
  }

  private Transport.Call queryCall(String checkoutRequestId, String shortCode) {
    Check.text("checkoutRequestId", checkoutRequestId, 1, 64);
    String code = context.shortCode(shortCode, "shortCode");
    StkPassword password =
        StkPassword.now(code, context.passkey(), context.clock(), context.timestampZone());
    ObjectNode body = Json.object();
    body.put("BusinessShortCode", code)
        .put("Password", password.password())
        .put("Timestamp", password.timestamp())
        .put("CheckoutRequestID", checkoutRequestId);
    return new Transport.Call(
        "stk.query",
        QUERY_PATH,
        Transport.Kind.QUERY,
        body,
        Map.of("checkoutRequestId", checkoutRequestId));
  }

  private static Transport.Reader<StkQueryResult> queryReader(String checkoutRequestId) {
    return DarajaAnswers.stkQueryReader(checkoutRequestId);
  }
}
