package io.github.darajakit.gateway.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.darajakit.gateway.core.Json;
import io.github.darajakit.gateway.http.ApiError;
import io.github.darajakit.gateway.http.HttpCall;
import io.github.darajakit.gateway.http.Reply;
import io.github.darajakit.gateway.http.Requests;
import io.github.darajakit.gateway.http.Router;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;

/**
 * The customer's phone, when the gateway runs on its embedded emulator: the STK prompts waiting for
 * an answer, and answering them as the customer would (approve, cancel, let time out, enter a wrong
 * PIN). It speaks to the emulator's admin API; against Safaricom every route answers 404.
 */
public final class EmulatorApi {

  private static final Set<String> ACTIONS = Set.of("approve", "cancel", "timeout", "wrong-pin");

  private final String adminUrl;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /**
   * @param adminUrl the embedded emulator's admin API ({@code http://…/__admin}), or {@code null}
   *     when the gateway talks to Safaricom
   */
  public EmulatorApi(String adminUrl) {
    this.adminUrl = adminUrl;
  }

  /** Adds the routes. */
  public void routes(Router router) {
    router
        .add("GET", "/v1/emulator/prompts", call -> prompts())
        .add("POST", "/v1/emulator/prompts/{checkout_request_id}/{action}", this::answer)
        .add("PUT", "/v1/emulator/settings", this::settings);
  }

  private Reply prompts() {
    JsonNode state = admin("GET", "/state", null);
    JsonNode pending = admin("GET", "/stk?status=pending", null).path("prompts");
    ObjectNode node = Json.object();
    node.put("object", "emulator_prompts")
        .put("manual_mode", state.path("manualMode").asBoolean(false));
    ArrayNode prompts = node.putArray("prompts");
    for (JsonNode p : pending) {
      prompts
          .addObject()
          .put("checkout_request_id", p.path("checkoutRequestId").asText())
          .put("phone", p.path("phoneNumber").asText())
          .put("amount", p.path("amount").asLong())
          .put("account_reference", p.path("accountReference").asText())
          .put("description", p.path("transactionDesc").asText())
          .put("status", p.path("status").asText())
          .put("created_at", p.path("createdAt").asText());
    }
    return Reply.json(200, node);
  }

  private Reply answer(HttpCall call) {
    String action = call.pathParam("action");
    if (!ACTIONS.contains(action)) {
      throw ApiError.invalid(
          "action", "action must be approve, cancel, timeout or wrong-pin; got '" + action + "'");
    }
    String checkout = call.pathParam("checkout_request_id");
    if (!checkout.matches("[A-Za-z0-9_\\-]{1,64}")) {
      throw ApiError.invalid("checkout_request_id", "not a CheckoutRequestID: '" + checkout + "'");
    }
    JsonNode answered = admin("POST", "/stk/" + checkout + "/" + action, "{}");
    ObjectNode node = Json.object();
    node.put("object", "emulator_prompt")
        .put("checkout_request_id", checkout)
        .put("action", action)
        .put("status", answered.path("status").asText(null));
    return Reply.json(200, node);
  }

  private Reply settings(HttpCall call) {
    JsonNode body = call.jsonObject();
    Requests.allowOnly(body, Set.of("manual_mode"));
    if (!body.path("manual_mode").isBoolean()) {
      throw ApiError.invalid("manual_mode", "manual_mode must be true or false");
    }
    boolean manual = body.path("manual_mode").asBoolean();
    admin("PATCH", "/settings", "{\"stk\":{\"manualMode\":" + manual + "}}");
    ObjectNode node = Json.object();
    node.put("object", "emulator_settings").put("manual_mode", manual);
    return Reply.json(200, node);
  }

  /** Calls the emulator's admin API; its refusals become this API's errors. */
  private JsonNode admin(String method, String path, String body) {
    if (adminUrl == null) {
      throw ApiError.notFound(
          "The gateway is connected to Safaricom, not to its embedded emulator: there is no phone"
              + " to simulate.");
    }
    try {
      HttpResponse<String> reply =
          http.send(
              HttpRequest.newBuilder(URI.create(adminUrl + path))
                  .timeout(Duration.ofSeconds(10))
                  .header("Content-Type", "application/json")
                  .method(
                      method,
                      body == null
                          ? HttpRequest.BodyPublishers.noBody()
                          : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      JsonNode json = Json.parse(reply.body().getBytes(StandardCharsets.UTF_8));
      if (reply.statusCode() == 404) {
        throw ApiError.notFound("No such STK prompt.");
      }
      if (reply.statusCode() == 409) {
        throw ApiError.conflict(
            "prompt_not_pending", "The prompt was answered already, or timed out.");
      }
      if (reply.statusCode() >= 300) {
        throw ApiError.unavailable(
            "The emulator refused: " + json.path("error").asText(reply.body()));
      }
      return json;
    } catch (IOException e) {
      throw ApiError.unavailable("The embedded emulator did not answer: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ApiError.unavailable("interrupted");
    }
  }
}
