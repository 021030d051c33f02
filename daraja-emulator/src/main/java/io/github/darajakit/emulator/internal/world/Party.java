package io.github.darajakit.emulator.internal.world;

/**
 * One side of a transaction: a customer's MSISDN or an organisation's shortcode, with the name
 * M-Pesa prints for it.
 *
 * @param identifier the MSISDN or shortcode
 * @param publicName e.g. {@code "254708374149 - John Doe"} or {@code "600992 - Safaricom Daraja
 *     992"}
 * @param customer true for a subscriber, false for an organisation
 * @param account the organisation account debited or credited, or {@code null} for a customer
 */
public record Party(String identifier, String publicName, boolean customer, AccountType account) {

  /** A subscriber's wallet. */
  public static Party of(Customer customer) {
    return new Party(customer.msisdn(), customer.publicName(), true, null);
  }

  /** One account of an organisation. */
  public static Party of(Organisation organisation, AccountType account) {
    return new Party(organisation.shortCode(), organisation.publicName(), false, account);
  }
}
