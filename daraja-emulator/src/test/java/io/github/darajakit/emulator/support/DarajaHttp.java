package io.github.darajakit.emulator.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * A deliberately plain Daraja client for black-box tests: the JDK's HttpClient and Jackson trees,
 * nothing from daraja-client, so the emulator is checked against the wire format alone.
 */
public final class DarajaHttp {

  /**
   * An HTTP answer.
   *
   * @param status HTTP status
   * @param json the body parsed as JSON, or a missing node if it is not JSON
   * @param raw the body text
   */
  public record Reply(int status, JsonNode json, String raw) {
    /** A field of the JSON body as text ({@code ""} if absent). */
    public String text(String field) {
      return json.path(field).asText("");
    }
  }

  public static final ObjectMapper JSON = new ObjectMapper();

  private final String baseUrl;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private String token;

  public DarajaHttp(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  public String baseUrl() {
    return baseUrl;
  }

  /** A fresh access token for {@code key:secret}. */
  public String newToken(String key, String secret) {
    Reply reply = oauth("Basic " + basic(key, secret), "grant_type=client_credentials");
    if (reply.status() != 200) {
      throw new IllegalStateException("OAuth failed: " + reply);
    }
    return reply.text("access_token");
  }

  /** A cached token for the default test app. */
  public String token() {
    if (token == null) {
      token = newToken("test-key", "test-secret");
    }
    return token;
  }

  /** Forgets the cached token (after an emulator reset). */
  public void forgetToken() {
    token = null;
  }

  /** {@code GET /oauth/v1/generate?<query>} with an Authorization header (or none if null). */
  public Reply oauth(String authorization, String query) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(baseUrl + "/oauth/v1/generate?" + query)).GET();
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return send(request.build());
  }

  /** POSTs JSON with the default token. */
  public Reply post(String path, JsonNode body) {
    return post(path, body.toString(), "Bearer " + token(), "application/json");
  }

  /** POSTs JSON with the default token and one more header (Bill Manager's app key). */
  public Reply post(String path, JsonNode body, String header, String value) {
    return post(path, body, "Bearer " + token(), header, value);
  }

  /** POSTs JSON with an explicit Authorization and one more header (omitted if null). */
  public Reply post(String path, JsonNode body, String authorization, String header, String value) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(baseUrl + path))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", authorization)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
    if (value != null) {
      request.header(header, value);
    }
    return send(request.build());
  }

  /** POSTs raw text with explicit headers (null to omit). */
  public Reply post(String path, String body, String authorization, String contentType) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(baseUrl + path))
            .timeout(Duration.ofSeconds(30))
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    return send(request.build());
  }

  /** Any method, raw body, explicit Authorization (null to omit). */
  public Reply request(String method, String path, String body, String authorization) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(baseUrl + path))
            .timeout(Duration.ofSeconds(30))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
            .header("Content-Type", "application/json");
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return send(request.build());
  }

  /** An admin call: {@code method /__admin/<path>} with an optional JSON body. */
  public Reply admin(String method, String path, String body) {
    return request(method, "/__admin/" + path, body, null);
  }

  /** {@code GET /__admin/<path>}, which must answer 200. */
  public JsonNode adminGet(String path) {
    Reply reply = admin("GET", path, null);
    if (reply.status() != 200) {
      throw new IllegalStateException("admin GET " + path + " failed: " + reply);
    }
    return reply.json();
  }

  /** A new empty JSON object. */
  public static ObjectNode object() {
    return JSON.createObjectNode();
  }

  /** {@code Basic base64(key:secret)} value. */
  public static String basic(String key, String secret) {
    return Base64.getEncoder()
        .encodeToString((key + ":" + secret).getBytes(StandardCharsets.UTF_8));
  }

  private Reply send(HttpRequest request) {
    try {
      HttpResponse<String> response =
          http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      JsonNode json;
      try {
        json = response.body().isEmpty() ? JSON.missingNode() : JSON.readTree(response.body());
      } catch (IOException e) {
        json = JSON.missingNode();
      }
      return new Reply(response.statusCode(), json, response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
