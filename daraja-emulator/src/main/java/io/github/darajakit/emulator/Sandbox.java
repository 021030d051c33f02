package io.github.darajakit.emulator;

/**
 * Safaricom's public sandbox test data, which the emulator provisions by default (REFERENCE §18),
 * and the emulator's own extra shortcodes. A client configured with these works against the real
 * sandbox and against the emulator alike.
 */
public final class Sandbox {

  /** Lipa na M-Pesa Online (STK push) PayBill. STK only: C2B registration fails on it. */
  public static final String STK_SHORTCODE = "174379";

  /** The public passkey of {@link #STK_SHORTCODE}. */
  public static final String STK_PASSKEY =
      "bfb279f9aa9bdbcf158e97dd71a467cd2e0c893059b10f78e6b72ada1ed2c919";

  /** The sandbox test customer. */
  public static final String TEST_MSISDN = "254708374149";

  /** "Shortcode 1" of the test apps: a PayBill for C2B, B2C, B2B, balance, status, reversal. */
  public static final String SHORTCODE_1 = "600992";

  /** "Shortcode 2": the B2B Party B. */
  public static final String SHORTCODE_2 = "600000";

  /** The sandbox API initiator. */
  public static final String INITIATOR_NAME = "testapi";

  /** Its password (encrypt it into a SecurityCredential). */
  public static final String INITIATOR_PASSWORD = "Safaricom999!*!";

  /** Kenya Revenue Authority, the tax remittance PartyB. */
  public static final String KRA_SHORTCODE = "572572";

  /** Emulator only: a Buy Goods store that initiates STK pushes for {@link #BUY_GOODS_TILL}. */
  public static final String BUY_GOODS_STORE = "600500";

  /** Emulator only: a till under {@link #BUY_GOODS_STORE} (passkey {@link #STK_PASSKEY}). */
  public static final String BUY_GOODS_TILL = "600501";

  /**
   * Emulator only: a PayBill with KES 100 in Working and in Utility, for insufficient-balance
   * results.
   */
  public static final String LOW_BALANCE_SHORTCODE = "600100";

  private Sandbox() {}
}
