package io.github.darajakit.client.callbacks;

/**
 * Something Daraja posted to one of your URLs, as {@link DarajaCallbacks#parse(String)} understood
 * it. Sealed, so a {@code switch} over it is exhaustive:
 *
 * <pre>{@code
 * switch (DarajaCallbacks.parse(body)) {
 *   case StkCallback stk -> payments.settle(stk);
 *   case C2bValidation validation -> decide(validation);
 *   case C2bConfirmation confirmation -> ledger.record(confirmation);
 *   case DarajaResult result -> payouts.settle(result);
 *   case QueueTimeout timeout -> payouts.reconcile(timeout);
 *   case StandingOrderCallback standingOrder -> standingOrders.settle(standingOrder);
 *   case B2bExpressCheckoutCallback checkout -> invoices.settle(checkout);
 *   case BillPaymentNotification payment -> bills.record(payment);
 * }
 * }</pre>
 */
public sealed interface DarajaCallback
    permits StkCallback,
        C2bNotification,
        DarajaResult,
        QueueTimeout,
        StandingOrderCallback,
        B2bExpressCheckoutCallback,
        BillPaymentNotification {

  /** The body exactly as received: store it, it is the evidence. */
  String rawJson();
}
