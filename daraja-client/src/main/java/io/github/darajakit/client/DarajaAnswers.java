package io.github.darajakit.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.darajakit.client.c2b.C2bRegisterResponse;
import io.github.darajakit.client.c2b.C2bSimulateResponse;
import io.github.darajakit.client.internal.Answers;
import io.github.darajakit.client.internal.Transport;
import io.github.darajakit.client.stk.StkPushResponse;
import io.github.darajakit.client.stk.StkQueryResult;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Reads what Daraja answers synchronously, for applications that send requests with their own HTTP
 * stack: give it the HTTP status and the body, get back the same typed answer {@link DarajaClient}
 * returns, or the same exception it throws. {@link DarajaClient} reads its own answers with these
 * methods. Pure functions: no I/O, no state, safe from any thread.
 *
 * <pre>{@code
 * HttpClient http = HttpClient.newHttpClient();
 * HttpResponse<String> answer = http.send(
 *     HttpRequest.newBuilder(URI.create("https://sandbox.safaricom.co.ke/mpesa/stkpush/v1/processrequest"))
 *         .header("Authorization", "Bearer " + token.value())
 *         .header("Content-Type", "application/json")
 *         .POST(HttpRequest.BodyPublishers.ofString(pushJson))
 *         .build(),
 *     HttpResponse.BodyHandlers.ofString());
 * try {
 *   StkPushResponse push = DarajaAnswers.stkPush(answer.statusCode(), answer.body());
 *   orders.awaitCallback(push.checkoutRequestId());
 * } catch (DarajaOutcomeUnknownException e) {
 *   orders.reconcileLater(); // a 5xx or unreadable answer: the prompt may have gone out
 * } catch (DarajaApiException e) {
 *   orders.refused(e.errorCode(), e.errorMessage()); // refused: nothing moved
 * }
 * }</pre>
 *
 * <h2>Errors</h2>
 *
 * Every method throws what the client throws for the same answer, once the client has no retry left
 * (these methods never retry: that is the caller's decision):
 *
 * <ul>
 *   <li>{@link DarajaApiException} for an error envelope: the classic {@code
 *       {"requestId","errorCode","errorMessage"}}, an Apigee {@code
 *       {"fault":{"faultstring":…,"detail":{"errorcode":…}}}} (the code is the Apigee {@code
 *       errorcode}), a SOAP fault rendered as JSON ({@code {"Envelope":{"Body":{"Fault":…}}}}), or
 *       an empty or non-JSON body (REFERENCE §1.3, §2). The raw body is kept in {@link
 *       DarajaApiException#rawBody()}.
 *   <li>{@link DarajaAuthenticationException} for refused consumer keys ({@code 400.008.0x}).
 *   <li>{@link DarajaRateLimitException} for HTTP 429, SpikeArrest {@code 500.003.02} and quota
 *       {@code 500.003.03}: rejected at the gateway, nothing moved.
 *   <li>For a 5xx that does not say the request was refused: {@link DarajaOutcomeUnknownException}
 *       if the call moves money ({@link #stkPush}, {@link #c2bSimulate}, {@link
 *       #initiatorAcknowledgement}), because it may have been carried out — never "failed" — and
 *       {@link DarajaUnavailableException} if it does not. A 2xx whose body is not a JSON object is
 *       likewise an unknown outcome for a money call. Refusals that arrive as 5xx ("Unable to lock
 *       subscriber", "Merchant does not exist", "Duplicate OriginatorConversationID.") stay {@link
 *       DarajaApiException}.
 * </ul>
 *
 * <p>An unknown outcome raised here carries no identifiers: the request was yours, so you hold
 * them. {@value DarajaOutcomeUnknownException#RECOVERY}
 */
public final class DarajaAnswers {

  private DarajaAnswers() {}

  /**
   * Reads the answer to an STK push ({@code POST /mpesa/stkpush/v1/processrequest}).
   *
   * @param httpStatus the HTTP status Daraja answered with
   * @param body the body as received ({@code null} is an empty body)
   * @throws DarajaApiException if Daraja refused it (nothing moved)
   * @throws DarajaOutcomeUnknownException for a 5xx that is not a refusal, or an unreadable 2xx:
   *     the prompt may have been sent
   */
  public static StkPushResponse stkPush(int httpStatus, String body) {
    return readStkPush(read("stk.push", Transport.Kind.MONEY, httpStatus, body));
  }

  /**
   * Reads the answer to an STK Query ({@code POST /mpesa/stkpushquery/v1/query}). "Still being
   * processed" in either style Daraja uses — HTTP 200 with ResultCode {@code 4999}, or HTTP 500
   * {@code 500.001.1001 "The transaction is being processed"} — is a {@link Outcome#PENDING}
   * result, not an exception.
   *
   * @param httpStatus the HTTP status Daraja answered with
   * @param body the body as received
   * @param checkoutRequestId the push you asked about: the legacy pending answer does not name it
   * @throws DarajaApiException if Daraja refused the query (e.g. {@code 400.002.02 "Bad Request -
   *     Invalid CheckoutRequestID"})
   * @throws DarajaUnavailableException for a 5xx that is not a refusal: ask again later
   */
  public static StkQueryResult stkQuery(int httpStatus, String body, String checkoutRequestId) {
    Objects.requireNonNull(checkoutRequestId, "checkoutRequestId");
    return readStkQuery(
        checkoutRequestId, () -> read("stk.query", Transport.Kind.QUERY, httpStatus, body));
  }

  /**
   * Reads the answer to a C2B URL registration ({@code POST /mpesa/c2b/v1|v2/registerurl}).
   *
   * @throws DarajaApiException if Daraja refused, e.g. {@code 500.003.1001 "Urls are already
   *     registered."} or the SOAP fault {@code SCO-AddURLVault … ResponseCode 409}
   * @throws DarajaUnavailableException for a 5xx that is not a refusal
   */
  public static C2bRegisterResponse c2bRegister(int httpStatus, String body) {
    return readC2bRegister(read("c2b.register", Transport.Kind.REGISTRATION, httpStatus, body));
  }

  /**
   * Reads the answer to a (sandbox) C2B simulation ({@code POST /mpesa/c2b/v1|v2/simulate}).
   *
   * @throws DarajaApiException if Daraja refused it (nothing moved)
   * @throws DarajaOutcomeUnknownException for a 5xx that is not a refusal, or an unreadable 2xx:
   *     the sandbox payment may have happened
   */
  public static C2bSimulateResponse c2bSimulate(int httpStatus, String body) {
    return readC2bSimulate(read("c2b.simulate", Transport.Kind.MONEY, httpStatus, body));
  }

  /**
   * Reads the acknowledgement of an initiator request that moves money: B2C (v1, v3), B2Pochi, B2B
   * (pay bill, buy goods, top-up), tax remittance and reversal. For Transaction Status and Account
   * Balance, which move nothing, use {@link #initiatorQueryAcknowledgement}.
   *
   * @throws DarajaApiException if Daraja refused it (nothing moved — except {@link
   *     DarajaApiException#isDuplicateRequest()}, which leaves the earlier request's outcome
   *     unknown)
   * @throws DarajaOutcomeUnknownException for a 5xx that is not a refusal, or an unreadable 2xx:
   *     money may have moved
   */
  public static InitiatorAcknowledgement initiatorAcknowledgement(int httpStatus, String body) {
    return InitiatorCalls.acknowledgement(
        read("initiator.request", Transport.Kind.MONEY, httpStatus, body));
  }

  /**
   * Reads the acknowledgement of a Transaction Status or Account Balance request: like {@link
   * #initiatorAcknowledgement}, except that a 5xx is {@link DarajaUnavailableException} (nothing
   * can have moved; ask again later).
   */
  public static InitiatorAcknowledgement initiatorQueryAcknowledgement(
      int httpStatus, String body) {
    return InitiatorCalls.acknowledgement(
        read("initiator.query", Transport.Kind.QUERY, httpStatus, body));
  }

  /**
   * Reads the answer to {@code GET /oauth/v1/generate?grant_type=client_credentials}.
   *
   * @throws DarajaAuthenticationException if the keys were refused ({@code 400.008.01}, {@code
   *     400.008.02}, or production's empty HTTP 400 for sandbox keys)
   * @throws DarajaApiException for an HTTP 200 without {@code access_token}
   * @throws DarajaRateLimitException for HTTP 429 or SpikeArrest
   * @throws DarajaUnavailableException for a 5xx
   */
  public static AccessToken oauthToken(int httpStatus, String body) {
    return Answers.accessToken(Answers.oauth(httpStatus, body));
  }

  // ---- what the client's services share with the public readers -----------------------------

  private static Transport.Answer read(
      String operation, Transport.Kind kind, int httpStatus, String body) {
    return Answers.read(
        new Transport.Call(operation, "", kind, null, Map.of()), httpStatus, body, 1, null);
  }

  static StkPushResponse readStkPush(Transport.Answer answer) {
    JsonNode json = answer.json();
    return new StkPushResponse(
        json.path("MerchantRequestID").asText(""),
        json.path("CheckoutRequestID").asText(""),
        json.path("ResponseCode").asText(""),
        json.path("ResponseDescription").asText(""),
        json.path("CustomerMessage").asText(""),
        answer.raw());
  }

  /** The query's answer from {@code send}, with the legacy "being processed" refusal as pending. */
  static StkQueryResult readStkQuery(String checkoutRequestId, Supplier<Transport.Answer> send) {
    Transport.Reader<StkQueryResult> reader = stkQueryReader(checkoutRequestId);
    Transport.Answer answer;
    try {
      answer = send.get();
    } catch (DarajaApiException e) {
      return reader.refused(e);
    }
    return reader.read(answer);
  }

  /** Reads a query's answer, and the legacy "being processed" refusal as pending. */
  static Transport.Reader<StkQueryResult> stkQueryReader(String checkoutRequestId) {
    return new Transport.Reader<>() {
      @Override
      public StkQueryResult read(Transport.Answer answer) {
        JsonNode json = answer.json();
        return new StkQueryResult(
            json.path("CheckoutRequestID").asText(checkoutRequestId),
            json.path("MerchantRequestID").asText(""),
            ResultCodes.stk(json.path("ResultCode").asText("")),
            json.path("ResultDesc").asText(""),
            answer.raw());
      }

      @Override
      public StkQueryResult refused(DarajaApiException e) {
        if (isBeingProcessed(e)) {
          return new StkQueryResult(
              checkoutRequestId, "", ResultCodes.stk("4999"), e.errorMessage(), e.rawBody());
        }
        throw e;
      }
    };
  }

  /** The legacy pending answer: 500.001.1001 "The transaction is being processed". */
  private static boolean isBeingProcessed(DarajaApiException e) {
    return e.errorCode().equals("500.001.1001")
        && e.errorMessage().toLowerCase(Locale.ROOT).contains("being processed");
  }

  static C2bRegisterResponse readC2bRegister(Transport.Answer answer) {
    JsonNode json = answer.json();
    return new C2bRegisterResponse(
        originatorConversationId(json),
        json.path("ResponseCode").asText(""),
        json.path("ResponseDescription").asText(""),
        answer.raw());
  }

  static C2bSimulateResponse readC2bSimulate(Transport.Answer answer) {
    JsonNode json = answer.json();
    return new C2bSimulateResponse(
        originatorConversationId(json),
        json.path("ResponseCode").asText(""),
        json.path("ResponseDescription").asText(""),
        answer.raw());
  }

  /** C2B answers misspell the key ({@code OriginatorCoversationID}); legacy ones do not. */
  private static String originatorConversationId(JsonNode json) {
    return json.path("OriginatorCoversationID")
        .asText(json.path("OriginatorConversationID").asText(""));
  }
}
