package io.github.darajakit.gateway.subscriptions;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * The hours in which no customer is prompted: a charge due in them waits for their end. A span may
 * wrap midnight (21:00–07:00, the default, in East Africa Time).
 *
 * @param from the first quiet minute
 * @param until the first minute prompts may be sent again
 * @param zone whose clock the hours are on
 */
public record QuietHours(LocalTime from, LocalTime until, ZoneId zone) {

  /** No quiet hours. */
  public static final QuietHours NONE =
      new QuietHours(LocalTime.MIDNIGHT, LocalTime.MIDNIGHT, BillingCalendar.EAT);

  /** 21:00 to 07:00 East Africa Time. */
  public static QuietHours defaults() {
    return new QuietHours(LocalTime.of(21, 0), LocalTime.of(7, 0), BillingCalendar.EAT);
  }

  /** Reads {@code "21:00-07:00"}, or {@code "off"} for none. */
  public static QuietHours parse(String text) {
    if (text.strip().equalsIgnoreCase("off")) {
      return NONE;
    }
    String[] parts = text.strip().split("\\s*-\\s*");
    if (parts.length != 2) {
      throw new IllegalArgumentException(
          "quiet hours must look like \"21:00-07:00\" (East Africa Time) or be \"off\", got \""
              + text
              + "\"");
    }
    try {
      return new QuietHours(
          LocalTime.parse(parts[0]), LocalTime.parse(parts[1]), BillingCalendar.EAT);
    } catch (java.time.format.DateTimeParseException e) {
      throw new IllegalArgumentException(
          "quiet hours must look like \"21:00-07:00\" (East Africa Time), got \"" + text + "\"", e);
    }
  }

  /** Whether {@code at} falls in the quiet hours. */
  public boolean isQuiet(long epochMillis) {
    if (from.equals(until)) {
      return false;
    }
    LocalTime t = Instant.ofEpochMilli(epochMillis).atZone(zone).toLocalTime();
    return from.isBefore(until)
        ? !t.isBefore(from) && t.isBefore(until)
        : !t.isBefore(from) || t.isBefore(until);
  }

  /** The first moment at or after {@code epochMillis} that is not quiet. */
  public long nextAllowed(long epochMillis) {
    if (!isQuiet(epochMillis)) {
      return epochMillis;
    }
    ZonedDateTime at = Instant.ofEpochMilli(epochMillis).atZone(zone);
    ZonedDateTime end = at.toLocalDate().atTime(until).atZone(zone);
    if (end.isBefore(at)) {
      end = end.plusDays(1);
    }
    return end.toInstant().toEpochMilli();
  }

  /** As configured: {@code "21:00-07:00"} or {@code "off"}. */
  @Override
  public String toString() {
    return from.equals(until) ? "off" : from + "-" + until;
  }
}
