package io.github.darajakit.spring.callbacks;

import io.github.darajakit.client.callbacks.B2bExpressCheckoutCallback;

/** A B2B Express Checkout (USSD push to a till) callback. */
public final class B2bExpressCheckoutReceived
    extends DarajaCallbackEvent<B2bExpressCheckoutCallback> {

  /** The event for this callback. */
  public B2bExpressCheckoutReceived(
      B2bExpressCheckoutCallback callback, CallbackDelivery delivery) {
    super(callback, delivery);
  }
}
