package io.github.darajakit.spring.callbacks;

import io.github.darajakit.client.callbacks.ReversalResult;

/** A reversal's Result. */
public final class ReversalResultReceived extends DarajaCallbackEvent<ReversalResult> {

  /** The event for this callback. */
  public ReversalResultReceived(ReversalResult callback, CallbackDelivery delivery) {
    super(callback, delivery);
  }
}
