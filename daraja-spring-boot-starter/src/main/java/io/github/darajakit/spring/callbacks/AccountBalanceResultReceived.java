package io.github.darajakit.spring.callbacks;

import io.github.darajakit.client.callbacks.AccountBalanceResult;

/** An Account Balance query's Result. */
public final class AccountBalanceResultReceived extends DarajaCallbackEvent<AccountBalanceResult> {

  /** The event for this callback. */
  public AccountBalanceResultReceived(AccountBalanceResult callback, CallbackDelivery delivery) {
    super(callback, delivery);
  }
}
