package io.github.darajakit.gateway.http;

import io.github.darajakit.gateway.store.Database;
import io.github.darajakit.gateway.store.Instances;
import io.github.darajakit.gateway.store.Sql;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code Idempotency-Key} with Stripe's semantics: the first request with a key runs and its answer
 * is kept; the same key with the same request gets the kept answer; with a different request, 422;
 * while the first is still running, 409. Keys are kept at least 24 h.
 *
 * <p>A key is held by the gateway process running its request ({@link Instances}). A key whose
 * process died (killed mid-request) is taken over by the next request with it at once, not after
 * the lock timeout: that request gets what the first one recorded — the payment or payout it
 * created, which is never sent twice — or runs it once.
 */
public final class Idempotency {

  private static final int MAX_KEY_LENGTH = 255;

  private record Row(
      String hash,
      String status,
      Integer responseStatus,
      String body,
      Long lockedUntil,
      String lockedBy) {}

  private final Database database;
  private final Instances instances;
  private final Clock clock;
  private final Duration lockTimeout;
  private final Duration retention;

  /**
   * @param instances the processes alive on the database, this one among them
   * @param lockTimeout how long a request may hold its key before another may take it over, even if
   *     its process is alive
   */
  public Idempotency(
      Database database,
      Instances instances,
      Clock clock,
      Duration lockTimeout,
      Duration retention) {
    this.database = database;
    this.instances = instances;
    this.clock = clock;
    this.lockTimeout = lockTimeout;
    this.retention = retention;
  }

  /**
   * Runs {@code work} at most once per key and request.
   *
   * @param apiKeyId whose key space
   * @param key the header value, or {@code null} to run without idempotency
   */
  public Reply run(
      String apiKeyId, String key, String method, String path, byte[] body, Supplier<Reply> work) {
    if (key == null) {
      return work.get();
    }
    if (key.isBlank() || key.length() > MAX_KEY_LENGTH) {
      throw ApiError.invalid(
          "Idempotency-Key", "Idempotency-Key must be 1 to " + MAX_KEY_LENGTH + " characters");
    }
    String hash = hash(method, path, body);
    long now = clock.millis();
    Optional<Reply> earlier =
        database.write(
            c -> {
              Optional<Row> row =
                  Sql.one(
                      c,
                      "SELECT request_hash, status, response_status, response_body, locked_until,"
                          + " locked_by FROM idempotency_keys WHERE api_key_id = ? AND"
                          + " idempotency_key = ?",
                      r ->
                          new Row(
                              r.getString(1),
                              r.getString(2),
                              Sql.nullableInt(r, "response_status"),
                              r.getString(4),
                              Sql.nullableLong(r, "locked_until"),
                              r.getString(6)),
                      apiKeyId,
                      key);
              if (row.isEmpty()) {
                int inserted =
                    Sql.update(
                        c,
                        "INSERT INTO idempotency_keys (api_key_id, idempotency_key, method, path,"
                            + " request_hash, status, created_at, locked_until, locked_by) VALUES"
                            + " (?, ?, ?, ?, ?, 'RUNNING', ?, ?, ?) ON CONFLICT (api_key_id,"
                            + " idempotency_key) DO NOTHING",
                        apiKeyId,
                        key,
                        method,
                        path,
                        hash,
                        now,
                        now + lockTimeout.toMillis(),
                        instances.id());
                if (inserted == 0) {
                  // Another request with this key committed its row between our read and write.
                  throw ApiError.idempotencyInProgress();
                }
                return Optional.empty();
              }
              Row existing = row.get();
              if (!existing.hash().equals(hash)) {
                throw ApiError.idempotencyMismatch();
              }
              if (existing.status().equals("DONE")) {
                return Optional.of(
                    new Reply(
                        existing.responseStatus(),
                        "application/json;charset=UTF-8",
                        existing.body().getBytes(StandardCharsets.UTF_8)));
              }
              if (existing.lockedUntil() != null
                  && existing.lockedUntil() > now
                  && (existing.lockedBy() == null || instances.alive(c, existing.lockedBy()))) {
                throw ApiError.idempotencyInProgress();
              }
              // The first attempt's process died, or it ran past the lock timeout: this one takes
              // over. Only the row still held as read is taken, so of two requests taking over at
              // once, one does and the other is told the key is in use.
              int taken =
                  Sql.update(
                      c,
                      "UPDATE idempotency_keys SET locked_until = ?, locked_by = ? WHERE"
                          + " api_key_id = ? AND idempotency_key = ? AND status = 'RUNNING' AND"
                          + " locked_by IS NOT DISTINCT FROM ? AND locked_until IS NOT DISTINCT"
                          + " FROM ?",
                      now + lockTimeout.toMillis(),
                      instances.id(),
                      apiKeyId,
                      key,
                      existing.lockedBy(),
                      existing.lockedUntil());
              if (taken == 0) {
                throw ApiError.idempotencyInProgress();
              }
              return Optional.empty();
            });
    if (earlier.isPresent()) {
      return earlier.get();
    }
    Reply reply;
    try {
      reply = work.get();
    } catch (ApiError e) {
      // A refused request is an answer too (4xx); a server error lets the client try again.
      if (e.status() >= 500) {
        release(apiKeyId, key);
        throw e;
      }
      store(apiKeyId, key, e.status(), io.github.darajakit.gateway.core.Json.text(e.toJson()));
      throw e;
    } catch (RuntimeException e) {
      release(apiKeyId, key);
      throw e;
    }
    store(apiKeyId, key, reply.status(), new String(reply.body(), StandardCharsets.UTF_8));
    return reply;
  }

  /**
   * Forgets keys older than the retention, here and on the payments created under them, so an old
   * key used again starts afresh (as with Stripe) rather than finding an unrelated payment.
   *
   * @return how many keys were forgotten
   */
  public int prune() {
    long cutoff = clock.millis() - retention.toMillis();
    return database.write(
        c -> {
          Sql.update(
              c,
              "UPDATE payments SET idempotency_key = NULL WHERE idempotency_key IS NOT NULL AND"
                  + " created_at < ?",
              cutoff);
          return Sql.update(c, "DELETE FROM idempotency_keys WHERE created_at < ?", cutoff);
        });
  }

  private void store(String apiKeyId, String key, int status, String body) {
    database.write(
        c ->
            Sql.update(
                c,
                "UPDATE idempotency_keys SET status = 'DONE', response_status = ?, response_body ="
                    + " ?, locked_until = NULL WHERE api_key_id = ? AND idempotency_key = ?",
                status,
                body,
                apiKeyId,
                key));
  }

  private void release(String apiKeyId, String key) {
    database.write(
        c ->
            Sql.update(
                c,
                "DELETE FROM idempotency_keys WHERE api_key_id = ? AND idempotency_key = ? AND"
                    + " status = 'RUNNING'",
                apiKeyId,
                key));
  }

  private static String hash(String method, String path, byte[] body) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update((method + " " + path + "\n").getBytes(StandardCharsets.UTF_8));
      digest.update(body);
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
