package io.github.darajakit.client.support;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.github.darajakit.emulator.DarajaEmulator;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** The emulator's admin API from SDK tests: counters, faults, clock, state. */
public final class EmulatorAdmin {

  /** Exact decimals: balances and amounts never pass through {@code double}. */
  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .build();

  private final String adminUrl;
  private final HttpClient http = HttpClient.newHttpClient();

  public EmulatorAdmin(DarajaEmulator emulator) {
    this.adminUrl = emulator.adminUrl();
  }

  /** Requests the emulator saw on an endpoint id ({@code oauth}, {@code stk_push}…). */
  public long count(String endpointId) {
    return get("counters").path("endpoints").path(endpointId).asLong(0);
  }

  /** Replaces the injected faults. */
  public void faults(String json) {
    send("PUT", "faults", json);
  }

  /** Moves the emulator's clock forward. */
  public void advanceClock(String by) {
    send("POST", "clock/advance", "{\"by\":\"" + by + "\"}");
  }

  /**
   * Turns on External Validation for a shortcode: Daraja (and the emulator) send the C2B validation
   * request only when Safaricom has enabled it for the shortcode.
   */
  public void enableExternalValidation(String shortCode) {
    send("PUT", "organisations/" + shortCode + "/external-validation", "{\"enabled\":true}");
  }

  /** {@code GET /__admin/<path>}. */
  public JsonNode get(String path) {
    return send("GET", path, null);
  }

  /** Any admin call; fails the test on a non-2xx answer. */
  public JsonNode send(String method, String path, String body) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(adminUrl + "/" + path))
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() / 100 != 2) {
        throw new IllegalStateException(method + " " + path + ": " + response.body());
      }
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
