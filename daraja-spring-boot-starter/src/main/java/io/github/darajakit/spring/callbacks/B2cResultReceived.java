package io.github.darajakit.spring.callbacks;

import io.github.darajakit.client.callbacks.B2cResult;

/** A B2C (or B2Pochi) payment's Result. */
public final class B2cResultReceived extends DarajaCallbackEvent<B2cResult> {

  /** The event for this callback. */
  public B2cResultReceived(B2cResult callback, CallbackDelivery delivery) {
    super(callback, delivery);
  }
}
