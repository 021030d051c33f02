package io.github.darajakit.examples.shop;

/**
 * An order and how its payment went.
 *
 * @param id the shop's id, also the STK push's callback token
 * @param amountKes what the customer pays, whole shillings
 * @param status where it is
 * @param checkoutRequestId Daraja's id of the push, once it answered
 * @param mpesaReceipt the receipt, once paid
 * @param failureReason why it was not paid, if it was not
 */
public record Order(
    String id,
    long amountKes,
    OrderStatus status,
    String checkoutRequestId,
    String mpesaReceipt,
    String failureReason) {

  /** This order moved on, if its status allows the move; otherwise itself. */
  Order settle(OrderStatus to, String receipt, String reason) {
    if (!status.next().contains(to)) {
      return this;
    }
    return new Order(id, amountKes, to, checkoutRequestId, receipt, reason);
  }
}
