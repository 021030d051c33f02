package io.github.darajakit.client;

import io.github.darajakit.client.support.EmulatorAdmin;
import java.math.BigDecimal;

/** Balances in the emulator's world, read through its admin API, to prove money moved (or not). */
final class EmulatorBalances {

  private final EmulatorAdmin admin;

  EmulatorBalances(EmulatorAdmin admin) {
    this.admin = admin;
  }

  /** A customer's wallet, in KES. */
  BigDecimal customer(String msisdn) {
    return new BigDecimal(admin.get("customers/" + msisdn).path("balance").asText());
  }

  /** An organisation's Utility account, in KES. */
  BigDecimal utility(String shortCode) {
    return account(shortCode, "Utility Account");
  }

  /** An organisation's Working account, in KES. */
  BigDecimal working(String shortCode) {
    return account(shortCode, "Working Account");
  }

  private BigDecimal account(String shortCode, String alias) {
    return new BigDecimal(
        admin.get("organisations/" + shortCode).path("accounts").path(alias).asText());
  }
}
