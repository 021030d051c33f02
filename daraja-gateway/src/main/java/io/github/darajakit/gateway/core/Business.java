package io.github.darajakit.gateway.core;

import io.github.darajakit.client.DarajaClient;
import java.util.Objects;

/**
 * The business a money flow acts for: the Daraja credentials it calls with and the shortcodes it
 * collects and pays from. Flows take these from here, never from process-wide settings, so that one
 * gateway can later serve several businesses, each with its own.
 *
 * @param id names the business in logs (and, later, in every row it owns)
 * @param daraja the client holding its credentials; its shortcode and passkey are used for STK
 * @param c2bShortCode the PayBill or till whose C2B payments are recorded, or {@code null}
 * @param payoutShortCode the B2C/B2B shortcode payouts are sent from, or {@code null}
 */
public record Business(
    String id, DarajaClient daraja, String c2bShortCode, String payoutShortCode) {

  public Business {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(daraja, "daraja");
  }

  /** The STK (Lipa na M-Pesa Online) shortcode: the Daraja client's. */
  public String stkShortCode() {
    return daraja.shortCode();
  }

  /** The shortcode to ask Transaction Status as: the payout shortcode, else the STK one. */
  public String lookupShortCode() {
    return payoutShortCode != null ? payoutShortCode : daraja.shortCode();
  }
}
