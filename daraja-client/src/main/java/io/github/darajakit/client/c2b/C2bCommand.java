package io.github.darajakit.client.c2b;

/** Who a simulated C2B payment pays: a PayBill (with an account number) or a till. */
public enum C2bCommand {
  /** {@code CustomerPayBillOnline}: pays a PayBill; {@code BillRefNumber} is the account. */
  PAY_BILL("CustomerPayBillOnline"),
  /** {@code CustomerBuyGoodsOnline}: pays a till; there is no account number. */
  BUY_GOODS("CustomerBuyGoodsOnline");

  private final String wireName;

  C2bCommand(String wireName) {
    this.wireName = wireName;
  }

  /** The {@code CommandID} Daraja expects. */
  public String wireName() {
    return wireName;
  }
}
