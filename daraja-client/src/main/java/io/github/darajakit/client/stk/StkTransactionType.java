package io.github.darajakit.client.stk;

/** Who receives an STK payment: a PayBill, or a till under a Buy Goods store. */
public enum StkTransactionType {
  /** {@code CustomerPayBillOnline}: PartyB is the PayBill itself. */
  PAY_BILL("CustomerPayBillOnline"),
  /** {@code CustomerBuyGoodsOnline}: BusinessShortCode is the store, PartyB the till. */
  BUY_GOODS("CustomerBuyGoodsOnline");

  private final String wireName;

  StkTransactionType(String wireName) {
    this.wireName = wireName;
  }

  /** The {@code TransactionType} Daraja expects. */
  public String wireName() {
    return wireName;
  }
}
