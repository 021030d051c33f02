package io.github.darajakit.emulator.internal.world;

import java.time.LocalDate;
import java.util.Optional;

/**
 * How often a standing order debits (REFERENCE §15 {@code Frequency}). Every due date is counted
 * from the start date, never from the previous due date, so a monthly order that starts on the 31st
 * falls on the 28th or 29th in February and on the 31st again in March.
 */
public enum Frequency {
  ONE_OFF("1"),
  DAILY("2"),
  WEEKLY("3"),
  MONTHLY("4"),
  /** ⚠ "Bi-Monthly" is read as every two months, not twice a month. */
  BI_MONTHLY("5"),
  QUARTERLY("6"),
  HALF_YEARLY("7"),
  YEARLY("8");

  private final String code;

  Frequency(String code) {
    this.code = code;
  }

  /** The frequency for Daraja's code {@code "1"}…{@code "8"}. */
  public static Optional<Frequency> forCode(String code) {
    for (Frequency frequency : values()) {
      if (frequency.code.equals(code)) {
        return Optional.of(frequency);
      }
    }
    return Optional.empty();
  }

  /** Daraja's code, {@code "1"}…{@code "8"}. */
  public String code() {
    return code;
  }

  /**
   * The {@code n}th due date (0 is the start date), or empty if this frequency has none: a one-off
   * order has only the start date.
   */
  public Optional<LocalDate> dueDate(LocalDate start, int n) {
    if (n < 0) {
      throw new IllegalArgumentException("n must not be negative, got " + n);
    }
    if (n == 0) {
      return Optional.of(start);
    }
    return switch (this) {
      case ONE_OFF -> Optional.empty();
      case DAILY -> Optional.of(start.plusDays(n));
      case WEEKLY -> Optional.of(start.plusWeeks(n));
      // plusMonths keeps the day of month, or takes the month's last day when it is shorter.
      case MONTHLY -> Optional.of(start.plusMonths(n));
      case BI_MONTHLY -> Optional.of(start.plusMonths(2L * n));
      case QUARTERLY -> Optional.of(start.plusMonths(3L * n));
      case HALF_YEARLY -> Optional.of(start.plusMonths(6L * n));
      case YEARLY -> Optional.of(start.plusYears(n));
    };
  }
}
