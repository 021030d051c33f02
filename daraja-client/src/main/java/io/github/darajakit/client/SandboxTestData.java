package io.github.darajakit.client;

/**
 * Safaricom's public sandbox test values, which the DarajaKit emulator also provisions: what {@link
 * DarajaClient#fromEnv(java.util.Map)} uses with {@code MPESA_ENV=emulator} when no {@code MPESA_*}
 * variable says otherwise. Published on the Daraja portal for every developer; none of them is a
 * secret, and none works in production.
 */
public final class SandboxTestData {

  /** The Lipa na M-Pesa Online (STK push) test PayBill, {@code 174379}. */
  public static final String STK_SHORTCODE = "174379";

  /** The public passkey of {@link #STK_SHORTCODE}. */
  public static final String STK_PASSKEY =
      "bfb279f9aa9bdbcf158e97dd71a467cd2e0c893059b10f78e6b72ada1ed2c919";

  /**
   * The consumer key {@code MPESA_ENV=emulator} uses when {@code MPESA_CONSUMER_KEY} is not set:
   * the emulator accepts any key and secret unless it runs in strict mode with its own apps.
   */
  public static final String EMULATOR_CONSUMER_KEY = "emulator";

  /** The consumer secret that goes with {@link #EMULATOR_CONSUMER_KEY}. */
  public static final String EMULATOR_CONSUMER_SECRET = "emulator";

  private SandboxTestData() {}
}
