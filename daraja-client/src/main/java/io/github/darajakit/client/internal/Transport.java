package io.github.darajakit.client.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.darajakit.client.DarajaException;
import io.github.darajakit.client.DarajaOutcomeUnknownException;
import io.github.darajakit.client.DarajaUnavailableException;
import io.github.darajakit.client.events.DarajaEventListener;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends Daraja requests with the retry policy that keeps money safe.
 *
 * <p>Retries happen only when the request provably did not execute, or cannot move money:
 *
 * <ul>
 *   <li>the connection was never made (connect failure or connect timeout): any request;
 *   <li>SpikeArrest ({@code 500.003.02}) or HTTP 429: rejected at the gateway, any request;
 *   <li>a refused access token (any family's code): the token is renewed and the request sent once
 *       more, any request — it was rejected before Daraja looked at it;
 *   <li>other server errors, read timeouts and dropped connections: only OAuth, queries and
 *       registrations.
 * </ul>
 *
 * <p>A money-moving request that may have reached Daraja is never sent again: it ends in {@link
 * DarajaOutcomeUnknownException}. Retries are bounded and spaced by jittered exponential backoff.
 */
public final class Transport {

  /** What kind of request, which decides what may be retried. */
  public enum Kind {
    OAUTH,
    QUERY,
    REGISTRATION,
    /** STK push, B2C, B2Pochi, B2B, tax, reversal, standing order, C2B simulate. */
    MONEY
  }

  /**
   * One request.
   *
   * @param operation name for events and errors, e.g. {@code stk.push}
   * @param path Daraja path
   * @param kind what may be retried
   * @param body JSON body: an object, or an array where the API takes one (Bill Manager's bulk
   *     calls)
   * @param identifiers what to reconcile with if the outcome is unknown
   * @param headers headers sent besides Authorization, Content-Type and Accept (Bill Manager's app
   *     key); never logged, as they may hold secrets
   */
  public record Call(
      String operation,
      String path,
      Kind kind,
      JsonNode body,
      Map<String, String> identifiers,
      Map<String, String> headers) {

    /** A call with no extra headers. */
    public Call(
        String operation, String path, Kind kind, JsonNode body, Map<String, String> identifiers) {
      this(operation, path, kind, body, identifiers, Map.of());
    }
  }

  /**
   * A successful (2xx) answer.
   *
   * @param status HTTP status
   * @param json parsed body
   * @param raw body text
   */
  public record Answer(int status, JsonNode json, String raw) {}

  /** How retries are spaced; injectable so tests never sleep. */
  public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  private static final Logger log = LoggerFactory.getLogger(Transport.class);

  private static final Set<String> INVALID_TOKEN_CODES =
      Set.of("404.001.03", "401.002.01", "400.003.01", "401.001", "401");
  private static final Duration BACKOFF_BASE = Duration.ofMillis(250);
  private static final Duration BACKOFF_MAX = Duration.ofSeconds(4);

  private final HttpClient http;
  private final URI baseUrl;
  private final Duration readTimeout;
  private final int maxRetries;
  private final TokenManager tokens;
  private final DarajaEventListener listener;
  private final Sleeper sleeper;
  private final LongSupplier random;

  public Transport(
      HttpClient http,
      URI baseUrl,
      Duration readTimeout,
      int maxRetries,
      TokenManager tokens,
      DarajaEventListener listener,
      Sleeper sleeper,
      LongSupplier random) {
    this.http = http;
    this.baseUrl = baseUrl;
    this.readTimeout = readTimeout;
    this.maxRetries = maxRetries;
    this.tokens = tokens;
    this.listener = listener;
    this.sleeper = sleeper;
    this.random = random;
  }

  /** Sends the call and returns the 2xx answer, or throws the right {@link DarajaException}. */
  public Answer execute(Call call) {
    try {
      return attempt(call);
    } catch (DarajaException e) {
      safely(() -> listener.requestFailed(call.operation(), e));
      throw e;
    }
  }

  private Answer attempt(Call call) {
    byte[] body = Json.bytes(call.body());
    boolean tokenRenewed = false;
    int attempt = 1;
    while (true) {
      String token = tokens.token();
      HttpRequest.Builder builder =
          HttpRequest.newBuilder(url(call.path()))
              .timeout(readTimeout)
              .header("Authorization", "Bearer " + token)
              .header("Content-Type", "application/json")
              .header("Accept", "application/json");
      call.headers().forEach(builder::header);
      HttpRequest request = builder.POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
      int current = attempt;
      safely(() -> listener.requestStarted(call.operation(), call.path(), current));
      long started = System.nanoTime();
      HttpResponse<String> response;
      try {
        response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      } catch (IOException e) {
        boolean neverSent = neverConnected(e);
        if (!neverSent && call.kind() == Kind.MONEY) {
          refuse(call, "the request may have reached Daraja (" + e + ")");
          throw new DarajaOutcomeUnknownException(call.operation(), call.identifiers(), e);
        }
        if (attempt > maxRetries) {
          throw new DarajaUnavailableException(
              call.operation() + " failed after " + attempt + " attempts: " + e.getMessage(), e);
        }
        backoff(call, ++attempt, neverSent ? "connect failure: " + e : "no answer: " + e);
        continue;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        if (call.kind() == Kind.MONEY) {
          throw new DarajaOutcomeUnknownException(call.operation(), call.identifiers(), e);
        }
        throw new DarajaUnavailableException(call.operation() + " was interrupted", e);
      }
      Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
      int status = response.statusCode();
      ErrorBody error = ErrorBody.parse(status, response.body());
      safely(() -> listener.requestFinished(call.operation(), status, error.code(), elapsed));
      if (status >= 200 && status < 300) {
        return finish(call, status, response.body(), attempt, token);
      }
      if (INVALID_TOKEN_CODES.contains(error.code()) && !tokenRenewed) {
        tokens.invalidate(token);
        tokenRenewed = true;
        safely(
            () ->
                listener.retryScheduled(
                    call.operation(),
                    current,
                    Duration.ZERO,
                    "access token refused: " + error.code()));
        continue;
      }
      if ((status == 429 || error.code().equals("500.003.02")) && attempt <= maxRetries) {
        backoff(call, ++attempt, "rate limited: " + error.describe());
        continue;
      }
      if (status >= 500
          && !error.definitiveRejection()
          && !error.code().equals("500.003.03")
          && call.kind() != Kind.MONEY
          && attempt <= maxRetries) {
        backoff(call, ++attempt, "server error: HTTP " + status + " " + error.describe());
        continue;
      }
      // No retry left or allowed: what the answer means is decided where DarajaAnswers decides it.
      return finish(call, status, response.body(), attempt, token);
    }
  }

  /**
   * {@link Answers#read}, logging a refusal to retry when the answer leaves a money-moving call's
   * outcome unknown. Some error bodies echo the bearer token: it is blanked out of exceptions.
   */
  private Answer finish(Call call, int status, String body, int attempts, String token) {
    try {
      return Answers.read(call, status, body, attempts, token);
    } catch (DarajaOutcomeUnknownException e) {
      refuse(call, e.getCause() == null ? "no answer" : e.getCause().getMessage());
      throw e;
    }
  }

  /** Makes sure a valid access token is held, fetching one if needed. */
  public void ensureToken() {
    tokens.token();
  }

  /** Sends the OAuth request (GET with Basic auth), with the OAuth retry policy. */
  public Answer oauth(String basicCredentials) {
    int attempt = 1;
    while (true) {
      HttpRequest request =
          HttpRequest.newBuilder(url("/oauth/v1/generate?grant_type=client_credentials"))
              .timeout(readTimeout)
              .header("Authorization", "Basic " + basicCredentials)
              .header("Accept", "application/json")
              .GET()
              .build();
      int current = attempt;
      safely(() -> listener.requestStarted("oauth", "/oauth/v1/generate", current));
      long started = System.nanoTime();
      HttpResponse<String> response;
      try {
        response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      } catch (IOException e) {
        if (attempt > maxRetries) {
          throw new DarajaUnavailableException(
              "cannot get an access token from " + baseUrl + ": " + e.getMessage(), e);
        }
        backoff("oauth", ++attempt, "OAuth failed: " + e);
        continue;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new DarajaUnavailableException("interrupted while getting an access token", e);
      }
      int status = response.statusCode();
      ErrorBody error = ErrorBody.parse(status, response.body());
      safely(
          () ->
              listener.requestFinished(
                  "oauth", status, error.code(), Duration.ofNanos(System.nanoTime() - started)));
      if ((status == 429 || status >= 500) && attempt <= maxRetries) {
        backoff("oauth", ++attempt, "OAuth server error: HTTP " + status);
        continue;
      }
      return Answers.oauth(status, response.body());
    }
  }

  /**
   * The base URL with a Daraja path appended. Not {@link URI#resolve}: an absolute path would
   * replace the base URL's own path, and a proxy at {@code https://proxy.example.com/daraja} would
   * get every request without its {@code /daraja}.
   */
  private URI url(String path) {
    return URI.create(baseUrl + path);
  }

  private void backoff(Call call, int nextAttempt, String reason) {
    backoff(call.operation(), nextAttempt, reason);
  }

  private void backoff(String operation, int nextAttempt, String reason) {
    long ceiling =
        Math.min(BACKOFF_MAX.toMillis(), BACKOFF_BASE.toMillis() << Math.min(10, nextAttempt - 2));
    // Full jitter: spreads clients apart after a shared failure.
    Duration delay = Duration.ofMillis(Math.floorMod(random.getAsLong(), ceiling + 1));
    safely(() -> listener.retryScheduled(operation, nextAttempt, delay, reason));
    log.debug(
        "retrying {} (attempt {}) in {} ms: {}", operation, nextAttempt, delay.toMillis(), reason);
    try {
      sleeper.sleep(delay);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DarajaUnavailableException(
          operation + " was interrupted while waiting to retry", e);
    }
  }

  private void refuse(Call call, String reason) {
    log.warn(
        "not retrying {}: {}; reconcile with {}", call.operation(), reason, call.identifiers());
    safely(() -> listener.retryRefused(call.operation(), reason));
  }

  /** True when the failure happened before a connection existed, so nothing was sent. */
  private static boolean neverConnected(IOException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof HttpConnectTimeoutException
          || t instanceof ConnectException
          || t instanceof UnknownHostException
          || t instanceof NoRouteToHostException
          || t instanceof UnresolvedAddressException) {
        return true;
      }
    }
    return false;
  }

  private static void safely(Runnable event) {
    try {
      event.run();
    } catch (RuntimeException e) {
      log.debug("event listener failed", e);
    }
  }
}
