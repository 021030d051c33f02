package io.github.darajakit.gateway.subscriptions;

import java.util.Locale;
import java.util.Optional;

/** How a subscription's periods are collected. */
public enum Rail {
  /** The gateway sends an STK push for each period, and retries by the dunning policy. */
  STK,
  /**
   * The customer approves an M-Pesa Ratiba standing order once; M-Pesa then debits them on schedule
   * and each debit arrives as a C2B confirmation.
   */
  RATIBA;

  /** The name in the API: {@code stk} or {@code ratiba}. */
  public String apiName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The rail with this API name. */
  public static Optional<Rail> forApiName(String name) {
    for (Rail rail : values()) {
      if (rail.apiName().equals(name)) {
        return Optional.of(rail);
      }
    }
    return Optional.empty();
  }
}
