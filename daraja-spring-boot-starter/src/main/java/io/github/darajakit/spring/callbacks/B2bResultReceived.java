package io.github.darajakit.spring.callbacks;

import io.github.darajakit.client.callbacks.B2bResult;

/** A B2B payment's Result. */
public final class B2bResultReceived extends DarajaCallbackEvent<B2bResult> {

  /** The event for this callback. */
  public B2bResultReceived(B2bResult callback, CallbackDelivery delivery) {
    super(callback, delivery);
  }
}
