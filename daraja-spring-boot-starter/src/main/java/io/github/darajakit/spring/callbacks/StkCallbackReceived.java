package io.github.darajakit.spring.callbacks;

import io.github.darajakit.client.callbacks.StkCallback;

/** An M-Pesa Express (STK push) callback: paid, cancelled, timed out… */
public final class StkCallbackReceived extends DarajaCallbackEvent<StkCallback> {

  /** The event for this callback. */
  public StkCallbackReceived(StkCallback callback, CallbackDelivery delivery) {
    super(callback, delivery);
  }
}
