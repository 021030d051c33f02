package io.github.darajakit.spring.callbacks;

import io.github.darajakit.client.callbacks.C2bConfirmation;

/** A C2B confirmation: a customer paid your PayBill or till. */
public final class C2bPaymentReceived extends DarajaCallbackEvent<C2bConfirmation> {

  /** The event for this callback. */
  public C2bPaymentReceived(C2bConfirmation callback, CallbackDelivery delivery) {
    super(callback, delivery);
  }
}
