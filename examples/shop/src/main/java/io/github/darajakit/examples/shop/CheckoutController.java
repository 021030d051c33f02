package io.github.darajakit.examples.shop;

import io.github.darajakit.client.DarajaClient;
import io.github.darajakit.client.DarajaOutcomeUnknownException;
import io.github.darajakit.client.stk.StkPushRequest;
import io.github.darajakit.client.stk.StkPushResponse;
import io.github.darajakit.spring.callbacks.DarajaCallbackUrls;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /orders} asks the customer to pay; {@code GET /orders/{id}} tells how it went. */
@RestController
public class CheckoutController {

  private final DarajaClient daraja;
  private final DarajaCallbackUrls callbackUrls;
  private final Orders orders;

  CheckoutController(DarajaClient daraja, DarajaCallbackUrls callbackUrls, Orders orders) {
    this.daraja = daraja;
    this.callbackUrls = callbackUrls;
    this.orders = orders;
  }

  /**
   * What the customer orders.
   *
   * @param phone where the payment prompt goes, e.g. 0712345678
   * @param amountKes the price, whole shillings
   */
  public record Checkout(String phone, long amountKes) {}

  /** Creates the order, then sends the STK push whose callback will settle it. */
  @PostMapping("/orders")
  public ResponseEntity<Order> checkout(@RequestBody Checkout checkout) {
    // The order exists before the push: the callback may come back before push() returns.
    Order order = orders.create(checkout.amountKes());
    StkPushRequest push =
        StkPushRequest.builder()
            .phone(checkout.phone())
            .amount(checkout.amountKes())
            .accountReference(order.id())
            .description("Order " + order.id())
            .callbackUrl(callbackUrls.callbackUrl())
            // The callback's URL then ends with the order id: it settles the order even when
            // the push's own answer is lost.
            .callbackToken(order.id())
            .build();
    try {
      StkPushResponse response = daraja.stk().push(push);
      order = orders.pushed(order.id(), response.checkoutRequestId());
    } catch (DarajaOutcomeUnknownException e) {
      // The prompt may have been sent: keep waiting for the callback, never push again.
      return ResponseEntity.status(HttpStatus.ACCEPTED).body(order);
    }
    return ResponseEntity.status(HttpStatus.CREATED).body(order);
  }

  /** The order, with its status and receipt. */
  @GetMapping("/orders/{id}")
  public ResponseEntity<Order> order(@PathVariable("id") String id) {
    return ResponseEntity.of(orders.find(id));
  }
}
