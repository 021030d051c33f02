package io.github.darajakit.gateway.reversals;

import io.github.darajakit.gateway.c2b.C2bStore;
import io.github.darajakit.gateway.callbacks.CallbackKind;
import io.github.darajakit.gateway.flow.FlowContext;
import io.github.darajakit.gateway.flow.MoneyFlow;
import io.github.darajakit.gateway.flow.Registration;
import io.github.darajakit.gateway.initiator.InitiatorReconciler;
import io.github.darajakit.gateway.initiator.InitiatorResults;
import io.github.darajakit.gateway.payments.PaymentService;
import io.github.darajakit.gateway.payments.PaymentStore;
import io.github.darajakit.gateway.reversals.web.ReversalApi;
import java.time.Duration;

/** Giving collected money back: reversals of STK and C2B payments, by M-Pesa receipt. */
public final class ReversalsFlow implements MoneyFlow {

  /** A reversal's Result. */
  public static final CallbackKind RESULT = new CallbackKind("REVERSAL_RESULT", "reversals/result");

  /** A reversal that timed out in Daraja's queue. */
  public static final CallbackKind TIMEOUT =
      new CallbackKind("REVERSAL_TIMEOUT", "reversals/timeout");

  /** Transaction Status Results of the reversals' reconciler. */
  public static final CallbackKind STATUS = new CallbackKind("REVERSAL_STATUS", "reversals/status");

  private final ReversalStore store;
  private final ReversalService service;
  private final ReversalResults results;
  private final InitiatorReconciler<Reversal> reconciler;
  private final InitiatorResults<Reversal> initiatorResults;

  /**
   * @param resultWait how long a sent reversal waits for its Result before it is asked about
   * @param payments the STK payments it reverses, and {@code paymentService} to mark them reversed
   * @param c2b the C2B payments it reverses
   */
  public ReversalsFlow(
      FlowContext context,
      Duration resultWait,
      PaymentStore payments,
      PaymentService paymentService,
      C2bStore c2b) {
    store = new ReversalStore(context.database());
    service =
        new ReversalService(
            context,
            store,
            payments,
            paymentService,
            c2b,
            context.callbackUrls().url(RESULT),
            context.callbackUrls().url(TIMEOUT),
            resultWait);
    results = new ReversalResults(store, service, context.clock(), context.receipts());
    ReversalOperations operations = new ReversalOperations(store, service);
    initiatorResults = new InitiatorResults<>(operations, context.clock());
    reconciler = new InitiatorReconciler<>(operations, context, STATUS);
  }

  @Override
  public void register(Registration registration) {
    new ReversalApi(service, store).routes(registration.routes());
    registration
        .callbacks()
        .add(RESULT, (c, received) -> results.result(c, received.body()))
        .add(TIMEOUT, (c, received) -> initiatorResults.queueTimeout(c, received.body()))
        .add(STATUS, (c, received) -> results.status(c, received.body()));
    registration
        .openApi(ReversalApi.class, "openapi.json")
        .eventTypes(ReversalEvents.all())
        .reconciler(reconciler)
        .disputes("reversal", service.records()::flag)
        .gauge(
            "daraja_gateway_reversals_needing_attention",
            "Reversals a person must settle",
            service.records()::countNeedingAttention);
  }
}
