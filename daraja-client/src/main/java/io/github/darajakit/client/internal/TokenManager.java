package io.github.darajakit.client.internal;

import io.github.darajakit.client.AccessToken;
import io.github.darajakit.client.DarajaUnavailableException;
import io.github.darajakit.client.events.DarajaEventListener;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds one access token and renews it ahead of expiry. Single-flight: when the token is missing or
 * due, one fetch is started and every caller until it ends shares it, so N concurrent calls on a
 * cold cache cost one OAuth request. Nobody holds a thread while it is in flight.
 */
public final class TokenManager {

  private record Token(String value, Instant refreshAt) {}

  private static final Logger log = LoggerFactory.getLogger(TokenManager.class);

  private final String basicCredentials;
  private final Clock clock;
  private final Duration margin;
  private final DarajaEventListener listener;
  private Function<String, CompletableFuture<Transport.Answer>> oauth;
  private volatile Token current;
  private CompletableFuture<String> refreshing; // guarded by this: the fetch in flight, if any

  public TokenManager(
      String consumerKey,
      String consumerSecret,
      Clock clock,
      Duration margin,
      DarajaEventListener listener) {
    this.basicCredentials =
        Base64.getEncoder()
            .encodeToString((consumerKey + ":" + consumerSecret).getBytes(StandardCharsets.UTF_8));
    this.clock = clock;
    this.margin = margin;
    this.listener = listener;
  }

  /** Wires the OAuth call (the transport and this manager need each other). */
  public void oauth(Function<String, CompletableFuture<Transport.Answer>> oauth) {
    this.oauth = oauth;
  }

  /**
   * A valid token, fetching one if there is none or it is due for renewal; waits for it.
   *
   * @throws io.github.darajakit.client.DarajaException if none can be had
   */
  public String token() {
    CompletableFuture<String> fetch = tokenAsync();
    try {
      return fetch.get();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new DarajaUnavailableException("cannot get an access token: " + cause, cause);
    } catch (InterruptedException e) {
      // Only this caller stops waiting: the fetch is shared and carries on for the others.
      Thread.currentThread().interrupt();
      throw new DarajaUnavailableException("interrupted while getting an access token", e);
    }
  }

  /**
   * A valid token, fetching one if there is none or it is due for renewal, without waiting for it.
   * Every caller arriving while a fetch is in flight shares that fetch.
   */
  public CompletableFuture<String> tokenAsync() {
    Token token = current;
    if (token != null && clock.instant().isBefore(token.refreshAt())) {
      return CompletableFuture.completedFuture(token.value());
    }
    CompletableFuture<String> fetch;
    synchronized (this) {
      token = current;
      if (token != null && clock.instant().isBefore(token.refreshAt())) {
        return CompletableFuture.completedFuture(token.value());
      }
      if (refreshing != null) {
        return refreshing;
      }
      fetch = new CompletableFuture<>();
      refreshing = fetch;
    }
    // Started outside the lock: an OAuth function that answers at once (tests) or blocks must not
    // hold up the callers that only want to join the fetch.
    CompletableFuture<Transport.Answer> answer;
    try {
      answer = oauth.apply(basicCredentials);
    } catch (RuntimeException e) {
      answer = CompletableFuture.failedFuture(e);
    }
    answer.whenComplete(
        (fetched, failure) -> {
          String value = null;
          Throwable error = failure == null ? null : CallFuture.unwrap(failure);
          if (error == null) {
            try {
              value = store(Answers.accessToken(fetched));
            } catch (RuntimeException e) {
              error = e;
            }
          }
          synchronized (this) {
            refreshing = null; // a failed fetch caches nothing: the next caller tries again
          }
          if (error == null) {
            fetch.complete(value);
          } else {
            fetch.completeExceptionally(error);
          }
        });
    return fetch;
  }

  private String store(AccessToken fetched) {
    Duration expiresIn = fetched.expiresIn();
    // Renew ahead of expiry, but never use more than half the lifetime as margin.
    Duration effectiveMargin =
        margin.compareTo(expiresIn.dividedBy(2)) > 0 ? expiresIn.dividedBy(2) : margin;
    String value = fetched.value();
    current = new Token(value, clock.instant().plus(expiresIn).minus(effectiveMargin));
    log.debug("new access token, expires in {}s", expiresIn.toSeconds());
    try {
      listener.tokenRefreshed(expiresIn);
    } catch (RuntimeException e) {
      log.debug("event listener failed", e);
    }
    return value;
  }

  /** Forgets {@code token} if it is still the current one (Daraja refused it). */
  public void invalidate(String token) {
    Token now = current;
    if (now != null && now.value().equals(token)) {
      current = null;
    }
  }
}
