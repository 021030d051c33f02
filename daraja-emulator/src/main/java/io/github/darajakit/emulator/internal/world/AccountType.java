package io.github.darajakit.emulator.internal.world;

/**
 * The accounts every organisation holds, in the order Daraja lists them in an AccountBalance result
 * (REFERENCE §10).
 */
public enum AccountType {
  WORKING("Working Account"),
  FLOAT("Float Account"),
  UTILITY("Utility Account"),
  CHARGES_PAID("Charges Paid Account"),
  ORGANIZATION_SETTLEMENT("Organization Settlement Account");

  private final String alias;

  AccountType(String alias) {
    this.alias = alias;
  }

  /** The name Daraja prints, e.g. {@code "Utility Account"}. */
  public String alias() {
    return alias;
  }

  /**
   * Parses an alias or an enum name ({@code "Utility Account"}, {@code "UTILITY"}, {@code
   * "utility"}).
   */
  public static AccountType parse(String text) {
    for (AccountType type : values()) {
      if (type.alias.equalsIgnoreCase(text)
          || type.name().equalsIgnoreCase(text)
          || type.alias.replace(" Account", "").equalsIgnoreCase(text)) {
        return type;
      }
    }
    throw new IllegalArgumentException(
        "unknown account '"
            + text
            + "': expected Working, Float, Utility, Charges Paid or"
            + " Organization Settlement");
  }
}
