package io.github.darajakit.spring.callbacks;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A body Daraja posted, as received, before anything is made of it.
 *
 * @param id the SHA-256 of the body in hex: the same body delivered twice has the same id, which is
 *     what makes storing it twice harmless
 * @param receivedAt when it arrived
 * @param body the raw body, UTF-8 decoded (the evidence; it holds customers' phone numbers, so keep
 *     it out of logs)
 */
public record ReceivedCallback(String id, Instant receivedAt, String body) {

  /** Checks that nothing is missing. */
  public ReceivedCallback {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(receivedAt, "receivedAt");
    Objects.requireNonNull(body, "body");
  }

  /** A callback with this body, received now; its id is the body's SHA-256. */
  public static ReceivedCallback of(byte[] body, Instant receivedAt) {
    byte[] bytes = body == null ? new byte[0] : body;
    return new ReceivedCallback(
        sha256(bytes), receivedAt, new String(bytes, StandardCharsets.UTF_8));
  }

  /** Leaves the body out: it holds customers' phone numbers. */
  @Override
  public String toString() {
    return "ReceivedCallback[id=" + id + ", receivedAt=" + receivedAt + "]";
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
