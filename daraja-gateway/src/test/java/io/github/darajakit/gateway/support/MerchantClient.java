package io.github.darajakit.gateway.support;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;

/** The merchant's side of the gateway API, with the JDK HttpClient. */
public final class MerchantClient {

  /**
   * An answer.
   *
   * @param status HTTP status
   * @param json body
   */
  public record Reply(int status, JsonNode json) {
    public String text(String field) {
      return json.path(field).asText("");
    }
  }

  public static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  private final String baseUrl;
  private final String apiKey;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  public MerchantClient(String baseUrl, String apiKey) {
    this.baseUrl = baseUrl;
    this.apiKey = apiKey;
  }

  public Reply get(String path) {
    return send("GET", path, null, null, apiKey);
  }

  public Reply post(String path, String json) {
    return send("POST", path, json, null, apiKey);
  }

  public Reply post(String path, String json, String idempotencyKey) {
    return send("POST", path, json, idempotencyKey, apiKey);
  }

  public Reply delete(String path) {
    return send("DELETE", path, null, null, apiKey);
  }

  /** Waits (at most 10 s) until a payment is no longer pending, and returns it. */
  /** Creates a payment (an STK push) and returns its id; the outcome follows the phone. */
  public String createPayment(String phone, long amount) {
    Reply created =
        post(
            "/v1/payments",
            "{\"phone\":\""
                + phone
                + "\",\"amount\":"
                + amount
                + ",\"reference\":\"INV-7\",\"description\":\"Invoice 7\"}");
    if (created.status() != 201) {
      throw new AssertionError("payment not created: " + created.json());
    }
    return created.text("id");
  }

  public Reply awaitSettled(String paymentId) {
    return Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> get("/v1/payments/" + paymentId), r -> !r.text("status").equals("pending"));
  }

  /** The types of every event about an object, newest first. */
  public List<String> eventTypes(String objectId) {
    List<String> types = new ArrayList<>();
    all("/v1/events?object_id=" + objectId).forEach(e -> types.add(e.path("type").asText()));
    return types;
  }

  /** {@code POST /dashboard/session}: the dashboard password traded for a session (or refused). */
  public Reply dashboardSignIn(String password) {
    return send("POST", "/dashboard/session", "{\"password\":\"" + password + "\"}", null, null);
  }

  /** Every item of a list ({@code data}), following {@code starting_after} 100 at a time. */
  public List<JsonNode> all(String path) {
    List<JsonNode> items = new ArrayList<>();
    String separator = path.contains("?") ? "&" : "?";
    String cursor = null;
    while (true) {
      Reply page =
          get(path + separator + "limit=100" + (cursor == null ? "" : "&starting_after=" + cursor));
      if (page.status() != 200) {
        throw new AssertionError("GET " + path + " answered " + page.status() + ": " + page.json());
      }
      page.json().path("data").forEach(items::add);
      if (!page.json().path("has_more").asBoolean()) {
        return items;
      }
      cursor = items.get(items.size() - 1).path("id").asText();
    }
  }

  /** Any request; {@code key} null sends no Authorization. */
  public Reply send(String method, String path, String json, String idempotencyKey, String key) {
    return send(method, path, json, "application/json", idempotencyKey, key);
  }

  /** A CSV upload ({@code text/csv}), as a payout batch is sent from a spreadsheet. */
  public Reply postCsv(String path, String csv) {
    return send("POST", path, csv, "text/csv", null, apiKey);
  }

  private Reply send(
      String method,
      String path,
      String content,
      String contentType,
      String idempotencyKey,
      String key) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(baseUrl + path))
            .timeout(Duration.ofSeconds(30))
            .method(
                method,
                content == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(content, StandardCharsets.UTF_8))
            .header("Content-Type", contentType);
    if (key != null) {
      request.header("Authorization", "Bearer " + key);
    }
    if (idempotencyKey != null) {
      request.header("Idempotency-Key", idempotencyKey);
    }
    try {
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      JsonNode body;
      try {
        body = response.body().isEmpty() ? JSON.missingNode() : JSON.readTree(response.body());
      } catch (IOException e) {
        body = JSON.getNodeFactory().textNode(response.body());
      }
      return new Reply(response.statusCode(), body);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Raw POST of bytes to any URL (Daraja's side: callbacks). */
  public Reply postRaw(String url, String body) {
    try {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(URI.create(url))
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(body))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      JsonNode json;
      try {
        json = JSON.readTree(response.body());
      } catch (IOException e) {
        json = JSON.missingNode();
      }
      return new Reply(response.statusCode(), json);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
