package io.github.darajakit.emulator.internal.world;

import io.github.darajakit.emulator.EmulatorConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Safaricom's public sandbox test data (REFERENCE §18), so a client configured for the real sandbox
 * works by changing only its base URL, plus the scenario customers and a few emulator shortcodes
 * documented in {@code docs/emulator.md}.
 */
public final class SandboxWorld {

  /** The Lipa na M-Pesa Online shortcode of the sandbox. */
  public static final String STK_SHORTCODE = "174379";

  /** Its public passkey. */
  public static final String STK_PASSKEY =
      "bfb279f9aa9bdbcf158e97dd71a467cd2e0c893059b10f78e6b72ada1ed2c919";

  /** Kenya Revenue Authority, the only tax remittance PartyB. */
  public static final String KRA_SHORTCODE = "572572";

  /** Emulator-only Buy Goods store (initiates STK for its till) and its till. */
  public static final String BUY_GOODS_STORE = "600500";

  public static final String BUY_GOODS_TILL = "600501";

  /** Emulator-only PayBill with almost no money, for insufficient-balance results. */
  public static final String LOW_BALANCE_SHORTCODE = "600100";

  private static final List<String> TEST_SHORTCODES =
      List.of("600000", "600978", "600979", "600984", "600992", "600996", "600997", "600999");

  private SandboxWorld() {}

  static List<EmulatorConfig.Customer> customers() {
    List<EmulatorConfig.Customer> customers = new ArrayList<>();
    for (Scenario scenario : Scenario.values()) {
      customers.add(
          new EmulatorConfig.Customer(
              scenario.msisdn(),
              scenario.firstName(),
              "",
              scenario.lastName(),
              Money.cents(scenario.openingBalance()),
              "1234",
              scenario.registered()));
    }
    return customers;
  }

  static List<EmulatorConfig.Organisation> organisations() {
    List<EmulatorConfig.Organisation> organisations = new ArrayList<>();
    organisations.add(paybill(STK_SHORTCODE, "Safaricom Daraja LNM", STK_PASSKEY, 0, 0));
    for (String shortCode : TEST_SHORTCODES) {
      organisations.add(
          paybill(
              shortCode,
              "Safaricom Daraja " + shortCode.substring(3),
              null,
              1_000_000,
              10_000_000));
    }
    organisations.add(paybill(KRA_SHORTCODE, "Kenya Revenue Authority", null, 0, 0));
    organisations.add(paybill(LOW_BALANCE_SHORTCODE, "Low Balance Ltd", null, 100, 100));
    organisations.add(
        new EmulatorConfig.Organisation(
            BUY_GOODS_STORE, "Daraja Demo Store", true, STK_PASSKEY, null, balances(100_000, 0)));
    organisations.add(
        new EmulatorConfig.Organisation(
            BUY_GOODS_TILL, "Daraja Demo Till", true, null, BUY_GOODS_STORE, balances(0, 0)));
    return organisations;
  }

  /** True for {@link #STK_SHORTCODE}: Daraja refuses C2B URL registration on it. */
  public static boolean isStkOnly(String shortCode) {
    return STK_SHORTCODE.equals(shortCode);
  }

  private static EmulatorConfig.Organisation paybill(
      String shortCode, String name, String passkey, long working, long utility) {
    return new EmulatorConfig.Organisation(
        shortCode, name, false, passkey, null, balances(working, utility));
  }

  private static Map<String, Long> balances(long working, long utility) {
    return Map.of(
        AccountType.WORKING.alias(), Money.cents(working),
        AccountType.UTILITY.alias(), Money.cents(utility));
  }
}
