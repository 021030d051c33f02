package io.github.darajakit.emulator.internal.world;

/** What an M-Pesa shortcode is: a PayBill, or a Buy Goods store/till. */
public enum OrganisationType {
  /** A PayBill (also used for B2C, B2B and bulk disbursement shortcodes). */
  PAYBILL,
  /** A Buy Goods head office, store or till. */
  BUY_GOODS
}
