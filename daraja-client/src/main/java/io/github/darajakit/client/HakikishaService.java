package io.github.darajakit.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.darajakit.client.hakikisha.HakikishaRequest;
import io.github.darajakit.client.hakikisha.HakikishaResponse;
import io.github.darajakit.client.internal.ClientContext;
import io.github.darajakit.client.internal.Json;
import io.github.darajakit.client.internal.Transport;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * B2C Hakikisha (REFERENCE §16): the registered name behind a number, masked, to check before a
 * payout that the number is the intended person's. Synchronous: no callback. Safaricom must approve
 * the product for the app.
 *
 * <pre>{@code
 * HakikishaResponse names = daraja.hakikisha().lookup("0722000000");
 * if (!names.firstName().equalsIgnoreCase(expectedFirstName)) {
 *   holdPayout(names.maskedName()); // "john M****** M******"
 * }
 * }</pre>
 *
 * <p>A lookup moves no money, so it is retried like a query. Hakikisha's own error envelope ({@code
 * {"header":{"status":"400",…},"body":{"message":"The customer does not exist."}}}) becomes a
 * {@link DarajaApiException} whose {@code errorCode()} is {@code header.status} and whose {@code
 * errorMessage()} is {@code body.message}.
 */
public final class HakikishaService {

  static final String PATH = "/mpesa/b2c/hakikisha/v1/hakikisha";

  /** Daraja's message for a number no customer has. */
  public static final String CUSTOMER_DOES_NOT_EXIST = "The customer does not exist.";

  private static final Transport.Reader<HakikishaResponse> READER =
      Lookups.reader(
          HakikishaService::isEnvelope,
          HakikishaService::error,
          answer -> parse(answer.status(), answer.json(), answer.raw()));

  private final ClientContext context;

  HakikishaService(ClientContext context) {
    this.context = context;
  }

  /**
   * The names registered on {@code msisdn}, asked for the client's shortcode.
   *
   * @throws DarajaValidationException before sending, naming {@code msisdn} if it is not a Kenyan
   *     mobile number, or {@code shortCode} if the client has none
   * @throws DarajaApiException if Daraja refused, e.g. status {@code 400} "The customer does not
   *     exist."
   */
  public HakikishaResponse lookup(String msisdn) {
    return context.send(() -> call(HakikishaRequest.of(msisdn)), RequestOptions.DEFAULT, READER);
  }

  /**
   * The names registered on the request's number.
   *
   * @throws DarajaValidationException before sending, naming {@code shortCode} if neither the
   *     request nor the client has one
   * @throws DarajaApiException if Daraja refused, e.g. status {@code 400} "The customer does not
   *     exist."
   */
  public HakikishaResponse lookup(HakikishaRequest request) {
    return context.send(() -> call(request), RequestOptions.DEFAULT, READER);
  }

  /**
   * {@link #lookup(String)} without blocking: no thread waits while it is in flight. It fails as
   * {@code join()} and dependent stages see it: a {@link java.util.concurrent.CompletionException}
   * (from {@code get()}, an {@code ExecutionException}) whose cause is the {@link DarajaException};
   * {@link DarajaException#unwrap} finds it.
   */
  public CompletableFuture<HakikishaResponse> lookupAsync(String msisdn) {
    return context.sendAsync(
        () -> call(HakikishaRequest.of(msisdn)), RequestOptions.DEFAULT, READER);
  }

  /**
   * {@link #lookup(HakikishaRequest)} without blocking: no thread waits while it is in flight. It
   * fails as {@code join()} and dependent stages see it: a {@link
   * java.util.concurrent.CompletionException} (from {@code get()}, an {@code ExecutionException})
   * whose cause is the {@link DarajaException}; {@link DarajaException#unwrap} finds it.
   */
  public CompletableFuture<HakikishaResponse> lookupAsync(HakikishaRequest request) {
    return context.sendAsync(() -> call(request), RequestOptions.DEFAULT, READER);
  }

  Transport.Call call(HakikishaRequest request) {
    String shortCode = context.shortCode(request.shortCode(), "shortCode");
    String requestId =
        request.requestId() != null ? request.requestId() : UUID.randomUUID().toString();
    ObjectNode body = Json.object();
    body.putObject("header")
        .put("requestID", requestId)
        .put("timestamp", Long.toString(context.clock().instant().getEpochSecond()));
    body.putObject("body").put("msisdn", request.msisdn().value()).put("shortcode", shortCode);
    return new Transport.Call(
        "hakikisha.lookup", PATH, Transport.Kind.QUERY, body, Map.of("requestId", requestId));
  }

  static HakikishaResponse parse(int httpStatus, JsonNode json, String raw) {
    JsonNode header = json.path("header");
    String status = header.path("status").asText("");
    if (!status.equals("200")) {
      throw error(httpStatus, json, raw);
    }
    JsonNode body = json.path("body");
    return new HakikishaResponse(
        header.path("requestID").asText(""),
        header.path("timestamp").asText(""),
        status,
        header.path("message").asText(""),
        body.path("firstName").asText(""),
        body.path("middleName").asText(""),
        body.path("lastName").asText(""),
        raw);
  }

  /** An error answer re-read as Hakikisha's envelope when it is one; otherwise unchanged. */
  static DarajaApiException refusal(DarajaApiException e) {
    return Lookups.reread(e, HakikishaService::isEnvelope, HakikishaService::error);
  }

  private static boolean isEnvelope(JsonNode json) {
    return json.path("header").isObject();
  }

  private static DarajaApiException error(int httpStatus, JsonNode json, String raw) {
    JsonNode header = json.path("header");
    String message = json.path("body").path("message").asText("");
    if (message.isEmpty()) {
      message = header.path("message").asText("");
    }
    return new DarajaApiException(
        httpStatus,
        header.path("status").asText(""),
        message.isEmpty() ? "Hakikisha answered without a status of 200" : message,
        header.path("requestID").asText(""),
        raw);
  }
}
