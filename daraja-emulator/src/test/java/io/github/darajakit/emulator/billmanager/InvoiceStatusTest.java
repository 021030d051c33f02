package io.github.darajakit.emulator.billmanager;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.darajakit.emulator.internal.api.BillManagerApi.InvoiceStatus;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The invoice transition table, row by row: paid and cancelled are terminal. */
class InvoiceStatusTest {

  @ParameterizedTest(name = "{0} -> {1}: {2}")
  @CsvSource({
    "UNPAID, UNPAID, false",
    "UNPAID, PART_PAID, true",
    "UNPAID, PAID, true",
    "UNPAID, CANCELLED, true",
    "PART_PAID, UNPAID, false",
    "PART_PAID, PART_PAID, true",
    "PART_PAID, PAID, true",
    "PART_PAID, CANCELLED, false",
    "PAID, UNPAID, false",
    "PAID, PART_PAID, false",
    "PAID, PAID, false",
    "PAID, CANCELLED, false",
    "CANCELLED, UNPAID, false",
    "CANCELLED, PART_PAID, false",
    "CANCELLED, PAID, false",
    "CANCELLED, CANCELLED, false"
  })
  void transition(InvoiceStatus from, InvoiceStatus to, boolean allowed) {
    assertThat(from.canBecome(to)).isEqualTo(allowed);
    assertThat(from.open())
        .isEqualTo(from == InvoiceStatus.UNPAID || from == InvoiceStatus.PART_PAID);
  }
}
