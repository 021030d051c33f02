package io.github.darajakit.gateway.subscriptions;

import java.util.Locale;
import java.util.Optional;

/** How long a plan's period is, counted in whole days, weeks or calendar months. */
public enum Interval {
  DAY(1, 0),
  WEEK(7, 0),
  MONTH(0, 1),
  QUARTER(0, 3),
  YEAR(0, 12);

  private final int days;
  private final int months;

  Interval(int days, int months) {
    this.days = days;
    this.months = months;
  }

  /** Days in one interval, or 0 for the calendar ones. */
  int days() {
    return days;
  }

  /** Calendar months in one interval, or 0 for days and weeks. */
  int months() {
    return months;
  }

  /** Whether periods follow the calendar (and so a billing anchor, a day of the month). */
  public boolean isCalendar() {
    return months > 0;
  }

  /** The name in the API: {@code day}, {@code week}… */
  public String apiName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The interval with this API name. */
  public static Optional<Interval> forApiName(String name) {
    for (Interval interval : values()) {
      if (interval.apiName().equals(name)) {
        return Optional.of(interval);
      }
    }
    return Optional.empty();
  }
}
