package io.github.darajakit.client.billmanager;

import io.github.darajakit.client.internal.Check;

/**
 * One line of an invoice ({@code invoiceItems}), e.g. {@code {"itemName":"food","amount":"700"}}.
 *
 * @param itemName what the line is for
 * @param amount whole KES, 1 to {@value Invoice#MAX_AMOUNT}
 */
public record InvoiceItem(String itemName, long amount) {

  /** Validates both fields; each failure names it. */
  public InvoiceItem {
    Check.text("itemName", itemName, 1, Invoice.MAX_TEXT);
    Check.amount("amount", amount, 1, Invoice.MAX_AMOUNT);
  }
}
