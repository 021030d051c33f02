package io.github.darajakit.gateway.billmanager;

/**
 * How the gateway takes part in Bill Manager (REFERENCE §14). The opt-in itself is done once, with
 * the SDK or {@code daraja} CLI, giving Bill Manager the gateway's push URL.
 *
 * @param shortCode the opted-in PayBill whose payments are pushed; {@code null} for the C2B
 *     shortcode. A push for another shortcode is kept, not recorded
 * @param appKey the {@code app_key} the opt-in answered: without it payments are still recorded,
 *     but not acknowledged (no e-receipts) until it is set. A secret: never logged or shown
 * @param appKeyHeader the header the app key is sent in (⚠ undocumented by Safaricom)
 */
public record BillManagerSettings(String shortCode, String appKey, String appKeyHeader) {

  /** The header unless configured: the SDK's default. */
  public static final String DEFAULT_APP_KEY_HEADER = "appKey";

  public BillManagerSettings {
    if (shortCode != null && !shortCode.matches("\\d{5,6}")) {
      throw new IllegalArgumentException(
          "billManager.shortCode must be the opted-in PayBill, 5 or 6 digits, got '"
              + shortCode
              + "'");
    }
    if (appKey != null && appKey.isBlank()) {
      appKey = null;
    }
    if (appKeyHeader == null || !appKeyHeader.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")) {
      throw new IllegalArgumentException(
          "billManager.appKeyHeader must be an HTTP header name, e.g. appKey; got '"
              + appKeyHeader
              + "'");
    }
  }

  /** Nothing configured: payments recorded, not acknowledged. */
  public static BillManagerSettings defaults() {
    return new BillManagerSettings(null, null, DEFAULT_APP_KEY_HEADER);
  }

  /** Never prints the app key. */
  @Override
  public String toString() {
    return "BillManagerSettings[shortCode="
        + shortCode
        + ", appKey="
        + (appKey == null ? "unset" : "***")
        + ", appKeyHeader="
        + appKeyHeader
        + "]";
  }
}
