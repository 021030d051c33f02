package io.github.darajakit.emulator.internal.world;

/** What a ledger entry was, with the words M-Pesa uses for it in status and pull results. */
public enum TransactionKind {
  STK_PAYBILL("Customer Pay Bill Online", "c2b-pay-bill-debit", true),
  STK_BUY_GOODS("Customer Buy Goods Online", "c2b-buy-goods-debit", true),
  C2B_PAYBILL("Pay Bill", "c2b-pay-bill-debit", true),
  C2B_BUY_GOODS("Buy Goods", "c2b-buy-goods-debit", true),
  // ⚠ Safaricom does not document how a Ratiba debit is named; the request's TransactionType is
  // the closest word it has.
  STANDING_ORDER_PAY_BILL("Standing Order Customer Pay Bill", "c2b-pay-bill-debit", true),
  STANDING_ORDER_BUY_GOODS("Standing Order Customer Pay Marchant", "c2b-buy-goods-debit", true),
  // ⚠ Safaricom does not document how a Lipa na Bonga payment is named. Not reversible here:
  // a reversal would refund money the customer paid in points.
  BONGA_PAY_BILL("Lipa na Bonga Pay Bill", "c2b-pay-bill-debit", false),
  B2C_BUSINESS_PAYMENT("Business Payment to Customer via API", null, false),
  B2C_SALARY_PAYMENT("Salary Payment via API", null, false),
  B2C_PROMOTION_PAYMENT("Promotion Payment via API", null, false),
  B2POCHI("Business Pay to Pochi via API", null, false),
  B2B_PAY_BILL("Business Pay Bill", null, false),
  B2B_BUY_GOODS("Business Buy Goods", null, false),
  B2C_TOP_UP("Business Pay to Bulk", null, false),
  TAX_REMITTANCE("Pay Tax to KRA", null, false),
  // ⚠ Undocumented: how M-Pesa names a B2B Express Checkout payment in status results.
  B2B_EXPRESS_CHECKOUT("B2B Express Checkout", null, false),
  REVERSAL("Transaction Reversal", null, false);

  private final String reasonType;
  private final String pullType;
  private final boolean customerPayment;

  TransactionKind(String reasonType, String pullType, boolean customerPayment) {
    this.reasonType = reasonType;
    this.pullType = pullType;
    this.customerPayment = customerPayment;
  }

  /** {@code ReasonType} in a Transaction Status result. */
  public String reasonType() {
    return reasonType;
  }

  /** {@code transactiontype} in a Pull Transactions record, or {@code null} if not pulled. */
  public String pullType() {
    return pullType;
  }

  /**
   * True for a customer paying a business (STK, C2B or a standing-order debit): pullable and
   * reversible.
   */
  public boolean customerPayment() {
    return customerPayment;
  }
}
