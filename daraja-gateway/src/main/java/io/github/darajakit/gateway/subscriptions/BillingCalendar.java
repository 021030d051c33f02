package io.github.darajakit.gateway.subscriptions;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;

/**
 * Where each billing period of a subscription begins: a pure function of its schedule, never of the
 * clock, so that every instance, before and after any restart or clock change, names the same
 * periods and an invoice's period is a key that cannot be billed twice.
 *
 * <p>Periods of days and weeks follow one another from the schedule's start. Calendar periods
 * (month, quarter, year) begin on the billing anchor, a day of the month; in a month too short for
 * it (the 29th to 31st) they begin on the month's last day, and go back to the anchor in the months
 * after.
 *
 * @param start the first day of period 0
 * @param anchorDay the day of the month calendar periods begin on (1–31)
 * @param interval the plan's interval
 * @param count how many intervals one period lasts (at least 1)
 */
public record BillingCalendar(LocalDate start, int anchorDay, Interval interval, int count) {

  /** Billing days are Nairobi's: a period is due at 00:00 East Africa Time on its first day. */
  public static final ZoneId EAT = ZoneId.of("Africa/Nairobi");

  public BillingCalendar {
    if (anchorDay < 1 || anchorDay > 31) {
      throw new IllegalArgumentException("anchor day must be 1 to 31, got " + anchorDay);
    }
    if (count < 1) {
      throw new IllegalArgumentException("interval count must be at least 1, got " + count);
    }
  }

  /**
   * The first day of the first period on or after {@code from}: {@code from} itself for days and
   * weeks, else the next day that is the anchor (or the last day of a month shorter than it).
   */
  public static LocalDate firstPeriodStart(LocalDate from, int anchorDay, Interval interval) {
    if (!interval.isCalendar()) {
      return from;
    }
    LocalDate inMonth = onAnchor(YearMonth.from(from), anchorDay);
    return inMonth.isBefore(from)
        ? onAnchor(YearMonth.from(from).plusMonths(1), anchorDay)
        : inMonth;
  }

  /** The first day of period {@code index} (0 is {@link #start}). */
  public LocalDate periodStart(long index) {
    if (index < 0) {
      throw new IllegalArgumentException("period index must not be negative, got " + index);
    }
    if (index == 0) {
      return start;
    }
    if (!interval.isCalendar()) {
      return start.plusDays(index * count * interval.days());
    }
    return onAnchor(YearMonth.from(start).plusMonths(index * count * interval.months()), anchorDay);
  }

  /** The day after period {@code index}'s last: the first day of the next one. */
  public LocalDate periodEnd(long index) {
    return periodStart(index + 1);
  }

  /** When a period beginning on {@code day} is due: 00:00 East Africa Time that day, epoch ms. */
  public static long dueAt(LocalDate day) {
    return day.atStartOfDay(EAT).toInstant().toEpochMilli();
  }

  private static LocalDate onAnchor(YearMonth month, int anchorDay) {
    return month.atDay(Math.min(anchorDay, month.lengthOfMonth()));
  }
}
