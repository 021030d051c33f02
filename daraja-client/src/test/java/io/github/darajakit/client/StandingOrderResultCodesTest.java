package io.github.darajakit.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.darajakit.client.ResultCodes.Family;
import org.junit.jupiter.api.Test;

/** The standing-order family of {@link ResultCodes} (REFERENCE §15). */
class StandingOrderResultCodesTest {

  @Test
  void theFamilyHoldsEveryDocumentedCodeInOrder() {
    assertThat(ResultCodes.all(Family.STANDING_ORDER))
        .extracting(ResultCode::code)
        .containsExactly("0", "1001", "1025", "1032", "1037", "2001", "1050", "1051", "3001");
  }

  @Test
  void eachCodeHasTheOutcomeOfWhatHappenedToTheCustomer() {
    assertThat(ResultCodes.standingOrder("0").outcome()).isEqualTo(Outcome.SUCCESS);
    assertThat(ResultCodes.standingOrder("1032").outcome()).isEqualTo(Outcome.CANCELLED);
    assertThat(ResultCodes.standingOrder("1037").outcome()).isEqualTo(Outcome.TIMEOUT);
    for (String failed : new String[] {"1001", "1025", "2001", "1050", "1051", "3001"}) {
      assertThat(ResultCodes.standingOrder(failed).outcome()).isEqualTo(Outcome.FAILED);
    }
  }

  @Test
  void askingTheCustomerAgainMakesSenseOnlyForPromptFailures() {
    assertThat(ResultCodes.all(Family.STANDING_ORDER))
        .filteredOn(ResultCode::retryable)
        .extracting(ResultCode::code)
        .containsExactly("1001", "1025", "1032", "1037", "2001");
  }

  @Test
  void codesAreKnownAsNumbersOrPaddedText() {
    assertThat(ResultCodes.lookup(Family.STANDING_ORDER, " 1050 ").code()).isEqualTo("1050");
    assertThat(ResultCodes.lookup(Family.STANDING_ORDER, "00").isSuccess()).isTrue();
    assertThat(ResultCodes.standingOrder("1050").meaning()).contains("another name");
    assertThat(ResultCodes.standingOrder("3001").meaning()).contains("undocumented");
  }

  @Test
  void initiatorCoreCodesDoNotLeakIntoStandingOrders() {
    ResultCode unknown = ResultCodes.standingOrder("17");
    assertThat(unknown.known()).isFalse();
    assertThat(unknown.outcome()).isEqualTo(Outcome.FAILED);
  }
}
