package io.github.darajakit.gateway.api;

import static io.github.darajakit.gateway.http.Requests.allowOnly;
import static io.github.darajakit.gateway.http.Requests.cursor;
import static io.github.darajakit.gateway.http.Requests.limit;
import static io.github.darajakit.gateway.http.Requests.list;
import static io.github.darajakit.gateway.http.Requests.optionalText;
import static io.github.darajakit.gateway.http.Requests.requiredText;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.darajakit.client.webhooks.WebhookSecret;
import io.github.darajakit.gateway.callbacks.CallbackStore;
import io.github.darajakit.gateway.callbacks.Verdict;
import io.github.darajakit.gateway.core.Json;
import io.github.darajakit.gateway.events.Event;
import io.github.darajakit.gateway.events.EventCatalog;
import io.github.darajakit.gateway.events.EventStore;
import io.github.darajakit.gateway.http.ApiError;
import io.github.darajakit.gateway.http.HttpCall;
import io.github.darajakit.gateway.http.Reply;
import io.github.darajakit.gateway.http.Router;
import io.github.darajakit.gateway.webhooks.WebhookStore;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The merchant API's gateway-wide part: events, webhook endpoints and deliveries, and the callbacks
 * kept for review. (Each money flow adds its own routes.)
 */
public final class EventsApi {

  private final EventStore events;
  private final EventCatalog catalog;
  private final WebhookStore webhooks;
  private final CallbackStore callbacks;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  /**
   * @param eventTypes the types a webhook endpoint may subscribe to
   */
  public EventsApi(
      EventStore events,
      EventCatalog eventTypes,
      WebhookStore webhooks,
      CallbackStore callbacks,
      Clock clock) {
    this.events = events;
    this.catalog = eventTypes;
    this.webhooks = webhooks;
    this.callbacks = callbacks;
    this.clock = clock;
  }

  /** Adds the routes. */
  public void routes(Router router) {
    router
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
          || !(type.textValue().equals("*") || catalog.contains(type.textValue()))) {
        throw ApiError.invalid(
            "enabled_events",
            "enabled_events entries are \"*\" or one of " + catalog.all() + "; got " + type);
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
              .put("kind", s.kind().toLowerCase(Locale.ROOT))
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
}
