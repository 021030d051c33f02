package io.github.darajakit.client.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.darajakit.client.AccessToken;
import io.github.darajakit.client.DarajaApiException;
import io.github.darajakit.client.DarajaAuthenticationException;
import io.github.darajakit.client.DarajaOutcomeUnknownException;
import io.github.darajakit.client.DarajaRateLimitException;
import io.github.darajakit.client.DarajaUnavailableException;
import java.io.IOException;
import java.time.Duration;

/**
 * What an HTTP status and body from Daraja mean once nothing more will be retried: the answer, or
 * the exception it amounts to. {@link Transport} calls this after its retries, and {@code
 * DarajaAnswers} calls it for applications that send requests themselves, so both read every answer
 * the same way.
 *
 * <p>The money-safety rule lives here: for a {@link Transport.Kind#MONEY} call, a 5xx that does not
 * say the request was refused, or a 2xx whose body cannot be read, is {@link
 * DarajaOutcomeUnknownException} — never a failure — because the request may have been carried out.
 */
public final class Answers {

  private static final Duration DEFAULT_EXPIRY = Duration.ofSeconds(3599);

  private Answers() {}

  /**
   * The 2xx answer to {@code call}, or the exception a final answer amounts to.
   *
   * @param attempts how many times the call was sent, for the message
   * @param secret text to blank out of error bodies kept in exceptions (the bearer token, which
   *     some error bodies echo), or {@code null}
   */
  public static Transport.Answer read(
      Transport.Call call, int status, String body, int attempts, String secret) {
    String text = body == null ? "" : body;
    if (status >= 200 && status < 300) {
      JsonNode json = Json.parseOrNull(text);
      if (json == null || !json.isObject()) {
        if (call.kind() == Transport.Kind.MONEY) {
          // Accepted, perhaps: the answer that would say so is unreadable.
          throw new DarajaOutcomeUnknownException(
              call.operation(),
              call.identifiers(),
              new IOException("HTTP " + status + " with a body that is not a JSON object"));
        }
        throw new DarajaApiException(status, "", "answer is not JSON", "", text);
      }
      return new Transport.Answer(status, json, text);
    }
    ErrorBody error = ErrorBody.parse(status, text);
    String after = attempts > 1 ? " after " + attempts + " attempts" : "";
    if (status == 429 || error.code().equals("500.003.02")) {
      throw new DarajaRateLimitException(
          error.code().isEmpty() ? "429" : error.code(),
          call.operation()
              + " was rate-limited by Daraja ("
              + error.describe()
              + ")"
              + after
              + "; nothing moved: slow down and try later");
    }
    if (error.code().equals("500.003.03")) {
      throw new DarajaRateLimitException(
          error.code(), call.operation() + " exceeded the Daraja quota; nothing moved");
    }
    if (status >= 500 && !error.definitiveRejection()) {
      if (call.kind() == Transport.Kind.MONEY) {
        throw new DarajaOutcomeUnknownException(
            call.operation(),
            call.identifiers(),
            new IOException("HTTP " + status + " " + error.describe()));
      }
      throw new DarajaUnavailableException(
          call.operation()
              + (attempts > 1 ? " kept failing" : " failed")
              + ": HTTP "
              + status
              + " "
              + error.describe(),
          null);
    }
    String kept = secret == null || secret.isEmpty() ? text : text.replace(secret, "***");
    throw error.toException(kept);
  }

  /**
   * The OAuth answer, or the exception a final OAuth answer amounts to: keys refused ({@link
   * DarajaAuthenticationException}, including production's empty HTTP 400 for sandbox keys), rate
   * limits, and server errors ({@link DarajaUnavailableException}).
   */
  public static Transport.Answer oauth(int status, String body) {
    String text = body == null ? "" : body;
    ErrorBody error = ErrorBody.parse(status, text);
    if (status == 200) {
      JsonNode json = Json.parseOrNull(text);
      if (json != null && json.hasNonNull("access_token")) {
        return new Transport.Answer(status, json, text);
      }
      throw new DarajaApiException(status, "", "OAuth answer without access_token", "", text);
    }
    if (status == 429 || error.code().equals("500.003.02")) {
      throw new DarajaRateLimitException(
          error.code().isEmpty() ? "429" : error.code(), "OAuth was rate-limited by Daraja");
    }
    if (status >= 500) {
      throw new DarajaUnavailableException(
          "cannot get an access token: HTTP " + status + " " + error.describe(), null);
    }
    String hint =
        error.code().isEmpty()
            ? "Daraja refused these keys with HTTP "
                + status
                + (error.message().isEmpty()
                    ? " and no body: production answers this way to sandbox keys"
                    : " (" + error.message() + ")")
                + "; check the consumer key, secret and environment"
            : "Daraja refused the consumer key/secret: "
                + error.code()
                + " \""
                + error.message()
                + "\"; check them and the environment";
    throw new DarajaAuthenticationException(status, error.code(), hint);
  }

  /** The token in an OAuth answer; {@code expires_in} arrives as {@code "3599"} or {@code 3599}. */
  public static AccessToken accessToken(Transport.Answer answer) {
    return new AccessToken(
        answer.json().path("access_token").asText(), expiresIn(answer.json().path("expires_in")));
  }

  private static Duration expiresIn(JsonNode node) {
    try {
      long seconds = node.isNumber() ? node.asLong() : Long.parseLong(node.asText().trim());
      return seconds > 0 ? Duration.ofSeconds(seconds) : DEFAULT_EXPIRY;
    } catch (NumberFormatException e) {
      return DEFAULT_EXPIRY;
    }
  }
}
