package io.github.darajakit.spring.callbacks;

import io.github.darajakit.client.callbacks.DarajaCallback;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A callback the endpoint stored and read, published as a Spring application event. Listen for a
 * subclass ({@link StkCallbackReceived}, {@link C2bPaymentReceived}, {@link B2cResultReceived}, …)
 * or for this type to see them all. Listeners run before Daraja is answered; one that throws makes
 * the endpoint answer 500 (the body is already stored).
 *
 * @param <T> the SDK's parsed callback
 */
public abstract class DarajaCallbackEvent<T extends DarajaCallback> {

  private final T callback;
  private final CallbackDelivery delivery;

  /** An event for this callback, delivered so. */
  protected DarajaCallbackEvent(T callback, CallbackDelivery delivery) {
    this.callback = Objects.requireNonNull(callback, "callback");
    this.delivery = Objects.requireNonNull(delivery, "delivery");
  }

  /** The callback as the SDK parsed it. */
  public T callback() {
    return callback;
  }

  /** The stored callback's id (the body's SHA-256). */
  public String callbackId() {
    return delivery.received().id();
  }

  /** When it arrived. */
  public Instant receivedAt() {
    return delivery.received().receivedAt();
  }

  /** False if this body was stored before: handle it idempotently. */
  public boolean isFirstDelivery() {
    return delivery.firstDelivery();
  }

  /** The path segment after the secret, e.g. an STK push's callback token. */
  public Optional<String> callbackToken() {
    return delivery.callbackToken();
  }

  /** Names the callback, not its body (which holds phone numbers). */
  @Override
  public String toString() {
    return getClass().getSimpleName() + "[" + callback + ", id=" + callbackId() + "]";
  }
}
