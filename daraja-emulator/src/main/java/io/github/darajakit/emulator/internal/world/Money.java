package io.github.darajakit.emulator.internal.world;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Money in the emulator is a {@code long} count of cents: Daraja moves whole shillings, but
 * balances and charges are printed with two decimals, and nothing here may ever round.
 */
public final class Money {

  private Money() {}

  /** Whole shillings to cents. */
  public static long cents(long shillings) {
    return Math.multiplyExact(shillings, 100L);
  }

  /** Cents as a 2-decimal number, e.g. {@code 1.00}. */
  public static BigDecimal decimal(long cents) {
    return BigDecimal.valueOf(cents, 2);
  }

  /** Cents as Daraja's 2-decimal text, e.g. {@code "25.00"} or {@code "-1540.00"}. */
  public static String text(long cents) {
    return decimal(cents).toPlainString();
  }

  /** Parses a decimal KES amount ({@code "100"}, {@code "99.50"}) into cents, exactly. */
  public static long parse(String text) {
    BigDecimal value = new BigDecimal(text.trim());
    if (value.scale() > 2 && value.setScale(2, RoundingMode.DOWN).compareTo(value) != 0) {
      throw new IllegalArgumentException("'" + text + "' has more than two decimals");
    }
    return value.movePointRight(2).longValueExact();
  }
}
