package io.github.darajakit.gateway.c2b;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.darajakit.client.DarajaCallbackParseException;
import io.github.darajakit.client.callbacks.C2bRejection;
import io.github.darajakit.client.callbacks.C2bValidation;
import io.github.darajakit.client.callbacks.DarajaCallbacks;
import io.github.darajakit.gateway.core.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides C2B validations: accept every payment, accept only bill references matching a pattern, or
 * ask the merchant's own URL within a short timeout and fall back to a configured answer when it
 * does not answer. Never throws: Daraja waits at most about 8 s for an answer.
 */
public final class ValidationPolicy {

  /** How payments are validated. */
  public enum Mode {
    /** Accept every payment. */
    ACCEPT_ALL,
    /** Accept when BillRefNumber matches a regular expression; else C2B00012. */
    PATTERN,
    /** Ask the merchant's URL; fall back when it does not answer in time. */
    REMOTE
  }

  private static final Logger log = LoggerFactory.getLogger(ValidationPolicy.class);

  private final Mode mode;
  private final Pattern billRefPattern;
  private final URI remoteUrl;
  private final Duration timeout;
  private final boolean acceptOnFailure;
  private final HttpClient http;

  private ValidationPolicy(
      Mode mode, Pattern billRefPattern, URI remoteUrl, Duration timeout, boolean acceptOnFailure) {
    this.mode = mode;
    this.billRefPattern = billRefPattern;
    this.remoteUrl = remoteUrl;
    this.timeout = timeout;
    this.acceptOnFailure = acceptOnFailure;
    this.http =
        mode == Mode.REMOTE ? HttpClient.newBuilder().connectTimeout(timeout).build() : null;
  }

  /** Accept every payment. */
  public static ValidationPolicy acceptAll() {
    return new ValidationPolicy(Mode.ACCEPT_ALL, null, null, null, true);
  }

  /** Accept a payment whose whole BillRefNumber matches {@code regex}. */
  public static ValidationPolicy pattern(String regex) {
    return new ValidationPolicy(Mode.PATTERN, Pattern.compile(regex), null, null, false);
  }

  /**
   * Ask {@code url} (a POST of Daraja's validation body); it answers {@code {"accept":true}} /
   * {@code {"accept":false,"reason":"invalid_account_number"}} or Daraja's own {@code
   * {"ResultCode":"0"}}. Without a usable answer within {@code timeout}, accept if {@code
   * acceptOnFailure}.
   */
  public static ValidationPolicy remote(URI url, Duration timeout, boolean acceptOnFailure) {
    return new ValidationPolicy(Mode.REMOTE, null, url, timeout, acceptOnFailure);
  }

  public Mode mode() {
    return mode;
  }

  /** The answer body for Daraja. */
  public String decide(byte[] body) {
    C2bValidation validation;
    try {
      validation = DarajaCallbacks.parseC2bValidation(body);
    } catch (DarajaCallbackParseException e) {
      return acceptOnFailure
          ? DarajaCallbacks.acceptValidation()
          : DarajaCallbacks.rejectValidation(C2bRejection.OTHER_ERROR);
    }
    return switch (mode) {
      case ACCEPT_ALL -> DarajaCallbacks.acceptValidation();
      case PATTERN ->
          billRefPattern
                  .matcher(validation.billRefNumber() == null ? "" : validation.billRefNumber())
                  .matches()
              ? DarajaCallbacks.acceptValidation()
              : DarajaCallbacks.rejectValidation(C2bRejection.INVALID_ACCOUNT_NUMBER);
      case REMOTE -> askMerchant(body);
    };
  }

  private String askMerchant(byte[] body) {
    try {
      HttpResponse<byte[]> answer =
          http.send(
              HttpRequest.newBuilder(remoteUrl)
                  .timeout(timeout)
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                  .build(),
              HttpResponse.BodyHandlers.ofByteArray());
      if (answer.statusCode() / 100 == 2) {
        JsonNode json = Json.parse(answer.body());
        if (json.has("accept")) {
          return json.path("accept").asBoolean(false)
              ? DarajaCallbacks.acceptValidation(json.path("third_party_trans_id").asText(""))
              : DarajaCallbacks.rejectValidation(rejection(json.path("reason").asText("")));
        }
        if (json.has("ResultCode")) {
          return json.path("ResultCode").asText().equals("0")
              ? DarajaCallbacks.acceptValidation()
              : DarajaCallbacks.rejectValidation(rejection(json.path("ResultCode").asText()));
        }
      }
      log.warn(
          "validation URL answered HTTP {} without a decision; using the fallback",
          answer.statusCode());
    } catch (IOException e) {
      log.warn("validation URL did not answer ({}); using the fallback", e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      log.warn("validation URL answer unusable ({}); using the fallback", e.toString());
    }
    return acceptOnFailure
        ? DarajaCallbacks.acceptValidation()
        : DarajaCallbacks.rejectValidation(C2bRejection.OTHER_ERROR);
  }

  private static C2bRejection rejection(String reason) {
    String r = reason.toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
    for (C2bRejection rejection : C2bRejection.values()) {
      if (rejection.name().equals(r) || rejection.code().equals(reason)) {
        return rejection;
      }
    }
    return C2bRejection.OTHER_ERROR;
  }
}
