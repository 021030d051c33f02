package io.github.darajakit.client.qr;

/** What a dynamic QR code asks the customer to do: Daraja's {@code TrxCode} (REFERENCE §12). */
public enum QrTransactionCode {
  /** {@code BG}: pay a merchant (Buy Goods); CPI is the till. */
  BUY_GOODS("BG"),
  /** {@code WA}: withdraw cash at an agent; CPI is the agent till. */
  WITHDRAW_AT_AGENT("WA"),
  /** {@code PB}: pay a PayBill; CPI is the PayBill, RefNo the account. */
  PAY_BILL("PB"),
  /** {@code SM}: send money to a mobile number; CPI is the MSISDN. */
  SEND_MONEY("SM"),
  /** {@code SB}: send to a business; CPI is the business number. */
  SEND_TO_BUSINESS("SB");

  private final String wireCode;

  QrTransactionCode(String wireCode) {
    this.wireCode = wireCode;
  }

  /** The {@code TrxCode} Daraja expects, e.g. {@code BG}. */
  public String wireCode() {
    return wireCode;
  }
}
