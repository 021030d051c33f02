package io.github.darajakit.examples.shop;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/** The shop's orders, in memory: an example keeps its own data simple. */
@Component
public class Orders {

  private final Map<String, Order> byId = new ConcurrentHashMap<>();

  /** A new order awaiting payment. */
  public Order create(long amountKes) {
    String id = "order-" + UUID.randomUUID().toString().substring(0, 8);
    Order order = new Order(id, amountKes, OrderStatus.AWAITING_PAYMENT, null, null, null);
    byId.put(id, order);
    return order;
  }

  /** Records the push's CheckoutRequestID. */
  public Order pushed(String id, String checkoutRequestId) {
    return byId.computeIfPresent(
        id,
        (key, order) ->
            new Order(
                key,
                order.amountKes(),
                order.status(),
                checkoutRequestId,
                order.mpesaReceipt(),
                order.failureReason()));
  }

  /** Moves the order on, atomically; a settled order stays as it is. */
  public Optional<Order> settle(String id, OrderStatus to, String receipt, String reason) {
    return Optional.ofNullable(
        byId.computeIfPresent(id, (key, order) -> order.settle(to, receipt, reason)));
  }

  /** The order with this id. */
  public Optional<Order> find(String id) {
    return Optional.ofNullable(byId.get(id));
  }
}
