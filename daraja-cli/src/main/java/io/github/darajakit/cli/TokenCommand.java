package io.github.darajakit.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code daraja token}: an OAuth access token, for calling Daraja by hand (curl, Postman). */
@Command(
    name = "token",
    mixinStandardHelpOptions = true,
    header = "An OAuth access token, for calling Daraja by hand.",
    description = {
      "Fetches an OAuth access token for MPESA_CONSUMER_KEY and MPESA_CONSUMER_SECRET",
      "(on the emulator any key works) and prints it with its lifetime. Showing the",
      "token is what this command is for: treat it as a password until it expires.",
      "The consumer secret is never shown.",
      "",
      "Example:",
      "  TOKEN=$(daraja token --json | jq -r .access_token)",
      "  curl -H \"Authorization: Bearer $TOKEN\" …"
    })
final class TokenCommand implements Callable<Integer> {

  /** The path of Daraja's OAuth endpoint, with the only grant it supports. */
  static final String PATH = "/oauth/v1/generate?grant_type=client_credentials";

  @Spec CommandSpec spec;
  @Mixin DarajaOptions daraja;
  @Mixin Output output;

  @Override
  public Integer call() {
    boolean emulator = daraja.isEmulator();
    String consumerKey = daraja.variable("MPESA_CONSUMER_KEY", emulator ? "daraja-cli" : null);
    String consumerSecret = daraja.variable("MPESA_CONSUMER_SECRET", emulator ? "emulator" : null);
    if (consumerKey == null || consumerSecret == null) {
      throw new UsageException(
          "set MPESA_CONSUMER_KEY and MPESA_CONSUMER_SECRET for "
              + daraja.environment()
              + " (or use --env emulator)");
    }
    URI uri = endpoint(daraja.baseUrl());
    String basic =
        Base64.getEncoder()
            .encodeToString((consumerKey + ":" + consumerSecret).getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> reply = send(uri, basic);
    JsonNode body = json(reply.body());
    if (reply.statusCode() != 200) {
      throw new CommandException(
          "Daraja refused the consumer key and secret (HTTP "
              + reply.statusCode()
              + (body.has("errorCode") ? " " + body.path("errorCode").asText() : "")
              + "): "
              + message(body, reply.body()));
    }
    if (!body.path("access_token").isTextual() || body.path("access_token").asText().isBlank()) {
      throw new CommandException(
          "Daraja answered HTTP 200 without an access_token: " + message(body, reply.body()));
    }
    String token = body.path("access_token").asText();
    // Daraja sends expires_in as a string ("3599"); some emulators and proxies as a number.
    long expiresIn = body.path("expires_in").asLong(0);
    ObjectNode data = Output.object();
    data.put("access_token", token)
        .put("expires_in", expiresIn)
        .put("token_type", "Bearer")
        .put("base_url", daraja.baseUrl());
    output.print(
        spec.commandLine().getOut(),
        data,
        token + "\nexpires in " + expiresIn + " s (" + daraja.baseUrl() + ")");
    return 0;
  }

  /**
   * The token endpoint under a base URL.
   *
   * @throws UsageException if the base URL is not an http or https URL
   */
  static URI endpoint(String baseUrl) {
    URI uri;
    try {
      uri = URI.create(baseUrl + PATH);
    } catch (IllegalArgumentException e) {
      uri = null;
    }
    if (uri == null
        || uri.getHost() == null
        || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
      throw new UsageException(
          "--base-url (or MPESA_BASE_URL) must be an http or https URL such as"
              + " https://sandbox.safaricom.co.ke; got '"
              + baseUrl
              + "'");
    }
    return uri;
  }

  private static HttpResponse<String> send(URI uri, String basicCredentials) {
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Basic " + basicCredentials)
            .header("Accept", "application/json")
            .GET()
            .build();
    try {
      return HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(10))
          .build()
          .send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new CommandException(
          "cannot reach Daraja at "
              + uri.getScheme()
              + "://"
              + uri.getAuthority()
              + " ("
              + e.getClass().getSimpleName()
              + (e.getMessage() == null ? "" : ": " + e.getMessage())
              + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CommandException("interrupted");
    }
  }

  private static JsonNode json(String body) {
    try {
      return Output.JSON.readTree(body == null || body.isBlank() ? "{}" : body);
    } catch (IOException notJson) {
      return Output.object();
    }
  }

  /** Daraja's own words for a refusal, or a short excerpt of whatever it answered. */
  private static String message(JsonNode body, String raw) {
    for (String field : new String[] {"errorMessage", "error_description", "error", "message"}) {
      if (body.path(field).isTextual() && !body.path(field).asText().isBlank()) {
        return body.path(field).asText();
      }
    }
    if (raw == null || raw.isBlank()) {
      return "no message (check MPESA_CONSUMER_KEY and MPESA_CONSUMER_SECRET, and --env)";
    }
    String text = raw.strip();
    return text.length() > 200 ? text.substring(0, 200) + "…" : text;
  }
}
