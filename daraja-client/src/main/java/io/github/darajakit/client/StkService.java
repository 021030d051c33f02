package io.github.darajakit.client;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * M-Pesa Express (REFERENCE §4): push a PIN prompt to a customer, and ask how it ended.
 *
 * <p>A push moves money: if its answer is lost it is never re-sent, and {@link
 * DarajaOutcomeUnknownException} carries the phone, amount and account reference to find it. A
 * query is safe to retry and treats "still processing" as {@link Outcome#PENDING}.
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
   * @throws DarajaValidationException before sending, if the request cannot be valid here (e.g. an
   *     http callback URL in production, no shortcode or passkey)
   * @throws DarajaApiException if Daraja refused it (nothing moved)
   * @throws DarajaOutcomeUnknownException if it may have been accepted but the answer was lost
   */
  public StkPushResponse push(StkPushRequest request) {
    String shortCode = context.shortCode(request.shortCode(), "shortCode");
    Check.callbackUrl(
        "callbackUrl", request.callbackUrl().toString(), context.environment().isProduction());
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
        .put("CallBackURL", request.callbackUrl().toString())
        .put("AccountReference", request.accountReference())
        .put("TransactionDesc", request.description());
    Map<String, String> identifiers = new LinkedHashMap<>();
    identifiers.put("businessShortCode", shortCode);
    identifiers.put("phone", request.phone().masked());
    identifiers.put("amount", Long.toString(request.amount()));
    identifiers.put("accountReference", request.accountReference());
    identifiers.put("timestamp", password.timestamp());
    Transport.Answer answer =
        context
            .transport()
            .execute(
                new Transport.Call("stk.push", PUSH_PATH, Transport.Kind.MONEY, body, identifiers));
    JsonNode json = answer.json();
    return new StkPushResponse(
        json.path("MerchantRequestID").asText(""),
        json.path("CheckoutRequestID").asText(""),
        json.path("ResponseCode").asText(""),
        json.path("ResponseDescription").asText(""),
        json.path("CustomerMessage").asText(""),
        answer.raw());
  }

  /** {@link #push} on the client's executor. */
  public CompletableFuture<StkPushResponse> pushAsync(StkPushRequest request) {
    return context.async(() -> push(request));
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
    Check.text("checkoutRequestId", checkoutRequestId, 1, 64);
    String code = context.shortCode(shortCode, "shortCode");
    StkPassword password =
        StkPassword.now(code, context.passkey(), context.clock(), context.timestampZone());
    ObjectNode body = Json.object();
    body.put("BusinessShortCode", code)
        .put("Password", password.password())
        .put("Timestamp", password.timestamp())
        .put("CheckoutRequestID", checkoutRequestId);
    Transport.Answer answer;
    try {
      answer =
          context
              .transport()
              .execute(
                  new Transport.Call(
                      "stk.query",
                      QUERY_PATH,
                      Transport.Kind.QUERY,
                      body,
                      Map.of("checkoutRequestId", checkoutRequestId)));
    } catch (DarajaApiException e) {
      if (isBeingProcessed(e)) {
        return new StkQueryResult(
            checkoutRequestId, "", ResultCodes.stk("4999"), e.errorMessage(), e.rawBody());
      }
      throw e;
    }
    JsonNode json = answer.json();
    String resultCode = json.path("ResultCode").asText("");
    return new StkQueryResult(
        json.path("CheckoutRequestID").asText(checkoutRequestId),
        json.path("MerchantRequestID").asText(""),
        ResultCodes.stk(resultCode),
        json.path("ResultDesc").asText(""),
        answer.raw());
  }

  /** {@link #query(String)} on the client's executor. */
  public CompletableFuture<StkQueryResult> queryAsync(String checkoutRequestId) {
    return context.async(() -> query(checkoutRequestId));
  }

  /** The legacy pending answer: 500.001.1001 "The transaction is being processed". */
  private static boolean isBeingProcessed(DarajaApiException e) {
    return e.errorCode().equals("500.001.1001")
        && e.errorMessage().toLowerCase(Locale.ROOT).contains("being processed");
  }
}
