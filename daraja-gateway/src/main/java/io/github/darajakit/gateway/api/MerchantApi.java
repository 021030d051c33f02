package io.github.darajakit.gateway.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.darajakit.client.DarajaClient;
import io.github.darajakit.client.DarajaException;
import io.github.darajakit.client.DarajaValidationException;
import io.github.darajakit.client.c2b.C2bRegisterRequest;
import io.github.darajakit.client.c2b.C2bRegisterResponse;
import io.github.darajakit.client.c2b.C2bResponseType;
import io.github.darajakit.client.webhooks.WebhookSecret;
import io.github.darajakit.gateway.c2b.C2bPayment;
import io.github.darajakit.gateway.c2b.C2bStore;
import io.github.darajakit.gateway.callbacks.CallbackSecrets;
import io.github.darajakit.gateway.callbacks.CallbackStore;
import io.github.darajakit.gateway.callbacks.Verdict;
import io.github.darajakit.gateway.core.GatewayError;
import io.github.darajakit.gateway.core.Json;
import io.github.darajakit.gateway.events.Event;
import io.github.darajakit.gateway.events.EventStore;
import io.github.darajakit.gateway.events.EventTypes;
import io.github.darajakit.gateway.http.ApiError;
import io.github.darajakit.gateway.http.HttpCall;
import io.github.darajakit.gateway.http.Reply;
import io.github.darajakit.gateway.http.Router;
import io.github.darajakit.gateway.payments.Payment;
import io.github.darajakit.gateway.payments.PaymentService;
import io.github.darajakit.gateway.payments.PaymentStatus;
import io.github.darajakit.gateway.payments.PaymentStore;
import io.github.darajakit.gateway.webhooks.WebhookStore;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The merchant API under {@code /v1}: payments, C2B payments and registration, events, webhook
 * endpoints and deliveries, and the callbacks kept for review. JSON in and out; errors as {@code
 * {"error":{…}}}; lists with cursor pagination ({@code limit}, {@code starting_after}).
 */
public final class MerchantApi {

  private static final int DEFAULT_LIMIT = 20;
  private static final int MAX_LIMIT = 100;
  private static final int MAX_METADATA_KEYS = 20;
  private static final int MAX_METADATA_VALUE = 500;

  private final PaymentService payments;
  private final PaymentStore paymentStore;
  private final C2bStore c2b;
  private final EventStore events;
  private final WebhookStore webhooks;
  private final CallbackStore callbacks;
  private final DarajaClient daraja;
  private final Supplier<C2bRegistration> c2bRegistration;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  /**
   * Where C2B URLs are registered.
   *
   * @param shortCode the C2B shortcode, or {@code null} if C2B is off
   * @param confirmationUrl the gateway's confirmation URL
   * @param validationUrl the gateway's validation URL
   * @param responseType what M-Pesa does when validation does not answer
   */
  public record C2bRegistration(
      String shortCode,
      String confirmationUrl,
      String validationUrl,
      C2bResponseType responseType) {}

  public MerchantApi(
      PaymentService payments,
      PaymentStore paymentStore,
      C2bStore c2b,
      EventStore events,
      WebhookStore webhooks,
      CallbackStore callbacks,
      DarajaClient daraja,
      Supplier<C2bRegistration> c2bRegistration,
      Clock clock) {
    this.payments = payments;
    this.paymentStore = paymentStore;
    this.c2b = c2b;
    this.events = events;
    this.webhooks = webhooks;
    this.callbacks = callbacks;
    this.daraja = daraja;
    this.c2bRegistration = c2bRegistration;
    this.clock = clock;
  }

  /** Adds the routes. */
  public void routes(Router router) {
    router
        .add("POST", "/v1/payments", this::createPayment)
        .add(
            "GET",
            "/v1/payments",
            Set.of(
                "status",
                "phone",
                "reference",
                "created_after",
                "needs_attention",
                "starting_after",
                "limit"),
            this::listPayments)
        .add("GET", "/v1/payments/{id}", this::getPayment)
        .add("POST", "/v1/c2b/register", this::registerC2b)
        .add(
            "GET",
            "/v1/c2b-payments",
            Set.of("bill_ref_number", "created_after", "starting_after", "limit"),
            this::listC2b)
        .add("GET", "/v1/c2b-payments/{id}", this::getC2b)
        .add(
            "GET",
            "/v1/events",
            Set.of("type", "object_id", "starting_after", "limit"),
            this::listEvents)
        .add("GET", "/v1/events/{id}", this::getEvent)
        .add("POST", "/v1/webhook-endpoints", this::createEndpoint)
        .add("GET", "/v1/webhook-endpoints", this::listEndpoints)
        .add("GET", "/v1/webhook-endpoints/{id}", this::getEndpoint)
        .add("DELETE", "/v1/webhook-endpoints/{id}", this::deleteEndpoint)
        .add(
            "GET",
            "/v1/webhook-deliveries",
            Set.of("event", "status", "limit"),
            this::listDeliveries)
        .add("GET", "/v1/webhook-deliveries/{id}", this::getDelivery)
        .add("POST", "/v1/webhook-deliveries/{id}/replay", this::replayDelivery)
        .add(
            "GET",
            "/v1/callbacks",
            Set.of("outcome", "object_id", "starting_after", "limit"),
            this::listCallbacks);
  }

  private Reply createPayment(HttpCall call) {
    JsonNode body = call.jsonObject();
    allowOnly(body, Set.of("phone", "amount", "reference", "description", "metadata"));
    String phone = requiredText(body, "phone", "the customer's number, e.g. \"0712345678\"");
    long amount = wholeKes(body, "amount");
    String reference = requiredText(body, "reference", "up to 12 characters shown in the prompt");
    String description =
        requiredText(body, "description", "up to 13 characters, Daraja's TransactionDesc");
    JsonNode metadata = metadata(body.get("metadata"));
    Payment payment =
        payments.create(
            new PaymentService.NewPayment(
                phone, amount, reference, description, metadata, idempotencyScope(call)));
    return Reply.json(201, PaymentService.json(payment));
  }

  /** The request's Idempotency-Key within its API key's space, or {@code null}. */
  static String idempotencyScope(HttpCall call) {
    String key = call.header("Idempotency-Key");
    return key == null ? null : call.apiKeyId() + "/" + key;
  }

  private Reply getPayment(HttpCall call) {
    String id = call.pathParam("id");
    return Reply.json(
        200,
        PaymentService.json(
            paymentStore.find(id).orElseThrow(() -> ApiError.notFound("No payment " + id + "."))));
  }

  private Reply listPayments(HttpCall call) {
    Set<PaymentStatus> statuses = Set.of();
    String status = call.query("status");
    if (status != null) {
      statuses = PaymentStatus.forApiName(status);
      if (statuses.isEmpty()) {
        throw ApiError.invalid(
            "status",
            "status must be pending, succeeded, failed, cancelled, expired, unknown or reversed; got '"
                + status
                + "'");
      }
    }
    String phone = call.query("phone");
    if (phone != null) {
      try {
        phone = io.github.darajakit.client.Msisdn.parse("phone", phone).value();
      } catch (DarajaValidationException e) {
        throw ApiError.invalid("phone", e.getMessage());
      }
    }
    int limit = limit(call);
    boolean attention = flag(call, "needs_attention");
    List<Payment> page =
        paymentStore.list(
            statuses,
            phone,
            call.query("reference"),
            createdAfter(call),
            attention,
            cursor(call, id -> paymentStore.find(id).isPresent()),
            limit + 1);
    return list("/v1/payments", page, limit, PaymentService::json);
  }

  private Reply registerC2b(HttpCall call) {
    C2bRegistration registration = c2bRegistration.get();
    if (registration.shortCode() == null) {
      throw ApiError.conflict(
          "c2b_not_configured",
          "No C2B shortcode is configured: set MPESA_C2B_SHORTCODE (or c2b.shortCode).");
    }
    try {
      C2bRegisterResponse response =
          daraja
              .c2b()
              .registerUrls(
                  C2bRegisterRequest.builder()
                      .shortCode(registration.shortCode())
                      .responseType(registration.responseType())
                      .confirmationUrl(registration.confirmationUrl())
                      .validationUrl(registration.validationUrl())
                      .build());
      ObjectNode node = Json.object();
      node.put("object", "c2b_registration")
          .put("short_code", registration.shortCode())
          .put("response_code", response.responseCode())
          .put("response_description", response.responseDescription());
      return Reply.json(200, node);
    } catch (DarajaException e) {
      throw ApiError.conflict(
          "daraja_refused",
          "Daraja did not register the URLs: " + CallbackSecrets.redact(e.getMessage()));
    }
  }

  private Reply listC2b(HttpCall call) {
    int limit = limit(call);
    List<C2bPayment> page =
        c2b.list(
            call.query("bill_ref_number"),
            createdAfter(call),
            cursor(call, id -> c2b.find(id).isPresent()),
            limit + 1);
    return list("/v1/c2b-payments", page, limit, C2bPayment::toJson);
  }

  private Reply getC2b(HttpCall call) {
    String id = call.pathParam("id");
    return Reply.json(
        200,
        c2b.find(id).orElseThrow(() -> ApiError.notFound("No C2B payment " + id + ".")).toJson());
  }

  private Reply listEvents(HttpCall call) {
    int limit = limit(call);
    List<Event> page =
        events.list(
            call.query("type"),
            call.query("object_id"),
            cursor(call, id -> events.find(id).isPresent()),
            limit + 1);
    return list("/v1/events", page, limit, Event::toJson);
  }

  private Reply getEvent(HttpCall call) {
    String id = call.pathParam("id");
    return Reply.json(
        200, events.find(id).orElseThrow(() -> ApiError.notFound("No event " + id + ".")).toJson());
  }

  private Reply createEndpoint(HttpCall call) {
    JsonNode body = call.jsonObject();
    allowOnly(body, Set.of("url", "enabled_events", "description"));
    String url = requiredText(body, "url", "an absolute https URL that receives events");
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw ApiError.invalid("url", "url is not a URL: " + e.getMessage());
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!uri.isAbsolute()
        || uri.getHost() == null
        || !(scheme.equals("https") || scheme.equals("http"))) {
      throw ApiError.invalid("url", "url must be an absolute http(s) URL, got '" + url + "'");
    }
    JsonNode types = body.get("enabled_events");
    List<String> eventTypes = new ArrayList<>();
    if (types == null || !types.isArray() || types.isEmpty()) {
      throw ApiError.invalid(
          "enabled_events",
          "enabled_events must be a non-empty array of event types, e.g. [\"payment.succeeded\"],"
              + " or [\"*\"] for all");
    }
    for (JsonNode type : types) {
      if (!type.isTextual()
          || !(type.textValue().equals("*") || EventTypes.ALL.contains(type.textValue()))) {
        throw ApiError.invalid(
            "enabled_events",
            "enabled_events entries are \"*\" or one of " + EventTypes.ALL + "; got " + type);
      }
      eventTypes.add(type.textValue());
    }
    String description = optionalText(body, "description", "a note for you, e.g. \"ERP\"");
    if (description == null) {
      description = "";
    }
    WebhookSecret secret = WebhookSecret.generate(random);
    WebhookStore.Endpoint endpoint =
        webhooks.create(url, eventTypes, secret.serialized(), description, clock.millis());
    ObjectNode json = endpoint.toJson();
    // The one and only time the secret is shown.
    json.put("secret", secret.serialized());
    return Reply.json(201, json);
  }

  private Reply listEndpoints(HttpCall call) {
    ArrayNode data = Json.array();
    webhooks.endpoints().forEach(e -> data.add(e.toJson()));
    ObjectNode node = Json.object();
    node.put("object", "list").put("url", "/v1/webhook-endpoints").put("has_more", false);
    node.set("data", data);
    return Reply.json(200, node);
  }

  private Reply getEndpoint(HttpCall call) {
    String id = call.pathParam("id");
    return Reply.json(
        200,
        webhooks
            .endpoint(id)
            .orElseThrow(() -> ApiError.notFound("No webhook endpoint " + id + "."))
            .toJson());
  }

  private Reply deleteEndpoint(HttpCall call) {
    String id = call.pathParam("id");
    if (!webhooks.delete(id, clock.millis())) {
      throw ApiError.notFound("No webhook endpoint " + id + ".");
    }
    return Reply.json(
        200, Json.object().put("id", id).put("object", "webhook_endpoint").put("deleted", true));
  }

  private Reply listDeliveries(HttpCall call) {
    String status = call.query("status");
    if (status != null && !Set.of("pending", "delivered", "failed").contains(status)) {
      throw ApiError.invalid("status", "status must be pending, delivered or failed");
    }
    List<WebhookStore.Delivery> page =
        webhooks.deliveries(
            call.query("event"),
            status == null ? null : status.toUpperCase(Locale.ROOT),
            limit(call));
    ArrayNode data = Json.array();
    page.forEach(d -> data.add(d.toJson()));
    ObjectNode node = Json.object();
    node.put("object", "list").put("url", "/v1/webhook-deliveries").put("has_more", false);
    node.set("data", data);
    return Reply.json(200, node);
  }

  private Reply getDelivery(HttpCall call) {
    String id = call.pathParam("id");
    ObjectNode node =
        webhooks
            .delivery(id)
            .orElseThrow(() -> ApiError.notFound("No webhook delivery " + id + "."))
            .toJson();
    node.set("attempt_log", webhooks.attempts(id));
    return Reply.json(200, node);
  }

  private Reply replayDelivery(HttpCall call) {
    String id = call.pathParam("id");
    if (!webhooks.replay(id, clock.millis())) {
      throw ApiError.notFound("No webhook delivery " + id + ".");
    }
    return Reply.json(200, webhooks.delivery(id).orElseThrow().toJson());
  }

  private Reply listCallbacks(HttpCall call) {
    Verdict.Outcome outcome = null;
    String text = call.query("outcome");
    if (text != null) {
      try {
        outcome = Verdict.Outcome.valueOf(text.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw ApiError.invalid(
            "outcome",
            "outcome must be one of "
                + List.of(Verdict.Outcome.values()).toString().toLowerCase(Locale.ROOT));
      }
    }
    Long before = null;
    if (call.query("starting_after") != null) {
      try {
        before = Long.parseLong(call.query("starting_after"));
      } catch (NumberFormatException e) {
        before = 0L;
      }
      if (before <= 0) {
        throw ApiError.invalid(
            "starting_after",
            "starting_after is the id of a callback on the previous page: a whole number from 1,"
                + " got '"
                + call.query("starting_after")
                + "'");
      }
    }
    int limit = limit(call);
    List<CallbackStore.Stored> page =
        callbacks.list(outcome, call.query("object_id"), before, limit + 1);
    return list(
        "/v1/callbacks",
        page,
        limit,
        s -> {
          ObjectNode node = Json.object();
          node.put("id", s.id())
              .put("object", "callback")
              .put("kind", s.kind().name().toLowerCase(Locale.ROOT))
              .put("received_at", Json.time(s.receivedAt()))
              .put("remote_address", s.remoteAddress())
              .put("outcome", s.outcome().name().toLowerCase(Locale.ROOT))
              .put("detail", s.detail())
              .put("object_id", s.objectId())
              .put("match_key", s.matchKey())
              .put("body", s.body());
          return node;
        });
  }

  static <T> Reply list(String url, List<T> rows, int limit, Function<T, ObjectNode> json) {
    boolean more = rows.size() > limit;
    ArrayNode data = Json.array();
    rows.stream().limit(limit).forEach(r -> data.add(json.apply(r)));
    ObjectNode node = Json.object();
    node.put("object", "list").put("url", url).put("has_more", more);
    node.set("data", data);
    return Reply.json(200, node);
  }

  /**
   * The {@code starting_after} cursor, if given: the id of an object on an earlier page. One that
   * names nothing is an error, not an empty page that looks like the end of the list.
   */
  static String cursor(HttpCall call, java.util.function.Predicate<String> exists) {
    String id = call.query("starting_after");
    if (id != null && !exists.test(id)) {
      throw ApiError.invalid(
          "starting_after", "starting_after must be the id of an item on the previous page: " + id);
    }
    return id;
  }

  static int limit(HttpCall call) {
    String text = call.query("limit");
    if (text == null) {
      return DEFAULT_LIMIT;
    }
    try {
      int limit = Integer.parseInt(text);
      if (limit >= 1 && limit <= MAX_LIMIT) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // falls through to the error
    }
    throw ApiError.invalid(
        "limit", "limit must be a whole number from 1 to " + MAX_LIMIT + ", got '" + text + "'");
  }

  /** The latest instant taken: the end of year 9999, where ISO-8601 instants end for most tools. */
  private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

  static Long createdAfter(HttpCall call) {
    String text = call.query("created_after");
    if (text == null) {
      return null;
    }
    Instant instant;
    try {
      instant = Instant.parse(text);
    } catch (DateTimeParseException e) {
      try {
        long seconds = Long.parseLong(text);
        instant =
            seconds < 0 || seconds > LATEST.getEpochSecond()
                ? null
                : Instant.ofEpochSecond(seconds);
      } catch (NumberFormatException again) {
        instant = null;
      }
    }
    if (instant == null || instant.isBefore(Instant.EPOCH) || instant.isAfter(LATEST)) {
      throw ApiError.invalid(
          "created_after",
          "created_after must be an ISO-8601 instant (2026-11-28T09:00:00Z) or unix seconds, from"
              + " 1970 to 9999, got '"
              + text
              + "'");
    }
    return instant.toEpochMilli();
  }

  /** A true/false query parameter; absent is false. */
  static boolean flag(HttpCall call, String name) {
    String text = call.query(name);
    if (text == null || text.equals("false")) {
      return false;
    }
    if (text.equals("true")) {
      return true;
    }
    throw ApiError.invalid(name, name + " must be true or false, got '" + text + "'");
  }

  static void allowOnly(JsonNode body, Set<String> allowed) {
    allowOnly(body, allowed, null);
  }

  /**
   * Refuses a field not in {@code allowed}; {@code where} (e.g. "row 3") says which object of a
   * list, and makes the list's name the param.
   */
  static void allowOnly(JsonNode body, Set<String> allowed, String where) {
    Iterator<String> names = body.fieldNames();
    while (names.hasNext()) {
      String name = GatewayError.printable(names.next());
      if (!allowed.contains(name)) {
        throw ApiError.invalid(
            where == null ? name : "items",
            (where == null ? "" : where + ": ")
                + "unknown parameter '"
                + name
                + "'; allowed: "
                + allowed.stream().sorted().toList());
      }
    }
  }

  static String requiredText(JsonNode body, String field, String what) {
    JsonNode node = body.get(field);
    if (node == null || node.isNull()) {
      throw ApiError.invalid(field, field + " is required: " + what);
    }
    if (!node.isTextual()) {
      throw ApiError.invalid(field, field + " must be a string: " + what);
    }
    return printableText(field, field, node.textValue());
  }

  /** An optional string field: {@code null} when absent or null, else as {@link #requiredText}. */
  static String optionalText(JsonNode body, String field, String what) {
    return body.hasNonNull(field) ? requiredText(body, field, what) : null;
  }

  /**
   * Text without control characters: none belongs in a name, a remark or an id, Daraja's fields
   * refuse them, and PostgreSQL cannot store a NUL at all.
   */
  static String printableText(String param, String field, String text) {
    for (int i = 0; i < text.length(); i++) {
      if (Character.isISOControl(text.charAt(i))) {
        throw ApiError.invalid(
            param,
            field
                + " holds a control character (U+"
                + String.format("%04X", (int) text.charAt(i))
                + " at position "
                + (i + 1)
                + "): send printable text");
      }
    }
    return text;
  }

  static long wholeKes(JsonNode body, String field) {
    JsonNode node = body.get(field);
    if (node == null || node.isNull()) {
      throw ApiError.invalid(field, field + " is required: whole Kenyan shillings, e.g. 150");
    }
    if (!node.isIntegralNumber() || !node.canConvertToLong()) {
      throw ApiError.invalid(
          field, field + " must be a whole number of Kenyan shillings (e.g. 150), got " + node);
    }
    return node.longValue();
  }

  static JsonNode metadata(JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isObject()) {
      throw ApiError.invalid("metadata", "metadata must be an object of string values");
    }
    if (node.size() > MAX_METADATA_KEYS) {
      throw ApiError.invalid("metadata", "metadata has at most " + MAX_METADATA_KEYS + " keys");
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      printableText("metadata", "a metadata key", e.getKey());
      if (e.getValue().isTextual()) {
        printableText("metadata", "metadata." + e.getKey(), e.getValue().textValue());
      }
      if (!e.getValue().isTextual() || e.getValue().textValue().length() > MAX_METADATA_VALUE) {
        throw ApiError.invalid(
            "metadata",
            "metadata."
                + e.getKey()
                + " must be a string of at most "
                + MAX_METADATA_VALUE
                + " characters");
      }
    }
    return node;
  }
}
