package io.github.darajakit.client.webhooks;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;

/**
 * A Standard Webhooks signing secret: 24 to 64 random bytes, written {@code whsec_<base64>}. Its
 * {@link #toString()} never shows the key.
 *
 * <pre>{@code
 * WebhookSecret secret = WebhookSecret.parse(System.getenv("WEBHOOK_SECRET")); // "whsec_…"
 * WebhookSecret fresh = WebhookSecret.generate(new SecureRandom());
 * store(fresh.serialized());
 * }</pre>
 */
public final class WebhookSecret {

  /** The prefix that marks a symmetric Standard Webhooks secret. */
  public static final String PREFIX = "whsec_";

  /** The specification's minimum: 24 bytes (192 bits). */
  public static final int MIN_BYTES = 24;

  /** The specification's maximum: 64 bytes (512 bits). */
  public static final int MAX_BYTES = 64;

  private final byte[] key;

  private WebhookSecret(byte[] key) {
    this.key = key;
  }

  /**
   * Reads {@code whsec_<base64>}. The prefix may be left out, as the reference libraries allow.
   *
   * @throws IllegalArgumentException if it is not base64 or not 24 to 64 bytes; the message never
   *     repeats the text
   */
  public static WebhookSecret parse(String serialized) {
    if (serialized == null || serialized.isBlank()) {
      throw new IllegalArgumentException(
          "webhook secret is empty: expected whsec_ followed by base64 of 24 to 64 random bytes");
    }
    String encoded = serialized.strip();
    if (encoded.startsWith(PREFIX)) {
      encoded = encoded.substring(PREFIX.length());
    }
    byte[] key;
    try {
      key = Base64.getDecoder().decode(encoded);
    } catch (IllegalArgumentException notBase64) {
      // Not chained: the cause's message can quote the offending character of the secret.
      throw new IllegalArgumentException(
          "webhook secret is not whsec_ followed by standard base64 (A-Z, a-z, 0-9, +, /, =)");
    }
    return of(key);
  }

  /**
   * A secret from raw key bytes (copied).
   *
   * @throws IllegalArgumentException unless 24 to 64 bytes
   */
  public static WebhookSecret of(byte[] key) {
    Objects.requireNonNull(key, "key");
    if (key.length < MIN_BYTES || key.length > MAX_BYTES) {
      throw new IllegalArgumentException(
          "webhook secret has "
              + key.length
              + " bytes: Standard Webhooks secrets have "
              + MIN_BYTES
              + " to "
              + MAX_BYTES
              + " random bytes");
    }
    return new WebhookSecret(key.clone());
  }

  /** A new random 32-byte secret from {@code random} (pass a {@link SecureRandom}). */
  public static WebhookSecret generate(SecureRandom random) {
    byte[] key = new byte[32];
    random.nextBytes(key);
    return new WebhookSecret(key);
  }

  /** {@code whsec_<base64>}: the form to store and to give the receiver. */
  public String serialized() {
    return PREFIX + Base64.getEncoder().encodeToString(key);
  }

  /** The key bytes (a copy). */
  public byte[] bytes() {
    return key.clone();
  }

  byte[] key() {
    return key;
  }

  /** Equal keys, compared in constant time. */
  @Override
  public boolean equals(Object other) {
    return other instanceof WebhookSecret that && MessageDigest.isEqual(key, that.key);
  }

  /** The key length only: a hash of the key would be a fingerprint of it. */
  @Override
  public int hashCode() {
    return key.length;
  }

  /** Never the key. */
  @Override
  public String toString() {
    return "WebhookSecret[whsec_***, " + key.length + " bytes]";
  }
}
