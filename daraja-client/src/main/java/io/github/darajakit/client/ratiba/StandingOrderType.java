package io.github.darajakit.client.ratiba;

/** Who a standing order pays: a PayBill, or a till (REFERENCE §15). */
public enum StandingOrderType {
  /** {@code Standing Order Customer Pay Bill}: BusinessShortCode is the PayBill (identifier 4). */
  PAY_BILL("Standing Order Customer Pay Bill", "4"),
  /**
   * {@code Standing Order Customer Pay Marchant} (sic: Daraja's spelling, sent as it is):
   * BusinessShortCode is the till (identifier 2).
   */
  BUY_GOODS("Standing Order Customer Pay Marchant", "2");

  private final String wireName;
  private final String receiverIdentifierType;

  StandingOrderType(String wireName, String receiverIdentifierType) {
    this.wireName = wireName;
    this.receiverIdentifierType = receiverIdentifierType;
  }

  /** The {@code TransactionType} Daraja expects, spelling included. */
  public String wireName() {
    return wireName;
  }

  /** The {@code ReceiverPartyIdentifierType}: {@code "4"} for a PayBill, {@code "2"} for a till. */
  public String receiverIdentifierType() {
    return receiverIdentifierType;
  }
}
