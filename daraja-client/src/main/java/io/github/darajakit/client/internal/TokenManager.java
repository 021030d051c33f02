package io.github.darajakit.client.internal;

import io.github.darajakit.client.AccessToken;
import io.github.darajakit.client.events.DarajaEventListener;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds one access token and renews it ahead of expiry. Single-flight: when the token is missing or
 * due, one caller fetches while the others wait for it, so N concurrent calls on a cold cache cost
 * one OAuth request.
 */
public final class TokenManager {

  private record Token(String value, Instant refreshAt) {}

  private static final Logger log = LoggerFactory.getLogger(TokenManager.class);

  private final String basicCredentials;
  private final Clock clock;
  private final Duration margin;
  private final DarajaEventListener listener;
  private final ReentrantLock fetching = new ReentrantLock();
  private Function<String, Transport.Answer> oauth;
  private volatile Token current;

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
  public void oauth(Function<String, Transport.Answer> oauth) {
    this.oauth = oauth;
  }

  /** A valid token, fetching one if there is none or it is due for renewal. */
  public String token() {
    Token token = current;
    if (token != null && clock.instant().isBefore(token.refreshAt())) {
      return token.value();
    }
    fetching.lock();
    try {
      token = current;
      if (token != null && clock.instant().isBefore(token.refreshAt())) {
        return token.value();
      }
      AccessToken fetched = Answers.accessToken(oauth.apply(basicCredentials));
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
    } finally {
      fetching.unlock();
    }
  }

  /** Forgets {@code token} if it is still the current one (Daraja refused it). */
  public void invalidate(String token) {
    Token now = current;
    if (now != null && now.value().equals(token)) {
      current = null;
    }
  }
}
