package io.github.darajakit.gateway.billmanager;

import io.github.darajakit.client.BillManagerService;
import io.github.darajakit.client.callbacks.DarajaCallbacks;
import io.github.darajakit.gateway.c2b.C2bConfirmations;
import io.github.darajakit.gateway.callbacks.CallbackKind;
import io.github.darajakit.gateway.flow.FlowContext;
import io.github.darajakit.gateway.flow.MoneyFlow;
import io.github.darajakit.gateway.flow.Registration;
import io.github.darajakit.gateway.transactions.ReceiptChecks;
import java.util.Optional;

/**
 * M-Pesa Bill Manager payments (REFERENCE §14): Bill Manager pushes each payment of an invoice to
 * the gateway's secret callback path; the gateway stores the push, records the money as a C2B
 * payment (once per receipt, however it was reported), answers {@code {"resmsg":"Success",
 * "rescode":"200"}} only once that is committed, and sends the reconciliation acknowledgement that
 * gets the customer an e-receipt, once. Invoices themselves are sent by the merchant's own
 * application (the SDK's {@code billManager()}); the gateway receives what they bring in.
 */
public final class BillManagerFlow implements MoneyFlow {

  /** Bill Manager's payment push: the opt-in's {@code callbackurl}. */
  public static final CallbackKind PAYMENT =
      new CallbackKind("BILL_PAYMENT", "bill-manager/payment");

  private final FlowContext context;
  private final BillPaymentStore store;
  private final BillPayments payments;
  private final Acknowledger acknowledger;
  private final BillManagerSettings settings;

  /**
   * @param c2b how a reported payment is recorded as a C2B payment (the C2B flow's rules)
   * @param receiptChecks where receipts recorded on a push's word are queued for a second opinion
   */
  public BillManagerFlow(
      FlowContext context,
      BillManagerSettings settings,
      C2bConfirmations c2b,
      ReceiptChecks receiptChecks) {
    this.context = context;
    this.settings = settings;
    store = new BillPaymentStore(context.database(), context.events(), context.clock());
    payments =
        new BillPayments(
            c2b,
            store,
            receiptChecks,
            context.clock(),
            settings.shortCode() != null
                ? settings.shortCode()
                : context.business().c2bShortCode());
    BillManagerService bills =
        settings.appKey() == null
            ? null
            : context
                .business()
                .daraja()
                .billManager()
                .withAppKeyHeader(settings.appKeyHeader())
                .withAppKey(settings.appKey());
    acknowledger =
        new Acknowledger(
            store,
            bills,
            context.clock(),
            context.reconcileSchedule(),
            context.instanceId(),
            action -> context.metrics().reconciler("bill_manager_" + action));
  }

  /** A Bill Manager payment by its receipt. */
  public Optional<BillPayment> payment(String transactionId) {
    return store.find(transactionId);
  }

  /** The URL to give Bill Manager as the opt-in's {@code callbackurl}: it holds the secret. */
  public String pushUrl() {
    return context.callbackUrls().url(PAYMENT);
  }

  @Override
  public void register(Registration registration) {
    registration
        .eventTypes(BillManagerEvents.all())
        .reconciler(acknowledger)
        .disputes("bill_payment", store::flag)
        .gauge(
            "daraja_gateway_bill_manager_acknowledgements_pending",
            "Bill Manager payments whose reconciliation acknowledgement is not yet taken",
            store::pending);
    registration.callbacks().add(PAYMENT, payments, DarajaCallbacks.acknowledgeBillPayment());
  }

  /** Never the app key. */
  @Override
  public String toString() {
    return "BillManagerFlow[" + settings + "]";
  }
}
