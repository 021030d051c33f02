package io.github.darajakit.gateway.auth;

import io.github.darajakit.gateway.core.GatewayError;
import io.github.darajakit.gateway.store.Database;
import io.github.darajakit.gateway.store.Ids;
import io.github.darajakit.gateway.store.Settings;
import io.github.darajakit.gateway.store.Sql;
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
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signing in to the dashboard with a password instead of an API key, for people who run payments
 * without holding a key. A right password gets a session token ({@code ds_<id>_<expiry>_<mac>}),
 * good for 12 hours, that the merchant API accepts as a key (as the API key id {@code dashboard}).
 *
 * <p>Tokens are signed (HMAC-SHA-256) with a key kept in the database, so every instance on it
 * accepts them without storing sessions. The signature covers the password's hash, so changing the
 * password ends every session. Signing out ({@link #revoke}) lists the token's random id in {@code
 * dashboard_revocations}, which every instance reads, until the token would have expired anyway.
 * Ten wrong passwords from one address in ten minutes lock that address out for the rest of them.
 */
public final class DashboardSessions {

  /** What a session token starts with. */
  public static final String PREFIX = "ds_";

  /** The API key id a session acts as. */
  public static final String KEY_ID = "dashboard";

  static final Duration LIFETIME = Duration.ofHours(12);
  static final int MAX_FAILURES = 10;
  static final Duration FAILURE_WINDOW = Duration.ofMinutes(10);

  /** Characters of a token's id: random, so a revocation names one session and no other. */
  private static final int ID_LENGTH = 22;

  private final byte[] passwordHash;
  private final byte[] signingKey;
  private final Database database;
  private final Clock clock;
  private final Map<String, Deque<Long>> failures = new ConcurrentHashMap<>();

  /**
   * @param password the dashboard password, or {@code null}: then no one signs in with one
   * @param settings where the signing key is kept (made at the first start)
   * @param database where signed-out tokens are listed
   */
  public DashboardSessions(String password, Settings settings, Database database, Clock clock) {
    this.passwordHash = password == null ? null : sha256(password);
    this.signingKey =
        Base64.getDecoder()
            .decode(
                settings.getOrCreate(
                    "dashboard_session_key",
                    () ->
                        Base64.getEncoder()
                            .encodeToString(Ids.random(43).getBytes(StandardCharsets.US_ASCII))));
    this.database = database;
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
   * @throws GatewayError 404 when no password is set, 401 for a wrong one, 429 when the address has
   *     failed too often lately
   */
  public Session signIn(String password, String remoteAddress) {
    if (!enabled()) {
      throw GatewayError.notFound(
          "No dashboard password is set: sign in with an API key (or set DARAJA_DASHBOARD_PASSWORD).");
    }
    long now = clock.millis();
    Deque<Long> recent = failures.computeIfAbsent(remoteAddress, a -> new ArrayDeque<>());
    synchronized (recent) {
      while (!recent.isEmpty() && recent.peekFirst() < now - FAILURE_WINDOW.toMillis()) {
        recent.pollFirst();
      }
      if (recent.size() >= MAX_FAILURES) {
        throw GatewayError.tooManyAttempts(
            "Too many wrong passwords from this address: try again in a few minutes.");
      }
      // Compared in constant time, as hashes, so timing says nothing about the password.
      if (password == null || !MessageDigest.isEqual(sha256(password), passwordHash)) {
        recent.addLast(now);
        throw GatewayError.notAuthenticated("password_invalid", "That password was not accepted.");
      }
      recent.clear();
    }
    long expires = now + LIFETIME.toMillis();
    String id = Ids.random(ID_LENGTH);
    return new Session(
        PREFIX + id + "_" + Long.toString(expires, 36) + "_" + signature(id, expires), expires);
  }

  /**
   * Whether {@code token} is a session token this gateway signed, for this password, neither
   * expired nor signed out.
   */
  public boolean valid(String token) {
    Optional<Signed> signed = signed(token);
    return signed.isPresent()
        && clock.millis() < signed.get().expiresAt()
        && !revoked(signed.get().id());
  }

  /**
   * Signs a session out on every instance that shares the database: its token is refused from now
   * on, by the API and by event streams already open. Signing out a session already signed out or
   * expired does nothing more.
   *
   * @return false if {@code token} is not a session token this gateway signed
   */
  public boolean revoke(String token) {
    Optional<Signed> signed = signed(token);
    if (signed.isEmpty()) {
      return false;
    }
    if (clock.millis() < signed.get().expiresAt()) {
      database.write(
          c ->
              Sql.update(
                  c,
                  "INSERT INTO dashboard_revocations (token_id, expires_at) VALUES (?, ?)"
                      + " ON CONFLICT (token_id) DO NOTHING",
                  signed.get().id(),
                  signed.get().expiresAt()));
    }
    return true;
  }

  /** Forgets signed-out sessions whose tokens have expired since; returns how many. */
  public int pruneRevocations() {
    long now = clock.millis();
    return database.write(
        c -> Sql.update(c, "DELETE FROM dashboard_revocations WHERE expires_at <= ?", now));
  }

  private boolean revoked(String id) {
    return database
        .read(
            c ->
                Sql.one(
                    c,
                    "SELECT 1 FROM dashboard_revocations WHERE token_id = ?",
                    r -> r.getInt(1),
                    id))
        .isPresent();
  }

  /** A token's id and expiry, once its signature is checked; checked in constant time. */
  private record Signed(String id, long expiresAt) {}

  private Optional<Signed> signed(String token) {
    if (!enabled() || token == null || !token.startsWith(PREFIX)) {
      return Optional.empty();
    }
    String[] parts = token.substring(PREFIX.length()).split("_", 3);
    if (parts.length != 3 || parts[0].length() != ID_LENGTH) {
      return Optional.empty();
    }
    long expires;
    try {
      expires = Long.parseLong(parts[1], 36);
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    byte[] given = parts[2].getBytes(StandardCharsets.US_ASCII);
    boolean ours =
        MessageDigest.isEqual(
            given, signature(parts[0], expires).getBytes(StandardCharsets.US_ASCII));
    return ours ? Optional.of(new Signed(parts[0], expires)) : Optional.empty();
  }

  private String signature(String id, long expires) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(signingKey, "HmacSHA256"));
      mac.update(id.getBytes(StandardCharsets.US_ASCII));
      mac.update((byte) ':');
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
