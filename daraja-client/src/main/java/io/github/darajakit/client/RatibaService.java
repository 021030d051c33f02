package io.github.darajakit.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.darajakit.client.internal.Check;
import io.github.darajakit.client.internal.ClientContext;
import io.github.darajakit.client.internal.Json;
import io.github.darajakit.client.internal.Transport;
import io.github.darajakit.client.ratiba.StandingOrderAcknowledgement;
import io.github.darajakit.client.ratiba.StandingOrderRequest;
import java.io.IOException;
import java.time.format.DateTimeFormatter;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * M-Pesa Ratiba (REFERENCE §15): create a standing order that pays a PayBill or till from a
 * customer's wallet on a schedule. The customer consents with a PIN prompt; the outcome arrives on
 * the CallBackURL ({@code DarajaCallbacks.parseStandingOrderCallback}).
 *
 * <pre>{@code
 * String token = "so-4b-2026";                    // yours, one per standing order: record it first
 * try {
 *   StandingOrderAcknowledgement ack = daraja.ratiba().create(StandingOrderRequest.builder()
 *       .name("Rent flat 4B")
 *       .startDate(LocalDate.of(2026, 11, 1)).endDate(LocalDate.of(2027, 10, 31))
 *       .frequency(StandingOrderFrequency.MONTHLY)
 *       .amount(4500).phone("0712 345 678")
 *       .accountReference("FLAT-4B").description("Rent")
 *       .callbackUrl("https://shop.example.com/daraja/ratiba")
 *       .callbackToken(token)                     // the callback comes to …/daraja/ratiba/so-4b-2026
 *       .build());
 * } catch (DarajaOutcomeUnknownException e) {
 *   // Wait for the callback at the URL ending in e.callbackToken().orElseThrow()
 * }
 * }</pre>
 *
 * <p>Creating a standing order commits the customer's money, so a request whose answer is lost is
 * never re-sent: {@link DarajaOutcomeUnknownException} carries your {@code callbackToken}, the
 * {@code standingOrderName}, shortcode, phone (masked), amount and account reference.
 */
public final class RatibaService {

  static final String CREATE_PATH = "/standingorder/v1/createStandingOrderExternal";
  static final String CREATE_OPERATION = "ratiba.create";

  private final ClientContext context;

  RatibaService(ClientContext context) {
    this.context = context;
  }

  /**
   * Asks Daraja to create a standing order; the customer gets a PIN prompt to consent.
   *
   * <p><b>Never retried once it may have reached Daraja.</b> On {@link
   * DarajaOutcomeUnknownException}: {@value DarajaOutcomeUnknownException#RECOVERY}
   *
   * <p>For a standing order the id is the {@code StandingOrderName} ({@code
   * e.standingOrderName().orElseThrow()}), with the request's {@code callbackToken} when it has
   * one: the callback arrives at your callback URL ending in that token. Daraja refuses a second
   * standing order with the same name for the same customer (ResultCode {@code 1050} in the
   * callback), so sending it again with the same name cannot create two; a {@code 1050} after an
   * unknown outcome is no proof that the first one failed.
   *
   * @return Daraja's acknowledgement ({@code responseCode "200"}): accepted for processing, not yet
   *     created
   * @throws DarajaValidationException before sending, e.g. an http callback URL in production, no
   *     shortcode
   * @throws DarajaApiException if Daraja refused it: an error envelope, or a {@code responseCode}
   *     other than {@code "200"} (e.g. {@code "401"}, {@code "500"}), which {@link
   *     DarajaApiException#errorCode()} carries
   * @throws DarajaOutcomeUnknownException if it may have been accepted but the answer was lost
   */
  public StandingOrderAcknowledgement create(StandingOrderRequest request) {
    return context.exchange(
        () -> createCall(request),
        RequestOptions.DEFAULT,
        call -> answer -> acknowledgement(call, answer));
  }

  /**
   * {@link #create} without blocking: no thread waits while it is in flight. Just as money-safe:
   * never retried once it may have reached Daraja; the future then completes exceptionally with
   * {@link DarajaOutcomeUnknownException}. It fails as {@code join()} and dependent stages see it:
   * a {@link java.util.concurrent.CompletionException} (from {@code get()}, an {@code
   * ExecutionException}) whose cause is the {@link DarajaException}; {@link DarajaException#unwrap}
   * finds it.
   */
  public CompletableFuture<StandingOrderAcknowledgement> createAsync(StandingOrderRequest request) {
    return context.exchangeAsync(
        () -> createCall(request),
        RequestOptions.DEFAULT,
        call -> answer -> acknowledgement(call, answer));
  }

  /** The request, ready to send: exposed to tests, which check the wire without I/O. */
  Transport.Call createCall(StandingOrderRequest request) {
    String shortCode = context.shortCode(request.shortCode(), "shortCode");
    String callbackUrl =
        Check.callbackUrl(
                "callbackUrl",
                request.darajaCallbackUrl().toString(),
                context.environment().isProduction())
            .toString();
    ObjectNode body = Json.object();
    // Amount and Frequency are strings on the wire, as in the portal's sample.
    body.put("StandingOrderName", request.name())
        .put("StartDate", request.startDate().format(DateTimeFormatter.BASIC_ISO_DATE))
        .put("EndDate", request.endDate().format(DateTimeFormatter.BASIC_ISO_DATE))
        .put("BusinessShortCode", shortCode)
        .put("TransactionType", request.type().wireName())
        .put("ReceiverPartyIdentifierType", request.type().receiverIdentifierType())
        .put("Amount", Long.toString(request.amount()))
        .put("PartyA", request.phone().value())
        .put("CallBackURL", callbackUrl)
        .put("AccountReference", request.accountReference())
        .put("TransactionDesc", request.description())
        .put("Frequency", Integer.toString(request.frequency().code()));
    Map<String, String> identifiers = new LinkedHashMap<>();
    if (request.callbackToken() != null) {
      // Names the URL this request's callback arrives at: the way to match a lost answer to it.
      identifiers.put("callbackToken", request.callbackToken());
    }
    identifiers.put("standingOrderName", request.name());
    identifiers.put("businessShortCode", shortCode);
    identifiers.put("phone", request.phone().masked());
    identifiers.put("amount", Long.toString(request.amount()));
    identifiers.put("accountReference", request.accountReference());
    return new Transport.Call(
        CREATE_OPERATION, CREATE_PATH, Transport.Kind.MONEY, body, identifiers);
  }

  /**
   * Reads a 2xx answer: {@code {"ResponseHeader":{"responseCode":"200",…}}} (keys in any case) is
   * an acknowledgement; another responseCode, or the classic error envelope, a refusal.
   */
  static StandingOrderAcknowledgement acknowledgement(
      Transport.Call call, Transport.Answer answer) {
    JsonNode json = answer.json();
    JsonNode header = member(json, "ResponseHeader");
    if (!header.isObject()) {
      if (json.hasNonNull("errorCode")) {
        throw new DarajaApiException(
            answer.status(),
            json.path("errorCode").asText(""),
            json.path("errorMessage").asText(""),
            json.path("requestId").asText(""),
            answer.raw());
      }
      // Neither an acknowledgement nor a refusal: whether Daraja took it cannot be told.
      throw new DarajaOutcomeUnknownException(
          call.operation(),
          call.identifiers(),
          new IOException("HTTP " + answer.status() + " without a ResponseHeader.responseCode"));
    }
    String code = text(member(header, "responseCode"));
    if (code.isEmpty()) {
      code = text(member(member(json, "ResponseBody"), "responseCode"));
    }
    if (code.isEmpty()) {
      throw new DarajaOutcomeUnknownException(
          call.operation(),
          call.identifiers(),
          new IOException("HTTP " + answer.status() + " without a ResponseHeader.responseCode"));
    }
    String refId = text(member(header, "responseRefID"));
    String description = text(member(header, "responseDescription"));
    if (description.isEmpty()) {
      description = text(member(member(json, "ResponseBody"), "responseDescription"));
    }
    if (!code.equals(StandingOrderAcknowledgement.ACCEPTED)) {
      throw new DarajaApiException(answer.status(), code, description, refId, answer.raw());
    }
    return new StandingOrderAcknowledgement(
        refId,
        code,
        description,
        text(member(header, "ResultDesc", "resultDescription")),
        answer.raw());
  }

  /** The member named like one of {@code names}, ignoring case (Ratiba's casing varies). */
  private static JsonNode member(JsonNode object, String... names) {
    for (String name : names) {
      if (object.has(name)) {
        return object.get(name);
      }
    }
    Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      for (String name : names) {
        if (field.getKey().equalsIgnoreCase(name)) {
          return field.getValue();
        }
      }
    }
    return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
  }

  private static String text(JsonNode node) {
    return node.isValueNode() && !node.isNull() ? node.asText("").strip() : "";
  }
}
