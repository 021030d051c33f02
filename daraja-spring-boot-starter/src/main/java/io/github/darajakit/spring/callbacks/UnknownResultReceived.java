package io.github.darajakit.spring.callbacks;

import io.github.darajakit.client.callbacks.UnknownResult;

/**
 * A Result whose API its parameters do not tell (most failures carry none): match it by its
 * conversation ids.
 */
public final class UnknownResultReceived extends DarajaCallbackEvent<UnknownResult> {

  /** The event for this callback. */
  public UnknownResultReceived(UnknownResult callback, CallbackDelivery delivery) {
    super(callback, delivery);
  }
}
