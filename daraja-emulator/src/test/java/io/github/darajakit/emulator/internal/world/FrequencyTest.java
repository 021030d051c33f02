package io.github.darajakit.emulator.internal.world;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Due dates of each Ratiba frequency, counted from the start date. */
class FrequencyTest {

  private static final LocalDate JAN_31 = LocalDate.of(2027, 1, 31);

  @ParameterizedTest(name = "{0}: due date {1} is {2}")
  @CsvSource({
    "1, 0, 2027-01-31",
    "2, 1, 2027-02-01",
    "2, 365, 2028-01-31",
    "3, 2, 2027-02-14",
    "4, 1, 2027-02-28",
    "4, 2, 2027-03-31",
    "4, 3, 2027-04-30",
    "4, 13, 2028-02-29",
    "5, 1, 2027-03-31",
    "5, 2, 2027-05-31",
    "6, 1, 2027-04-30",
    "7, 1, 2027-07-31",
    "8, 1, 2028-01-31"
  })
  void dueDatesCountFromTheStartDateAndFallBackToTheMonthsLastDay(
      String code, int n, LocalDate expected) {
    Frequency frequency = Frequency.forCode(code).orElseThrow();

    assertThat(frequency.dueDate(JAN_31, n)).contains(expected);
  }

  @Test
  void aOneOffOrderHasOnlyItsStartDate() {
    assertThat(Frequency.ONE_OFF.dueDate(JAN_31, 1)).isEqualTo(Optional.empty());
  }

  @Test
  void yearlyFromTheTwentyNinthOfFebruaryFallsOnTheTwentyEighthInOtherYears() {
    LocalDate leap = LocalDate.of(2028, 2, 29);

    assertThat(Frequency.YEARLY.dueDate(leap, 1)).contains(LocalDate.of(2029, 2, 28));
    assertThat(Frequency.YEARLY.dueDate(leap, 4)).contains(LocalDate.of(2032, 2, 29));
  }

  @Test
  void codesOutsideOneToEightAreUnknown() {
    assertThat(Frequency.forCode("0")).isEmpty();
    assertThat(Frequency.forCode("9")).isEmpty();
    assertThat(Frequency.forCode("02")).isEmpty();
  }
}
