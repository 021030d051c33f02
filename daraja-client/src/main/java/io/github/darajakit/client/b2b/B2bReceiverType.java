package io.github.darajakit.client.b2b;

/**
 * How a B2B payment names its receiver: Daraja's {@code RecieverIdentifierType} (sic). Pay Bill and
 * top-up always use {@link #SHORTCODE}; Buy Goods is documented with {@link #SHORTCODE} but
 * production integrations report that tills need {@link #TILL} (REFERENCE §7.1 ⚠): if a Buy Goods
 * Result says {@code SFC_IC0003} "Receiver party is invalid", try {@link #TILL}.
 */
public enum B2bReceiverType {
  /** {@code "4"}: an organisation shortcode (the documented value, and the default). */
  SHORTCODE("4"),
  /** {@code "2"}: a till number (Buy Goods only). */
  TILL("2");

  private final String code;

  B2bReceiverType(String code) {
    this.code = code;
  }

  /** The code Daraja expects, e.g. {@code "4"}. */
  public String code() {
    return code;
  }
}
