package io.github.darajakit.spring.callbacks;

import io.github.darajakit.client.callbacks.TransactionStatusResult;

/** A Transaction Status query's Result. */
public final class TransactionStatusResultReceived
    extends DarajaCallbackEvent<TransactionStatusResult> {

  /** The event for this callback. */
  public TransactionStatusResultReceived(
      TransactionStatusResult callback, CallbackDelivery delivery) {
    super(callback, delivery);
  }
}
