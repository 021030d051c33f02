package io.github.darajakit.gateway.store;

import java.security.SecureRandom;

/**
 * Object ids like {@code pay_7Hq2…}: a type prefix and 24 random base-62 characters (143 bits),
 * unguessable so that an id alone proves nothing and leaks nothing.
 */
public final class Ids {

  private static final char[] ALPHABET =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
  private static final SecureRandom RANDOM = new SecureRandom();

  private Ids() {}

  /** A new id with this prefix. */
  public static String next(String prefix) {
    return prefix + "_" + random(24);
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
