package io.github.darajakit.examples.shop;

import io.github.darajakit.client.callbacks.StkCallback;
import io.github.darajakit.client.callbacks.StkPayment;
import io.github.darajakit.spring.callbacks.StkCallbackReceived;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Fulfils orders from STK callbacks. The starter stored each callback before publishing it, and
 * publishes a redelivery again, so settling is idempotent: a settled order does not move.
 */
@Component
public class PaymentListener {

  private final Orders orders;

  PaymentListener(Orders orders) {
    this.orders = orders;
  }

  /** Marks the order the callback names PAID with its receipt, or FAILED with the reason. */
  @EventListener
  public void onStkCallback(StkCallbackReceived event) {
    StkCallback callback = event.callback();
    String orderId = event.callbackToken().orElse(null);
    if (orderId == null) {
      // Every push this shop sends names its order in the URL; anything else is not ours.
      return;
    }
    orders
        .find(orderId)
        .ifPresent(
            order -> {
              if (callback.isPaid()) {
                StkPayment payment = callback.payment().orElseThrow();
                if (payment.amountKes() == order.amountKes()) {
                  orders.settle(orderId, OrderStatus.PAID, payment.mpesaReceiptNumber(), null);
                  return;
                }
                // Not this order's price: a callback for another push, or a forged one.
                orders.settle(
                    orderId,
                    OrderStatus.FAILED,
                    null,
                    "paid KES " + payment.amount() + " but the order is KES " + order.amountKes());
                return;
              }
              orders.settle(orderId, OrderStatus.FAILED, null, callback.resultDesc());
            });
  }
}
