package io.github.darajakit.spring.callbacks;

import io.github.darajakit.client.callbacks.BillPaymentNotification;

/** A Bill Manager payment notification (answered with Bill Manager's own acknowledgement). */
public final class BillPaymentReceived extends DarajaCallbackEvent<BillPaymentNotification> {

  /** The event for this callback. */
  public BillPaymentReceived(BillPaymentNotification callback, CallbackDelivery delivery) {
    super(callback, delivery);
  }
}
