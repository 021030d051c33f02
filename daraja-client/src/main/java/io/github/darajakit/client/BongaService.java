package io.github.darajakit.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.darajakit.client.bonga.BongaCalculation;
import io.github.darajakit.client.bonga.BongaRedeemRequest;
import io.github.darajakit.client.bonga.BongaRedemption;
import io.github.darajakit.client.internal.ClientContext;
import io.github.darajakit.client.internal.Json;
import io.github.darajakit.client.internal.Transport;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Lipa na Bonga (REFERENCE §16): what a customer's Safaricom Bonga points are worth, and paying a
 * PayBill with them.
 *
 * <pre>{@code
 * BongaCalculation worth = daraja.bonga().calculate(250);      // 250 points → KES 50 at 0.2
 * BongaRedemption accepted = daraja.bonga().redeem(BongaRedeemRequest.builder()
 *     .msisdn("0720776155")
 *     .bongaPoints(worth.points())
 *     .conversionRate(worth.rate())
 *     .amount(worth.amount().longValueExact())
 *     .accountNumber("INV-1042")
 *     .build());
 * // The customer approves a PIN prompt; the payment arrives as a C2B confirmation
 * // (BillRefNumber "INV-1042") on the shortcode's registered ConfirmationURL.
 * }</pre>
 *
 * <p>Both answer in Lipa na Bonga's own envelope, {@code {"header":{requestRefId, responseCode,
 * responseMessage, customerMessage, timestamp}, "body":…}}; a {@code responseCode} other than
 * {@code 200} (see {@link ResultCodes.Family#BONGA}) is a {@link DarajaApiException} whose {@code
 * errorCode()} is that code and whose {@code requestId()} is {@code requestRefId}.
 */
public final class BongaService {

  static final String CALCULATE_PATH = "/v1/lipa/na/bonga/calculate-points";
  static final String REDEEM_PATH = "/v1/lipa/na/bonga/redeem-paybill";

  private static final Transport.Reader<BongaCalculation> CALCULATION =
      Lookups.reader(
          BongaService::isEnvelope,
          BongaService::error,
          answer -> parseCalculation(answer.status(), answer.json(), answer.raw()));

  private final ClientContext context;

  BongaService(ClientContext context) {
    this.context = context;
  }

  /**
   * What {@code points} Bonga points are worth in KES. Moves nothing, so it is retried like a
   * query.
   *
   * @throws DarajaValidationException before sending, if {@code points} is below 1
   * @throws DarajaApiException if Daraja refused, e.g. {@code 6006} missing parts in body
   */
  public BongaCalculation calculate(long points) {
    return context.send(() -> calculateCall(points), RequestOptions.DEFAULT, CALCULATION);
  }

  private Transport.Call calculateCall(long points) {
    if (points < 1) {
      throw new DarajaValidationException(
          "points", points + " is not a number of points: expected 1 or more");
    }
    ObjectNode body = Json.object();
    // Daraja's sample sends the points as a string.
    body.put("points", Long.toString(points));
    return new Transport.Call(
        "bonga.calculate",
        CALCULATE_PATH,
        Transport.Kind.QUERY,
        body,
        Map.of("points", Long.toString(points)));
  }

  /**
   * {@link #calculate} without blocking: no thread waits while it is in flight. It fails as {@code
   * join()} and dependent stages see it: a {@link java.util.concurrent.CompletionException} (from
   * {@code get()}, an {@code ExecutionException}) whose cause is the {@link DarajaException};
   * {@link DarajaException#unwrap} finds it.
   */
  public CompletableFuture<BongaCalculation> calculateAsync(long points) {
    return context.sendAsync(() -> calculateCall(points), RequestOptions.DEFAULT, CALCULATION);
  }

  /**
   * Asks the customer to pay the PayBill with Bonga points: they get a PIN prompt, and on approval
   * the shortcode's registered C2B ConfirmationURL receives the payment ({@code BillRefNumber} =
   * the account number, {@code TransAmount} = the amount).
   *
   * <p><b>Never retried once it may have reached Daraja.</b> On {@link
   * DarajaOutcomeUnknownException}: {@value DarajaOutcomeUnknownException#RECOVERY}
   *
   * <p>Lipa na Bonga takes no id of yours and refuses no repeat: a second request is a second
   * prompt. Its identifiers are {@code msisdn} (masked), {@code amount}, {@code bongaPoints},
   * {@code shortCode} and {@code accountNumber}; look for a C2B confirmation with that
   * BillRefNumber and amount (or Pull Transactions) before asking the customer again.
   *
   * @throws DarajaValidationException before sending, if the client has no shortcode and the
   *     request names none
   * @throws DarajaApiException if Daraja refused it (nothing moved), e.g. {@code 6001}
   * @throws DarajaOutcomeUnknownException if it may have been accepted but the answer was lost
   */
  public BongaRedemption redeem(BongaRedeemRequest request) {
    return context.exchange(
        () -> redeemCall(request), RequestOptions.DEFAULT, BongaService::redemption);
  }

  private Transport.Call redeemCall(BongaRedeemRequest request) {
    String shortCode = context.shortCode(request.shortCode(), "shortCode");
    ObjectNode body = Json.object();
    body.put("msisdn", request.msisdn().value())
        .put("amount", request.amount())
        .put("bongaPoints", request.bongaPoints())
        .put("conversionRate", request.conversionRate())
        .put("shortCode", shortCode)
        .put("accountNumber", request.accountNumber());
    Map<String, String> identifiers = new LinkedHashMap<>();
    identifiers.put("msisdn", request.msisdn().masked());
    identifiers.put("amount", Long.toString(request.amount()));
    identifiers.put("bongaPoints", Long.toString(request.bongaPoints()));
    identifiers.put("shortCode", shortCode);
    identifiers.put("accountNumber", request.accountNumber());
    return new Transport.Call("bonga.redeem", REDEEM_PATH, Transport.Kind.MONEY, body, identifiers);
  }

  /** Reads a redemption's answer: one that is not Lipa na Bonga's envelope leaves it unknown. */
  private static Transport.Reader<BongaRedemption> redemption(Transport.Call call) {
    return Lookups.reader(
        BongaService::isEnvelope,
        BongaService::error,
        answer -> {
          if (!isEnvelope(answer.json())) {
            // A 2xx that is not Lipa na Bonga's envelope: accepted or not, nobody can tell.
            throw new DarajaOutcomeUnknownException(
                call.operation(),
                call.identifiers(),
                new IOException("HTTP " + answer.status() + " without a Lipa na Bonga header"));
          }
          return parseRedemption(answer.status(), answer.json(), answer.raw());
        });
  }

  /**
   * {@link #redeem} without blocking: no thread waits while it is in flight. Just as money-safe:
   * never retried once it may have reached Daraja; the future then completes exceptionally with
   * {@link DarajaOutcomeUnknownException}. It fails as {@code join()} and dependent stages see it:
   * a {@link java.util.concurrent.CompletionException} (from {@code get()}, an {@code
   * ExecutionException}) whose cause is the {@link DarajaException}; {@link DarajaException#unwrap}
   * finds it.
   */
  public CompletableFuture<BongaRedemption> redeemAsync(BongaRedeemRequest request) {
    return context.exchangeAsync(
        () -> redeemCall(request), RequestOptions.DEFAULT, BongaService::redemption);
  }

  static BongaCalculation parseCalculation(int httpStatus, JsonNode json, String raw) {
    JsonNode header = json.path("header");
    String code = header.path("responseCode").asText("");
    if (!isSuccess(code)) {
      throw error(httpStatus, json, raw);
    }
    JsonNode body = json.path("body");
    try {
      return new BongaCalculation(
          header.path("requestRefId").asText(""),
          code,
          header.path("responseMessage").asText(""),
          header.path("customerMessage").asText(""),
          header.path("timestamp").asText(""),
          new BigDecimal(body.path("amount").asText()),
          new BigDecimal(body.path("points").asText()).longValueExact(),
          new BigDecimal(body.path("rate").asText()),
          raw);
    } catch (ArithmeticException | NumberFormatException e) {
      throw new DarajaApiException(
          httpStatus,
          code,
          "calculate-points answered without a numeric amount, points and rate",
          header.path("requestRefId").asText(""),
          raw);
    }
  }

  static BongaRedemption parseRedemption(int httpStatus, JsonNode json, String raw) {
    JsonNode header = json.path("header");
    String code = header.path("responseCode").asText("");
    if (!isSuccess(code)) {
      throw error(httpStatus, json, raw);
    }
    return new BongaRedemption(
        header.path("requestRefId").asText(""),
        code,
        header.path("responseMessage").asText(""),
        header.path("customerMessage").asText(""),
        header.path("timestamp").asText(""),
        raw);
  }

  /** {@code 200} is what Daraja's samples send; {@code 6000} is its catalogue's "Success". */
  private static boolean isSuccess(String code) {
    return code.equals("200") || code.equals("6000");
  }

  private static boolean isEnvelope(JsonNode json) {
    return json.path("header").isObject() && json.path("header").has("responseCode");
  }

  private static DarajaApiException error(int httpStatus, JsonNode json, String raw) {
    JsonNode header = json.path("header");
    String message = header.path("responseMessage").asText("");
    if (message.isEmpty()) {
      message = header.path("customerMessage").asText("");
    }
    String code = header.path("responseCode").asText("");
    return new DarajaApiException(
        httpStatus,
        code,
        message.isEmpty() ? ResultCodes.lookup(ResultCodes.Family.BONGA, code).meaning() : message,
        header.path("requestRefId").asText(""),
        raw);
  }
}
