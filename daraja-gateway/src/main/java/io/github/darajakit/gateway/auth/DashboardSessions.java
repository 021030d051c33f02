package io.github.darajakit.gateway.auth;

import io.github.darajakit.gateway.http.ApiError;
import io.github.darajakit.gateway.store.Ids;
import io.github.darajakit.gateway.store.Settings;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signing in to the dashboard with a password instead of an API key, for people who run payments
 * without holding a key. A right password gets a session token ({@code ds_…}), good for 12 hours,
 * that the merchant API accepts as a key (as the API key id {@code dashboard}).
 *
 * <p>Tokens are signed (HMAC-SHA-256) with a key kept in the database, so every instance on it
 * accepts them and nothing per session is stored. The signature covers the password's hash, so
 * changing the password ends every session. Ten wrong passwords from one address in ten minutes
 * lock that address out for the rest of them.
 */
public final class DashboardSessions {

  /** What a session token starts with. */
  public static final String PREFIX = "ds_";

  /** The API key id a session acts as. */
  public static final String KEY_ID = "dashboard";

  static final Duration LIFETIME = Duration.ofHours(12);
  static final int MAX_FAILURES = 10;
  static final Duration FAILURE_WINDOW = Duration.ofMinutes(10);

  private final byte[] passwordHash;
  private final byte[] signingKey;
  private final Clock clock;
  private final Map<String, Deque<Long>> failures = new ConcurrentHashMap<>();

  /**
   * @param password the dashboard password, or {@code null}: then no one signs in with one
   * @param settings where the signing key is kept (made at the first start)
   */
  public DashboardSessions(String password, Settings settings, Clock clock) {
    this.passwordHash = password == null ? null : sha256(password);
    this.signingKey =
        Base64.getDecoder()
            .decode(
                settings.getOrCreate(
                    "dashboard_session_key",
                    () ->
                        Base64.getEncoder()
                            .encodeToString(Ids.random(43).getBytes(StandardCharsets.US_ASCII))));
    this.clock = clock;
  }

  /** A session: its token, and when it expires (epoch ms). */
  public record Session(String token, long expiresAt) {}

  /** Whether a password is set (the dashboard then offers it). */
  public boolean enabled() {
    return passwordHash != null;
  }

  /**
   * A session token for the right password.
   *
   * @throws ApiError 404 when no password is set, 401 for a wrong one, 429 when the address has
   *     failed too often lately
   */
  public Session signIn(String password, String remoteAddress) {
    if (!enabled()) {
      throw ApiError.notFound(
          "No dashboard password is set: sign in with an API key (or set DARAJA_DASHBOARD_PASSWORD).");
    }
    long now = clock.millis();
    Deque<Long> recent = failures.computeIfAbsent(remoteAddress, a -> new ArrayDeque<>());
    synchronized (recent) {
      while (!recent.isEmpty() && recent.peekFirst() < now - FAILURE_WINDOW.toMillis()) {
        recent.pollFirst();
      }
      if (recent.size() >= MAX_FAILURES) {
        throw ApiError.tooManyRequests(
            "Too many wrong passwords from this address: try again in a few minutes.");
      }
      // Compared in constant time, as hashes, so timing says nothing about the password.
      if (password == null || !MessageDigest.isEqual(sha256(password), passwordHash)) {
        recent.addLast(now);
        throw ApiError.passwordRefused();
      }
      recent.clear();
    }
    long expires = now + LIFETIME.toMillis();
    return new Session(PREFIX + Long.toString(expires, 36) + "_" + signature(expires), expires);
  }

  /**
   * Whether {@code token} is a session token this gateway signed, not expired, for this password.
   */
  public boolean valid(String token) {
    if (!enabled() || token == null || !token.startsWith(PREFIX)) {
      return false;
    }
    int split = token.indexOf('_', PREFIX.length());
    if (split < 0) {
      return false;
    }
    long expires;
    try {
      expires = Long.parseLong(token.substring(PREFIX.length(), split), 36);
    } catch (NumberFormatException e) {
      return false;
    }
    byte[] given = token.substring(split + 1).getBytes(StandardCharsets.US_ASCII);
    return MessageDigest.isEqual(given, signature(expires).getBytes(StandardCharsets.US_ASCII))
        && clock.millis() < expires;
  }

  private String signature(long expires) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(signingKey, "HmacSHA256"));
      mac.update(Long.toString(expires).getBytes(StandardCharsets.US_ASCII));
      mac.update((byte) ':');
      mac.update(HexFormat.of().formatHex(passwordHash).getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal());
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
