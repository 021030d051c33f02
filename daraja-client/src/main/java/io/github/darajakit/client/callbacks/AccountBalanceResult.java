package io.github.darajakit.client.callbacks;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * An Account Balance result (REFERENCE §10): the shortcode's accounts, parsed from {@code Working
 * Account|KES|700000.00|700000.00|0.00|0.00&Utility Account|…}.
 *
 * @param envelope the common fields
 * @param accounts every account, in Daraja's order; empty on failure
 * @param completedTime {@code BOCompletedTime}, East Africa Time
 * @param errorMessage {@code ErrorMsg} on failures that carry one (e.g. {@code API Password is
 *     locked.})
 */
public record AccountBalanceResult(
    ResultEnvelope envelope,
    List<Account> accounts,
    Optional<LocalDateTime> completedTime,
    Optional<String> errorMessage)
    implements DarajaResult {

  /** Copies the list. */
  public AccountBalanceResult {
    accounts = List.copyOf(accounts);
  }

  /**
   * The account named {@code name}, ignoring case, with or without the word {@code Account}: {@code
   * account("utility")} finds {@code Utility Account}.
   */
  public Optional<Account> account(String name) {
    String wanted = name.strip().toLowerCase(Locale.ROOT);
    return accounts.stream()
        .filter(
            a -> {
              String have = a.name().strip().toLowerCase(Locale.ROOT);
              return have.equals(wanted) || have.equals(wanted + " account");
            })
        .findFirst();
  }

  /** The identifiers and balances. */
  @Override
  public String toString() {
    return "AccountBalanceResult[" + envelope + ", accounts=" + accounts + "]";
  }
}
