package io.github.darajakit.spring.callbacks;

import io.github.darajakit.client.callbacks.StandingOrderCallback;

/** A Ratiba standing order's callback. */
public final class StandingOrderCallbackReceived
    extends DarajaCallbackEvent<StandingOrderCallback> {

  /** The event for this callback. */
  public StandingOrderCallbackReceived(StandingOrderCallback callback, CallbackDelivery delivery) {
    super(callback, delivery);
  }
}
