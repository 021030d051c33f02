package io.github.darajakit.client.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.darajakit.client.DarajaApiException;
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
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
 *
 * <p>Every call is asynchronous ({@link HttpClient#sendAsync}): no thread waits while a request is
 * in flight, and the synchronous {@link #execute} waits on the same path. A call abandoned by its
 * timeout, {@code cancel()} or an interrupt is aborted and ends in {@link
 * DarajaOutcomeUnknownException} if it moves money and may have been sent, else in {@link
 * DarajaUnavailableException}.
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

  /**
   * What a product makes of a call's outcome.
   *
   * @param <T> the product's result
   */
  @FunctionalInterface
  public interface Reader<T> {
    /** The result a 2xx answer stands for, or the exception it amounts to. */
    T read(Answer answer);

    /**
     * What a refusal stands for: by default the refusal itself, thrown. Products whose refusals
     * carry their own envelope, or a pending state, read it here.
     */
    default T refused(DarajaApiException refusal) {
      throw refusal;
    }
  }

  /**
   * Spaces retries by blocking; tests inject one that returns at once. Without one, retries wait on
   * a timer and no thread is held.
   */
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
  private final Executor retryExecutor;

  /**
   * A transport.
   *
   * @param sleeper spaces retries by blocking (tests), or {@code null} to wait on a timer
   */
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
    // A retry starts on the HTTP client's own threads, not the timer's: sendAsync may resolve a
    // host name before it returns, which must not hold up every other timer.
    this.retryExecutor = http.executor().orElse(Runnable::run);
  }

  /**
   * Sends the call without holding a thread while it is in flight.
   *
   * @param timeout how long the whole call may take (token, retries, answer), or {@code null} for
   *     the client's read timeout per attempt and no overall limit
   * @return the 2xx answer, or a failure with the right {@link DarajaException}; cancelling it (or
   *     its timing out) aborts the exchange
   */
  public CallFuture<Answer> send(Call call, Duration timeout) {
    Exchange exchange = new Exchange(call, timeout);
    if (timeout != null) {
      // Run on the timer's thread: abandoning is quick, and needs no pool of its own.
      CompletableFuture.delayedExecutor(timeout.toNanos(), TimeUnit.NANOSECONDS, Runnable::run)
          .execute(() -> exchange.abandon(exchange.timedOut()));
    }
    attempt(exchange);
    return exchange.result;
  }

  /** Sends the call and returns the 2xx answer, or throws the right {@link DarajaException}. */
  public Answer execute(Call call) {
    return CallFuture.await(send(call, null));
  }

  private void attempt(Exchange x) {
    tokens
        .tokenAsync()
        .whenComplete(
            (token, failure) -> {
              if (failure != null) {
                x.fail(CallFuture.unwrap(failure));
              } else {
                x.guarded(() -> send(x, token));
              }
            });
  }

  private void send(Exchange x, String token) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(url(x.call.path()))
            .timeout(x.attemptTimeout())
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .header("Accept", "application/json");
    x.call.headers().forEach(builder::header);
    HttpRequest request = builder.POST(HttpRequest.BodyPublishers.ofByteArray(x.body)).build();
    int current = x.attempt;
    if (!x.sending()) {
      return;
    }
    safely(() -> listener.requestStarted(x.call.operation(), x.call.path(), current));
    long started = System.nanoTime();
    CompletableFuture<HttpResponse<String>> exchange =
        http.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    x.inFlight(exchange);
    exchange.whenComplete(
        (response, failure) -> x.guarded(() -> answered(x, token, started, response, failure)));
  }

  private void answered(
      Exchange x, String token, long started, HttpResponse<String> response, Throwable failure) {
    if (x.ended()) {
      return; // abandoned: its outcome is already decided
    }
    Call call = x.call;
    if (failure != null && x.outOfTime()) {
      // The attempt's own timeout is what remained of the call's: the call's timeout ran out.
      x.abandon(x.timedOut());
      return;
    }
    if (failure != null) {
      Throwable cause = CallFuture.unwrap(failure);
      if (!(cause instanceof IOException)) {
        x.fail(cause);
        return;
      }
      IOException e = (IOException) cause;
      boolean neverSent = neverConnected(e);
      if (!neverSent && call.kind() == Kind.MONEY) {
        refuse(call, "the request may have reached Daraja (" + e + ")");
        x.fail(new DarajaOutcomeUnknownException(call.operation(), call.identifiers(), e));
        return;
      }
      if (x.attempt > maxRetries) {
        x.fail(
            new DarajaUnavailableException(
                call.operation() + " failed after " + x.attempt + " attempts: " + e.getMessage(),
                e));
        return;
      }
      retry(x, neverSent ? "connect failure: " + e : "no answer: " + e);
      return;
    }
    Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
    int status = response.statusCode();
    ErrorBody error = ErrorBody.parse(status, response.body());
    safely(() -> listener.requestFinished(call.operation(), status, error.code(), elapsed));
    if (status >= 200 && status < 300) {
      x.succeed(finish(call, status, response.body(), x.attempt, token));
      return;
    }
    if (INVALID_TOKEN_CODES.contains(error.code()) && !x.tokenRenewed) {
      tokens.invalidate(token);
      x.tokenRenewed = true;
      x.notExecuted();
      int current = x.attempt;
      safely(
          () ->
              listener.retryScheduled(
                  call.operation(),
                  current,
                  Duration.ZERO,
                  "access token refused: " + error.code()));
      attempt(x);
      return;
    }
    if ((status == 429 || error.code().equals("500.003.02")) && x.attempt <= maxRetries) {
      retry(x, "rate limited: " + error.describe());
      return;
    }
    if (status >= 500
        && !error.definitiveRejection()
        && !error.code().equals("500.003.03")
        && call.kind() != Kind.MONEY
        && x.attempt <= maxRetries) {
      retry(x, "server error: HTTP " + status + " " + error.describe());
      return;
    }
    // No retry left or allowed: what the answer means is decided where DarajaAnswers decides it.
    x.succeed(finish(call, status, response.body(), x.attempt, token));
  }

  /**
   * Sends the call again after a backoff: only reached when the last attempt provably did not run,
   * or cannot move money.
   */
  private void retry(Exchange x, String reason) {
    x.notExecuted();
    x.attempt++;
    backoff(x.call.operation(), x.attempt, reason)
        .whenComplete(
            (ignored, failure) -> {
              if (failure != null) {
                x.fail(CallFuture.unwrap(failure));
              } else {
                x.guarded(() -> attempt(x));
              }
            });
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
  public CompletableFuture<Answer> oauth(String basicCredentials) {
    CompletableFuture<Answer> result = new CompletableFuture<>();
    oauth(basicCredentials, 1, result);
    return result;
  }

  private void oauth(String basicCredentials, int attempt, CompletableFuture<Answer> result) {
    HttpRequest request =
        HttpRequest.newBuilder(url("/oauth/v1/generate?grant_type=client_credentials"))
            .timeout(readTimeout)
            .header("Authorization", "Basic " + basicCredentials)
            .header("Accept", "application/json")
            .GET()
            .build();
    safely(() -> listener.requestStarted("oauth", "/oauth/v1/generate", attempt));
    long started = System.nanoTime();
    http.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
        .whenComplete(
            (response, failure) -> {
              try {
                String retry = oauthRetry(attempt, started, response, failure);
                if (retry == null) {
                  result.complete(Answers.oauth(response.statusCode(), response.body()));
                  return;
                }
                backoff("oauth", attempt + 1, retry)
                    .whenComplete(
                        (ignored, interrupted) -> {
                          if (interrupted != null) {
                            result.completeExceptionally(CallFuture.unwrap(interrupted));
                          } else {
                            oauth(basicCredentials, attempt + 1, result);
                          }
                        });
              } catch (RuntimeException | Error e) {
                result.completeExceptionally(e);
              }
            });
  }

  /**
   * Why the OAuth attempt is worth repeating, or {@code null} if its answer is final.
   *
   * @throws DarajaUnavailableException if it failed and no retry is left
   */
  private String oauthRetry(
      int attempt, long started, HttpResponse<String> response, Throwable failure) {
    if (failure != null) {
      Throwable cause = CallFuture.unwrap(failure);
      if (!(cause instanceof IOException) || attempt > maxRetries) {
        throw new DarajaUnavailableException(
            "cannot get an access token from " + baseUrl + ": " + cause.getMessage(), cause);
      }
      return "OAuth failed: " + cause;
    }
    int status = response.statusCode();
    ErrorBody error = ErrorBody.parse(status, response.body());
    safely(
        () ->
            listener.requestFinished(
                "oauth", status, error.code(), Duration.ofNanos(System.nanoTime() - started)));
    if ((status == 429 || status >= 500) && attempt <= maxRetries) {
      return "OAuth server error: HTTP " + status;
    }
    return null;
  }

  /**
   * The base URL with a Daraja path appended. Not {@link URI#resolve}: an absolute path would
   * replace the base URL's own path, and a proxy at {@code https://proxy.example.com/daraja} would
   * get every request without its {@code /daraja}.
   */
  private URI url(String path) {
    return URI.create(baseUrl + path);
  }

  /**
   * Announces and waits out the pause before {@code nextAttempt}; no thread waits unless tests
   * inject a sleeper.
   */
  private CompletableFuture<Void> backoff(String operation, int nextAttempt, String reason) {
    long ceiling =
        Math.min(BACKOFF_MAX.toMillis(), BACKOFF_BASE.toMillis() << Math.min(10, nextAttempt - 2));
    // Full jitter: spreads clients apart after a shared failure.
    Duration delay = Duration.ofMillis(Math.floorMod(random.getAsLong(), ceiling + 1));
    safely(() -> listener.retryScheduled(operation, nextAttempt, delay, reason));
    log.debug(
        "retrying {} (attempt {}) in {} ms: {}", operation, nextAttempt, delay.toMillis(), reason);
    if (sleeper == null) {
      return CompletableFuture.runAsync(
          () -> {},
          CompletableFuture.delayedExecutor(delay.toNanos(), TimeUnit.NANOSECONDS, retryExecutor));
    }
    try {
      sleeper.sleep(delay);
      return CompletableFuture.completedFuture(null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return CompletableFuture.failedFuture(
          new DarajaUnavailableException(operation + " was interrupted while waiting to retry", e));
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

  /**
   * One call's life: its attempts, the HTTP exchange in flight, and how it ended. Attempts follow
   * one another (each starts from the completion of the last), so {@link #attempt} and {@link
   * #tokenRenewed} need no lock; what an abandoning thread reads is guarded by {@code this}.
   */
  private final class Exchange implements CallFuture.Abandonable {
    final Call call;
    final byte[] body;
    final CallFuture<Answer> result = new CallFuture<>(this);
    private final Duration timeout;
    private final long deadline;
    int attempt = 1;
    boolean tokenRenewed;

    private boolean ended;
    private boolean mayHaveBeenSent;
    private CompletableFuture<?> inFlight;

    Exchange(Call call, Duration timeout) {
      this.call = call;
      this.body = Json.bytes(call.body());
      this.timeout = timeout;
      this.deadline = timeout == null ? 0 : System.nanoTime() + timeout.toNanos();
    }

    /** Whether the call has a timeout and it has run out. */
    boolean outOfTime() {
      return timeout != null && System.nanoTime() - deadline >= 0;
    }

    TimeoutException timedOut() {
      return new TimeoutException("no answer within " + timeout + ", the call's timeout");
    }

    /** The client's read timeout, or what remains of the call's own. */
    Duration attemptTimeout() {
      if (timeout == null) {
        return readTimeout;
      }
      return Duration.ofNanos(Math.max(deadline - System.nanoTime(), 1_000_000));
    }

    /**
     * Marks the request as possibly sent from here on, before it is handed to the HTTP client: an
     * abandonment from now on cannot say nothing was sent.
     *
     * @return false if the call has ended, and nothing must be sent
     */
    synchronized boolean sending() {
      if (ended) {
        return false;
      }
      mayHaveBeenSent = true;
      return true;
    }

    synchronized void inFlight(CompletableFuture<?> exchange) {
      if (ended) {
        exchange.cancel(true); // abandoned while it was being handed over
      } else {
        inFlight = exchange;
      }
    }

    /** The last attempt provably did not run (or cannot move money): nothing is in flight. */
    synchronized void notExecuted() {
      mayHaveBeenSent = false;
      inFlight = null;
    }

    synchronized boolean ended() {
      return ended;
    }

    private synchronized boolean end() {
      if (ended) {
        return false;
      }
      ended = true;
      return true;
    }

    void succeed(Answer answer) {
      if (end()) {
        result.succeed(answer);
      }
    }

    void fail(Throwable failure) {
      if (!end()) {
        return;
      }
      if (failure instanceof DarajaException daraja) {
        safely(() -> listener.requestFailed(call.operation(), daraja));
      }
      result.fail(failure);
    }

    /** Runs a step of the call; a step that throws ends the call with what it threw. */
    void guarded(Runnable step) {
      try {
        step.run();
      } catch (RuntimeException | Error e) {
        fail(e);
      }
    }

    @Override
    public DarajaException abandon(Throwable why) {
      DarajaException outcome;
      CompletableFuture<?> exchange;
      synchronized (this) {
        if (ended) {
          return null;
        }
        ended = true;
        Throwable reason = described(why);
        if (mayHaveBeenSent && call.kind() == Kind.MONEY) {
          outcome = new DarajaOutcomeUnknownException(call.operation(), call.identifiers(), reason);
        } else {
          outcome =
              new DarajaUnavailableException(
                  call.operation()
                      + " was abandoned ("
                      + reason.getMessage()
                      + (call.kind() == Kind.MONEY
                          ? ") before it was sent: nothing moved, it may be sent again"
                          : "); it moves no money: try again"),
                  reason);
        }
        exchange = inFlight;
      }
      if (outcome instanceof DarajaOutcomeUnknownException) {
        refuse(call, reason(why));
      }
      if (exchange != null) {
        // Aborts the exchange where the HTTP client can (JDK 16+): the request is not sent if it
        // was still queued, and its connection is closed if it was.
        exchange.cancel(true);
      }
      DarajaException failure = outcome;
      safely(() -> listener.requestFailed(call.operation(), failure));
      result.fail(outcome);
      return outcome;
    }

    private String reason(Throwable why) {
      return described(why).getMessage();
    }

    /** {@code orTimeout}'s TimeoutException has no message: give it one. */
    private Throwable described(Throwable why) {
      if (why.getMessage() != null) {
        return why;
      }
      if (why instanceof TimeoutException) {
        return new TimeoutException("the future's timeout (orTimeout) expired");
      }
      return why instanceof CancellationException
          ? new CancellationException("the caller cancelled the call")
          : why;
    }
  }
}
