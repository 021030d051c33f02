package io.github.darajakit.client;

/**
 * What kind of party an identifier names, as Daraja's {@code IdentifierType} codes (REFERENCE
 * §1.8). Used by Transaction Status and Account Balance.
 */
public enum IdentifierType {
  /** {@code "1"}: a customer's phone number. */
  MSISDN("1"),
  /** {@code "2"}: a till number. */
  TILL("2"),
  /** {@code "4"}: an organisation shortcode (PayBill, B2C shortcode, store). */
  SHORTCODE("4");

  private final String code;

  IdentifierType(String code) {
    this.code = code;
  }

  /** The code Daraja expects, e.g. {@code "4"}. */
  public String code() {
    return code;
  }
}
