package io.github.darajakit.client.support;

import io.github.darajakit.client.billmanager.Invoice;
import java.time.LocalDate;
import java.time.YearMonth;

/** REFERENCE §14's single-invoice sample, as a builder tests adjust. */
public final class Invoices {

  private Invoices() {}

  /** The sample invoice ({@code #9932340}, KES 800 in two lines) under another reference. */
  public static Invoice.Builder sample(String externalReference) {
    return Invoice.builder()
        .externalReference(externalReference)
        .billedFullName("John Doe")
        .billedPhoneNumber("0722 000 000")
        .billedPeriod(YearMonth.of(2021, 8))
        .invoiceName("Jentrys")
        .dueDate(LocalDate.of(2021, 10, 12))
        .accountReference("1ASD678H")
        .amount(800)
        .item("food", 700)
        .item("water", 100);
  }
}
