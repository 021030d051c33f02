package io.github.darajakit.client.internal;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.Locale;

/**
 * The dates of the IMSI and SIM swap answers: {@code dd-MM-yyyy} (v1) and {@code dd-MM-yyyy HH:mm}
 * (v2, REFERENCE §16), strictly: an impossible date is no date.
 */
public final class SimDates {

  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("dd-MM-uuuu", Locale.ROOT)
          .withResolverStyle(ResolverStyle.STRICT);
  private static final DateTimeFormatter DAY_AND_TIME =
      DateTimeFormatter.ofPattern("dd-MM-uuuu HH:mm[:ss]", Locale.ROOT)
          .withResolverStyle(ResolverStyle.STRICT);

  private SimDates() {}

  /** {@code dd-MM-yyyy} (or the v2 form, its date), or {@code null} if neither. */
  public static LocalDate date(String text) {
    LocalDateTime dateTime = dateTime(text);
    return dateTime == null ? null : dateTime.toLocalDate();
  }

  /** Either form as a date-time (a date alone at midnight), or {@code null} if neither. */
  public static LocalDateTime dateTime(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    String t = text.strip();
    try {
      return LocalDateTime.parse(t, DAY_AND_TIME);
    } catch (DateTimeException e) {
      // a date alone
    }
    try {
      return LocalDate.parse(t, DAY).atStartOfDay();
    } catch (DateTimeException e) {
      return null;
    }
  }
}
