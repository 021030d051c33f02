package io.github.darajakit.spring.callbacks;

import io.github.darajakit.client.DarajaCallbackParseException;
import io.github.darajakit.client.callbacks.AccountBalanceResult;
import io.github.darajakit.client.callbacks.B2bExpressCheckoutCallback;
import io.github.darajakit.client.callbacks.B2bResult;
import io.github.darajakit.client.callbacks.B2cResult;
import io.github.darajakit.client.callbacks.BillPaymentNotification;
import io.github.darajakit.client.callbacks.C2bConfirmation;
import io.github.darajakit.client.callbacks.C2bValidation;
import io.github.darajakit.client.callbacks.DarajaCallback;
import io.github.darajakit.client.callbacks.DarajaCallbacks;
import io.github.darajakit.client.callbacks.QueueTimeout;
import io.github.darajakit.client.callbacks.ReversalResult;
import io.github.darajakit.client.callbacks.StandingOrderCallback;
import io.github.darajakit.client.callbacks.StkCallback;
import io.github.darajakit.client.callbacks.TransactionStatusResult;
import io.github.darajakit.client.callbacks.UnknownResult;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;

/**
 * What the callback endpoint does with a body, apart from HTTP: store it, then read it, then
 * publish its event, then say what to answer. The order is the point: Daraja is told "got it" only
 * once the body is durable, so a crash can lose an answer but never a callback.
 *
 * <ul>
 *   <li>Store fails → 500 and nothing published: a sender that retries will send it again.
 *   <li>Body unreadable → stored, {@link UnreadableCallbackReceived} published, 200 with the usual
 *       acknowledgement: an error answer would not get a better body.
 *   <li>A listener throws → 500 (the body is stored; the redelivery's event says it is not the
 *       first).
 *   <li>Otherwise 200 with the answer the callback's sender expects.
 * </ul>
 */
public final class DarajaCallbackReceiver {

  private static final Logger log = LoggerFactory.getLogger(DarajaCallbackReceiver.class);

  private static final String NOT_STORED =
      "{\"ResultCode\":1,\"ResultDesc\":\"Not stored, please retry\"}";
  private static final String NOT_PROCESSED =
      "{\"ResultCode\":1,\"ResultDesc\":\"Not processed, please retry\"}";

  private final DarajaCallbackStore store;
  private final ApplicationEventPublisher events;
  private final Clock clock;

  /** A receiver storing in this store and publishing through this publisher. */
  public DarajaCallbackReceiver(
      DarajaCallbackStore store, ApplicationEventPublisher events, Clock clock) {
    this.store = store;
    this.events = events;
    this.clock = clock;
  }

  /** Which URL a body came to. */
  public enum Endpoint {
    /** The main URL: the body's shape says what it is. */
    CALLBACK,
    /** The QueueTimeOutURL, whose body looks like a Result and is read as a queue timeout. */
    QUEUE_TIMEOUT
  }

  /**
   * The HTTP answer to give.
   *
   * @param status 200, or 500 when the sender should try again
   * @param body JSON
   */
  public record Answer(int status, String body) {}

  /** Stores, reads and publishes one body, and says what to answer. */
  public Answer receive(byte[] body, Endpoint endpoint, Optional<String> callbackToken) {
    ReceivedCallback received = ReceivedCallback.of(body, clock.instant());
    boolean first;
    try {
      first = store.store(received);
    } catch (RuntimeException e) {
      log.error(
          "Daraja callback {} was not stored; answering 500 so it is resent", received.id(), e);
      return new Answer(500, NOT_STORED);
    }
    DarajaCallback callback;
    try {
      callback =
          endpoint == Endpoint.QUEUE_TIMEOUT
              ? DarajaCallbacks.parseQueueTimeout(received.body())
              : DarajaCallbacks.parse(received.body());
    } catch (DarajaCallbackParseException e) {
      log.warn("Daraja callback {} is stored but unreadable: {}", received.id(), e.getMessage());
      return publish(
          new UnreadableCallbackReceived(received, e.getMessage()),
          DarajaCallbacks.acknowledge(),
          received);
    }
    DarajaCallbackEvent<?> event =
        event(callback, new CallbackDelivery(received, first, callbackToken));
    Answer answer = publish(event, DarajaCallbacks.acknowledge(), received);
    if (answer.status() != 200) {
      return answer;
    }
    if (event instanceof C2bValidationReceived validation) {
      return new Answer(200, validation.answer());
    }
    if (callback instanceof BillPaymentNotification) {
      return new Answer(200, DarajaCallbacks.acknowledgeBillPayment());
    }
    return answer;
  }

  private Answer publish(Object event, String acknowledgement, ReceivedCallback received) {
    try {
      events.publishEvent(event);
      return new Answer(200, acknowledgement);
    } catch (RuntimeException e) {
      log.error("A listener failed on Daraja callback {} (it is stored)", received.id(), e);
      return new Answer(500, NOT_PROCESSED);
    }
  }

  /** The typed event for a parsed callback: one class per family the SDK reads. */
  static DarajaCallbackEvent<?> event(DarajaCallback callback, CallbackDelivery delivery) {
    if (callback instanceof StkCallback stk) {
      return new StkCallbackReceived(stk, delivery);
    } else if (callback instanceof C2bValidation validation) {
      return new C2bValidationReceived(validation, delivery);
    } else if (callback instanceof C2bConfirmation confirmation) {
      return new C2bPaymentReceived(confirmation, delivery);
    } else if (callback instanceof B2cResult b2c) {
      return new B2cResultReceived(b2c, delivery);
    } else if (callback instanceof B2bResult b2b) {
      return new B2bResultReceived(b2b, delivery);
    } else if (callback instanceof TransactionStatusResult status) {
      return new TransactionStatusResultReceived(status, delivery);
    } else if (callback instanceof AccountBalanceResult balance) {
      return new AccountBalanceResultReceived(balance, delivery);
    } else if (callback instanceof ReversalResult reversal) {
      return new ReversalResultReceived(reversal, delivery);
    } else if (callback instanceof UnknownResult unknown) {
      return new UnknownResultReceived(unknown, delivery);
    } else if (callback instanceof QueueTimeout timeout) {
      return new QueueTimeoutReceived(timeout, delivery);
    } else if (callback instanceof StandingOrderCallback standingOrder) {
      return new StandingOrderCallbackReceived(standingOrder, delivery);
    } else if (callback instanceof B2bExpressCheckoutCallback checkout) {
      return new B2bExpressCheckoutReceived(checkout, delivery);
    } else if (callback instanceof BillPaymentNotification payment) {
      return new BillPaymentReceived(payment, delivery);
    }
    throw new IllegalStateException("no event for " + callback.getClass().getName());
  }
}
