package io.github.darajakit.gateway.store;

import java.security.SecureRandom;

/**
 * Object ids like {@code pay_0Uq3Xk9a7Hq2…}: a type prefix, then 8 base-62 characters of the
 * creation time in milliseconds and 16 random ones (95 bits).
 *
 * <p>The random part keeps ids unguessable, so an id alone proves nothing. The time part makes ids
 * created later sort later, so a primary-key index grows at its end instead of at a random page for
 * every insert; on the callback path that is most of the cost of writing an event. The time it
 * reveals is the object's {@code created_at}, which the API shows anyway.
 */
public final class Ids {

  private static final char[] ALPHABET =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
  private static final SecureRandom RANDOM = new SecureRandom();

  private Ids() {}

  /** A new id with this prefix. */
  public static String next(String prefix) {
    return prefix + "_" + time(System.currentTimeMillis()) + random(16);
  }

  /** Milliseconds as 8 base-62 digits, most significant first: sorts as the time does. */
  static String time(long millis) {
    char[] out = new char[8];
    long rest = millis;
    for (int i = out.length - 1; i >= 0; i--) {
      out[i] = ALPHABET[(int) (rest % ALPHABET.length)];
      rest /= ALPHABET.length;
    }
    return new String(out);
  }

  /** {@code length} random base-62 characters (secrets, keys). */
  public static String random(int length) {
    char[] out = new char[length];
    for (int i = 0; i < length; i++) {
      out[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
    }
    return new String(out);
  }
}
