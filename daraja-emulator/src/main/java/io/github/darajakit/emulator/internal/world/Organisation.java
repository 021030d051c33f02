package io.github.darajakit.emulator.internal.world;

import java.util.EnumMap;
import java.util.Map;

/**
 * A shortcode and its accounts. Balances change only inside {@link World}'s lock, so a reader
 * holding that lock always sees a consistent set.
 */
public final class Organisation {

  private final String shortCode;
  private final String name;
  private final OrganisationType type;
  private final String passkey;
  private final String headOffice;
  private final Map<AccountType, Long> balances = new EnumMap<>(AccountType.class);

  Organisation(
      String shortCode,
      String name,
      OrganisationType type,
      String passkey,
      String headOffice,
      Map<AccountType, Long> openingBalances) {
    this.shortCode = shortCode;
    this.name = name;
    this.type = type;
    this.passkey = passkey;
    this.headOffice = headOffice;
    for (AccountType account : AccountType.values()) {
      balances.put(account, openingBalances.getOrDefault(account, 0L));
    }
  }

  public String shortCode() {
    return shortCode;
  }

  public String name() {
    return name;
  }

  /** {@code "600992 - Safaricom Daraja 992"}: how M-Pesa names an organisation in results. */
  public String publicName() {
    return shortCode + " - " + name;
  }

  public OrganisationType type() {
    return type;
  }

  /** The Lipa na M-Pesa Online passkey, or {@code null} if this shortcode cannot do STK push. */
  public String passkey() {
    return passkey;
  }

  /** For a till: the store or head-office shortcode that initiates STK pushes for it. */
  public String headOffice() {
    return headOffice;
  }

  /** Balance of one account in cents. Call under the world lock for a consistent view. */
  public long balance(AccountType account) {
    return balances.get(account);
  }

  void add(AccountType account, long cents) {
    balances.merge(account, cents, Math::addExact);
  }

  void set(AccountType account, long cents) {
    balances.put(account, cents);
  }

  Map<AccountType, Long> balances() {
    return new EnumMap<>(balances);
  }
}
