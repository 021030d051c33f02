package io.github.darajakit.gateway.payments;

import io.github.darajakit.gateway.flow.FlowContext;
import io.github.darajakit.gateway.flow.MoneyFlow;
import io.github.darajakit.gateway.flow.Registration;
import io.github.darajakit.gateway.payments.web.PaymentsApi;
import io.github.darajakit.gateway.transactions.ReceiptChecks;
import java.time.Duration;

/** STK payments: {@code /v1/payments}, their callbacks and their reconciler (STK Query). */
public final class PaymentsFlow implements MoneyFlow {

  private final PaymentStore store;
  private final PaymentService service;
  private final StkCallbacks callbacks;
  private final StkPushes pushes;
  private final PaymentReconciler reconciler;

  /**
   * @param unansweredAfter how long a payment may wait for its push's answer before the reconciler
   *     looks at it
   * @param receiptChecks where receipts credited on a callback's word are queued
   */
  public PaymentsFlow(FlowContext context, Duration unansweredAfter, ReceiptChecks receiptChecks) {
    store = new PaymentStore(context.database());
    service = new PaymentService(context.database(), store, context.events(), context.clock());
    callbacks =
        new StkCallbacks(
            context.database(),
            store,
            service,
            context.callbacks(),
            context.receipts(),
            receiptChecks,
            context.clock(),
            verdict ->
                context
                    .metrics()
                    .callback(StkCallbacks.KIND.path(), "replayed_" + verdict.outcome().wire()));
    pushes =
        new StkPushes(
            context.database(),
            store,
            service,
            callbacks,
            context.events(),
            context.business().daraja(),
            context.clock(),
            context.callbackUrls().url(StkCallbacks.KIND),
            context.firstCheck(),
            unansweredAfter);
    reconciler =
        new PaymentReconciler(
            store,
            service,
            context.business().daraja(),
            context.clock(),
            context.reconcileSchedule(),
            context.instanceId(),
            context.metrics()::reconciler);
  }

  /** The payments as stored. */
  public PaymentStore store() {
    return store;
  }

  /** Records and sends STK pushes: how another flow asks for a payment. */
  public StkPushes pushes() {
    return pushes;
  }

  /** Moves payments through their states. */
  public PaymentService service() {
    return service;
  }

  @Override
  public void register(Registration registration) {
    new PaymentsApi(pushes, store).routes(registration.routes());
    registration.callbacks().addWithToken(StkCallbacks.KIND, callbacks);
    registration
        .openApi(PaymentsApi.class, "openapi.json")
        .eventTypes(PaymentEvents.all())
        .reconciler(reconciler)
        .disputes("payment", service::flag)
        .gauge(
            "daraja_gateway_payments_needing_attention",
            "Payments a person must settle",
            store::countNeedingAttention);
  }
}
