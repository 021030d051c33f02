package io.github.darajakit.gateway;

import io.github.darajakit.gateway.billmanager.BillManagerSettings;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

/**
 * Reads the gateway's environment variables onto a {@link GatewayConfig.Builder} (the list is in
 * {@link GatewayConfig.Builder#environment(Map)} and {@code docs/gateway.md#running-it}). Each
 * value is checked here rather than left to {@link GatewayConfig}'s constructor so that a bad one
 * is refused by the name of the variable that holds it: that is what whoever fixes it edits.
 */
final class EnvironmentVariables {

  private static final String API_KEY = "DARAJA_API_KEY";
  private static final String CALLBACK_SECRET = "DARAJA_CALLBACK_SECRET";
  private static final String PUBLIC_URL = "DARAJA_PUBLIC_URL";
  private static final String DASHBOARD_PASSWORD = "DARAJA_DASHBOARD_PASSWORD";
  private static final String C2B_SHORTCODE = "MPESA_C2B_SHORTCODE";
  private static final String B2C_SHORTCODE = "MPESA_B2C_SHORTCODE";
  private static final String BILL_MANAGER_APP_KEY = "DARAJA_BILL_MANAGER_APP_KEY";

  private EnvironmentVariables() {}

  static void apply(GatewayConfig.Builder builder, Map<String, String> env) {
    Objects.requireNonNull(env, "env");
    String c2bShortCode = value(env, C2B_SHORTCODE);
    String payoutShortCode = value(env, B2C_SHORTCODE);
    String publicUrl = value(env, PUBLIC_URL);
    String apiKeys = value(env, API_KEY);
    String callbackSecret = value(env, CALLBACK_SECRET);
    String dashboardPassword = value(env, DASHBOARD_PASSWORD);
    String billManagerAppKey = value(env, BILL_MANAGER_APP_KEY);

    if (c2bShortCode != null) {
      checkShortCode(C2B_SHORTCODE, c2bShortCode, "the PayBill or till", "600992");
    }
    if (payoutShortCode != null) {
      checkShortCode(B2C_SHORTCODE, payoutShortCode, "the B2C shortcode", "600000");
    }
    if (publicUrl != null) {
      GatewayConfig.checkPublicUrl(PUBLIC_URL, publicUrl);
    }
    // ApiKeys reads the same comma-separated list; one that holds no key would quietly mean
    // "generate one", the opposite of what setting the variable asks for.
    if (apiKeys != null && Arrays.stream(apiKeys.split(",")).allMatch(String::isBlank)) {
      throw new IllegalArgumentException(
          API_KEY
              + " holds no key: give one or more API keys, comma-separated, or unset it to have"
              + " one generated at the first start");
    }
    if (callbackSecret != null) {
      GatewayConfig.checkCallbackSecret(CALLBACK_SECRET + " (the callback secret)", callbackSecret);
    }
    if (dashboardPassword != null) {
      GatewayConfig.checkDashboardPassword(
          DASHBOARD_PASSWORD + " (the dashboard password)", dashboardPassword);
    }

    // Everything is checked before anything is set, so a refused environment leaves the builder
    // as it was.
    if (c2bShortCode != null) {
      builder.c2bShortCode(c2bShortCode);
    }
    if (payoutShortCode != null) {
      builder.payoutShortCode(payoutShortCode);
    }
    if (publicUrl != null) {
      builder.publicUrl(publicUrl);
    }
    if (apiKeys != null) {
      builder.apiKey(apiKeys);
    }
    if (callbackSecret != null) {
      builder.callbackSecret(callbackSecret);
    }
    if (dashboardPassword != null) {
      builder.dashboardPassword(dashboardPassword);
    }
    if (billManagerAppKey != null) {
      BillManagerSettings now = builder.billManager();
      builder.billManager(
          new BillManagerSettings(now.shortCode(), billManagerAppKey, now.appKeyHeader()));
    }
  }

  /**
   * The variable's value, or {@code null} when it is unset or blank (as {@code daraja gateway} has
   * always treated them). Values are not trimmed: a secret's spaces are part of it, and a shortcode
   * or URL with stray spaces is refused, quoted so that the spaces show.
   */
  private static String value(Map<String, String> env, String name) {
    String value = env.get(name);
    return value == null || value.isBlank() ? null : value;
  }

  private static void checkShortCode(String variable, String value, String what, String example) {
    if (!value.matches("[0-9]{5,9}")) {
      throw new IllegalArgumentException(
          variable
              + " must be "
              + what
              + ": 5 to 9 digits, e.g. "
              + example
              + "; got '"
              + value
              + "'");
    }
  }
}
