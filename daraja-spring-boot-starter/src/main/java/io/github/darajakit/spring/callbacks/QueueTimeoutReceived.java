package io.github.darajakit.spring.callbacks;

import io.github.darajakit.client.callbacks.QueueTimeout;

/**
 * A queue timeout, posted to the QueueTimeOutURL ({@code …/queue-timeout}): the outcome is unknown,
 * so ask Transaction Status.
 */
public final class QueueTimeoutReceived extends DarajaCallbackEvent<QueueTimeout> {

  /** The event for this callback. */
  public QueueTimeoutReceived(QueueTimeout callback, CallbackDelivery delivery) {
    super(callback, delivery);
  }
}
