package io.github.darajakit.gateway.subscriptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.YearMonth;
import org.junit.jupiter.api.Test;

/**
 * Where periods begin, checked exhaustively: every anchor day over four years (a leap February
 * among them), every calendar interval, and the first period after any start day.
 */
class BillingCalendarTest {

  @Test
  void monthEndAnchorsFallBackToTheLastDayAndReturnAfterwards() {
    BillingCalendar calendar =
        new BillingCalendar(LocalDate.of(2027, 12, 31), 31, Interval.MONTH, 1);
    assertThat(calendar.periodStart(1)).isEqualTo(LocalDate.of(2028, 1, 31));
    assertThat(calendar.periodStart(2)).isEqualTo(LocalDate.of(2028, 2, 29)); // leap year
    assertThat(calendar.periodStart(3)).isEqualTo(LocalDate.of(2028, 3, 31));
    assertThat(calendar.periodStart(4)).isEqualTo(LocalDate.of(2028, 4, 30));
    assertThat(calendar.periodEnd(1)).isEqualTo(LocalDate.of(2028, 2, 29));

    BillingCalendar thirtieth =
        new BillingCalendar(LocalDate.of(2027, 1, 30), 30, Interval.MONTH, 1);
    assertThat(thirtieth.periodStart(1)).isEqualTo(LocalDate.of(2027, 2, 28));
    assertThat(thirtieth.periodStart(2)).isEqualTo(LocalDate.of(2027, 3, 30));
  }

  @Test
  void everyAnchorGivesExactlyOnePeriodAMonthOnItsDayOrTheMonthsLast() {
    for (int anchor = 1; anchor <= 31; anchor++) {
      LocalDate first =
          BillingCalendar.firstPeriodStart(LocalDate.of(2027, 1, 1), anchor, Interval.MONTH);
      BillingCalendar calendar = new BillingCalendar(first, anchor, Interval.MONTH, 1);
      LocalDate previous = null;
      for (int k = 0; k < 48; k++) {
        LocalDate start = calendar.periodStart(k);
        YearMonth month = YearMonth.of(2027, 1).plusMonths(k);
        assertThat(YearMonth.from(start)).as("anchor %d, period %d", anchor, k).isEqualTo(month);
        assertThat(start.getDayOfMonth()).isEqualTo(Math.min(anchor, month.lengthOfMonth()));
        if (previous != null) {
          assertThat(start).isAfter(previous);
          assertThat(calendar.periodEnd(k - 1)).isEqualTo(start);
        }
        previous = start;
      }
    }
  }

  @Test
  void quartersAndYearsStepWholeMonthsFromTheAnchor() {
    BillingCalendar quarters =
        new BillingCalendar(LocalDate.of(2027, 11, 30), 30, Interval.QUARTER, 1);
    assertThat(quarters.periodStart(1)).isEqualTo(LocalDate.of(2028, 2, 29));
    assertThat(quarters.periodStart(2)).isEqualTo(LocalDate.of(2028, 5, 30));
    BillingCalendar years = new BillingCalendar(LocalDate.of(2028, 2, 29), 29, Interval.YEAR, 1);
    assertThat(years.periodStart(1)).isEqualTo(LocalDate.of(2029, 2, 28));
    assertThat(years.periodStart(4)).isEqualTo(LocalDate.of(2032, 2, 29));
    BillingCalendar everyTwoMonths =
        new BillingCalendar(LocalDate.of(2027, 1, 15), 15, Interval.MONTH, 2);
    assertThat(everyTwoMonths.periodStart(3)).isEqualTo(LocalDate.of(2027, 7, 15));
  }

  @Test
  void daysAndWeeksFollowOneAnotherFromTheStart() {
    BillingCalendar weeks = new BillingCalendar(LocalDate.of(2027, 12, 29), 29, Interval.WEEK, 2);
    assertThat(weeks.periodStart(1)).isEqualTo(LocalDate.of(2028, 1, 12));
    assertThat(weeks.periodStart(26)).isEqualTo(LocalDate.of(2028, 12, 27));
    BillingCalendar days = new BillingCalendar(LocalDate.of(2028, 2, 28), 28, Interval.DAY, 1);
    assertThat(days.periodStart(1)).isEqualTo(LocalDate.of(2028, 2, 29));
    assertThat(days.periodStart(2)).isEqualTo(LocalDate.of(2028, 3, 1));
  }

  @Test
  void theFirstPeriodIsTheFirstAnchorDayOnOrAfterTheStart() {
    for (LocalDate from = LocalDate.of(2028, 1, 1);
        from.getYear() == 2028;
        from = from.plusDays(1)) {
      for (int anchor : new int[] {1, 15, 28, 29, 30, 31}) {
        LocalDate first = BillingCalendar.firstPeriodStart(from, anchor, Interval.MONTH);
        YearMonth month = YearMonth.from(first);
        assertThat(first).isAfterOrEqualTo(from);
        assertThat(first.getDayOfMonth()).isEqualTo(Math.min(anchor, month.lengthOfMonth()));
        assertThat(first)
            .as("from %s anchor %d", from, anchor)
            .isBefore(from.plusMonths(1).plusDays(1));
      }
      assertThat(BillingCalendar.firstPeriodStart(from, 31, Interval.WEEK)).isEqualTo(from);
    }
  }

  @Test
  void aPeriodIsDueAtMidnightInNairobi() {
    assertThat(BillingCalendar.dueAt(LocalDate.of(2027, 1, 31)))
        .isEqualTo(java.time.Instant.parse("2027-01-30T21:00:00Z").toEpochMilli());
  }

  @Test
  void nonsenseIsRefused() {
    assertThatThrownBy(() -> new BillingCalendar(LocalDate.of(2027, 1, 1), 32, Interval.MONTH, 1))
        .hasMessageContaining("anchor day");
    assertThatThrownBy(() -> new BillingCalendar(LocalDate.of(2027, 1, 1), 1, Interval.MONTH, 0))
        .hasMessageContaining("interval count");
  }
}
