package io.github.darajakit.cli.doctor;

import java.util.Locale;

/** Sizes in bytes, read from and shown as {@code 500MB}, {@code 2GB}. */
public final class Sizes {

  private static final String[] UNITS = {"B", "KB", "MB", "GB", "TB"};

  private Sizes() {}

  /**
   * Bytes from text such as {@code 1GB}, {@code 500MB}, {@code 64KB} or {@code 1048576}; units are
   * powers of 1024.
   *
   * @throws IllegalArgumentException saying what is expected
   */
  public static long parse(String text) {
    String t = text.trim().toUpperCase(Locale.ROOT);
    for (int i = UNITS.length - 1; i >= 1; i--) {
      if (t.endsWith(UNITS[i])) {
        return number(text, t.substring(0, t.length() - 2)) << (10 * i);
      }
    }
    return number(text, t.endsWith("B") ? t.substring(0, t.length() - 1) : t);
  }

  /** E.g. {@code 1.5 GB}. */
  static String show(long bytes) {
    double value = bytes;
    int unit = 0;
    while (value >= 1024 && unit < UNITS.length - 1) {
      value /= 1024;
      unit++;
    }
    return unit == 0 ? bytes + " B" : String.format(Locale.ROOT, "%.1f %s", value, UNITS[unit]);
  }

  private static long number(String original, String digits) {
    try {
      long n = Long.parseLong(digits.trim());
      if (n < 0 || n > (1L << 40)) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "a size such as 1GB, 500MB or 64KB is expected; got '" + original + "'");
    }
  }
}
