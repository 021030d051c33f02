package io.github.darajakit.gateway.auth;

import io.github.darajakit.gateway.store.Database;
import io.github.darajakit.gateway.store.Ids;
import io.github.darajakit.gateway.store.Sql;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Merchant API keys, stored only as SHA-256 hashes: a key is shown once, when it is made, and never
 * again (not in logs, not in the database).
 */
public final class ApiKeys {

  /**
   * What {@link #ensure} did.
   *
   * @param newKey a key generated now, to show once; {@code null} if none was generated
   * @param keyCount how many keys exist
   */
  public record Setup(String newKey, int keyCount) {}

  private record Key(String id, String hash) {}

  private final Database database;
  private final Clock clock;
  private final DashboardSessions sessions;

  /**
   * @param sessions dashboard sessions, accepted as keys with the id {@code dashboard}
   */
  public ApiKeys(Database database, Clock clock, DashboardSessions sessions) {
    this.database = database;
    this.clock = clock;
    this.sessions = sessions;
  }

  /**
   * Makes the stored keys what the configuration says. With keys configured ({@code
   * DARAJA_API_KEY}; several, comma-separated, while rotating), exactly those are accepted: new
   * ones are stored, every other key — an older configured one, or the generated one — is revoked.
   * With none configured, the stored keys stay; if there are none, one is generated (to show once).
   */
  public Setup ensure(String configured) {
    List<String> wanted =
        configured == null
            ? List.of()
            : Arrays.stream(configured.split(","))
                .map(String::trim)
                .filter(k -> !k.isEmpty())
                .toList();
    return database.write(
        c -> {
          String generated = null;
          if (!wanted.isEmpty()) {
            List<String> hashes = wanted.stream().map(ApiKeys::hash).toList();
            for (String hash : hashes) {
              Sql.update(
                  c,
                  "INSERT INTO api_keys (id, key_hash, label, created_at) VALUES (?, ?, ?, ?)"
                      + " ON CONFLICT (key_hash) DO NOTHING",
                  Ids.next("key"),
                  hash,
                  "DARAJA_API_KEY",
                  clock.millis());
            }
            List<String> stored = Sql.list(c, "SELECT key_hash FROM api_keys", r -> r.getString(1));
            for (String hash : stored) {
              if (!hashes.contains(hash)) {
                Sql.update(c, "DELETE FROM api_keys WHERE key_hash = ?", hash);
              }
            }
          } else {
            long count = Sql.one(c, "SELECT COUNT(*) FROM api_keys", r -> r.getLong(1)).orElse(0L);
            if (count == 0) {
              generated = "dk_" + Ids.random(40);
              Sql.update(
                  c,
                  "INSERT INTO api_keys (id, key_hash, label, created_at) VALUES (?, ?, ?, ?)",
                  Ids.next("key"),
                  hash(generated),
                  "generated",
                  clock.millis());
            }
          }
          int keys = Sql.one(c, "SELECT COUNT(*) FROM api_keys", r -> r.getInt(1)).orElse(0);
          return new Setup(generated, keys);
        });
  }

  /** The id of the key in an {@code Authorization: Bearer <key>} header, if it is one of ours. */
  public Optional<String> authenticate(String authorization) {
    Optional<String> bearer = bearer(authorization);
    if (bearer.isEmpty()) {
      return Optional.empty();
    }
    String presented = bearer.get();
    if (presented.startsWith(DashboardSessions.PREFIX)) {
      return sessions.valid(presented) ? Optional.of(DashboardSessions.KEY_ID) : Optional.empty();
    }
    byte[] given = hash(presented).getBytes(StandardCharsets.US_ASCII);
    List<Key> keys =
        database.read(
            c ->
                Sql.list(
                    c,
                    "SELECT id, key_hash FROM api_keys",
                    r -> new Key(r.getString(1), r.getString(2))));
    Optional<String> match = Optional.empty();
    for (Key key : keys) {
      // Compare every key, in constant time, so timing tells nothing about which was close.
      if (MessageDigest.isEqual(given, key.hash().getBytes(StandardCharsets.US_ASCII))) {
        match = Optional.of(key.id());
      }
    }
    return match;
  }

  /**
   * The key an {@code Authorization} header presents, if it has the shape {@code Bearer <key>}:
   * whether a refused request sent no key at all or one that is not ours.
   */
  public static Optional<String> bearer(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return Optional.empty();
    }
    String presented = authorization.substring(7).trim();
    return presented.isEmpty() ? Optional.empty() : Optional.of(presented);
  }

  static String hash(String key) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
