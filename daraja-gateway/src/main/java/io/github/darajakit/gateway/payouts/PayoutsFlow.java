package io.github.darajakit.gateway.payouts;

import io.github.darajakit.client.b2b.B2bReceiverType;
import io.github.darajakit.gateway.callbacks.CallbackKind;
import io.github.darajakit.gateway.flow.FlowContext;
import io.github.darajakit.gateway.flow.MoneyFlow;
import io.github.darajakit.gateway.flow.Registration;
import io.github.darajakit.gateway.flow.Worker;
import io.github.darajakit.gateway.initiator.InitiatorReconciler;
import io.github.darajakit.gateway.initiator.InitiatorResults;
import io.github.darajakit.gateway.payouts.web.PayoutApi;
import io.github.darajakit.gateway.store.SharedPace;
import io.github.darajakit.gateway.transactions.ReceiptChecks;
import java.time.Duration;

/**
 * Money out: B2C payouts (one at a time or in batches), B2B payments, and the balance of the
 * shortcode they are paid from.
 */
public final class PayoutsFlow implements MoneyFlow {

  /** A B2C v3 payment's Result (the payouts' ResultURL). */
  public static final CallbackKind B2C_RESULT = new CallbackKind("B2C_RESULT", "b2c/result");

  /** A B2C v3 payment that timed out in Daraja's queue (the payouts' QueueTimeOutURL). */
  public static final CallbackKind B2C_TIMEOUT = new CallbackKind("B2C_TIMEOUT", "b2c/timeout");

  /** Transaction Status Results of the payouts' reconciler. */
  public static final CallbackKind B2C_STATUS = new CallbackKind("B2C_STATUS", "b2c/status");

  /** A B2B payment's Result. */
  public static final CallbackKind B2B_RESULT = new CallbackKind("B2B_RESULT", "b2b/result");

  /** A B2B payment that timed out in Daraja's queue. */
  public static final CallbackKind B2B_TIMEOUT = new CallbackKind("B2B_TIMEOUT", "b2b/timeout");

  /** Account Balance Results. */
  public static final CallbackKind BALANCE_RESULT =
      new CallbackKind("BALANCE_RESULT", "balance/result");

  /**
   * How payouts are set up.
   *
   * @param ratePerSecond the most batch rows sent a second for the shortcode, by every instance on
   *     one database together
   * @param rails per-payout, per-batch and daily limits
   * @param resultWait how long a sent payout waits for its Result before it is asked about
   * @param tillIdentifierType how B2B payments name a till ({@code 2}) or a PayBill ({@code 4})
   * @param fraudChecks the checks before a payout is sent, which hold it for a second person
   */
  public record Settings(
      int ratePerSecond,
      PayoutRails rails,
      Duration resultWait,
      String tillIdentifierType,
      FraudChecks fraudChecks) {}

  private final PayoutStore store;
  private final PayoutService service;
  private final PayoutResults results;
  private final Balances balances;
  private final PayoutBatchStore batchStore;
  private final PayoutBatchService batches;
  private final PayoutBatchSender batchSender;
  private final InitiatorReconciler<Payout> reconciler;
  private final InitiatorResults<Payout> initiatorResults;

  /**
   * @param receiptChecks where receipts credited on a Result's word are queued
   */
  public PayoutsFlow(FlowContext context, Settings settings, ReceiptChecks receiptChecks) {
    String shortCode = context.business().payoutShortCode();
    store = new PayoutStore(context.database());
    service =
        new PayoutService(
            context.database(),
            store,
            context.events(),
            context.business().daraja(),
            context.clock(),
            shortCode,
            context.callbackUrls().url(B2C_RESULT),
            context.callbackUrls().url(B2C_TIMEOUT),
            context.callbackUrls().url(B2B_RESULT),
            context.callbackUrls().url(B2B_TIMEOUT),
            settings.resultWait(),
            settings.rails(),
            settings.tillIdentifierType().equals("2")
                ? B2bReceiverType.TILL
                : B2bReceiverType.SHORTCODE,
            settings.fraudChecks());
    results = new PayoutResults(store, service, context.clock(), context.receipts(), receiptChecks);
    balances =
        new Balances(
            context.business().daraja(),
            context.settings(),
            context.clock(),
            shortCode,
            context.callbackUrls().url(BALANCE_RESULT),
            context.callbackUrls().url(CallbackKind.QUEUE_TIMEOUT));
    batchStore = new PayoutBatchStore(context.database());
    batches =
        new PayoutBatchService(
            context.database(), batchStore, store, service, context.events(), context.clock());
    batchSender =
        new PayoutBatchSender(
            batchStore,
            batches,
            service,
            new SharedPace(
                context.database(), "payouts:" + shortCode, 1_000_000L / settings.ratePerSecond()),
            context.clock(),
            context.instanceId());
    PayoutOperations operations = new PayoutOperations(store, service);
    initiatorResults = new InitiatorResults<>(operations, context.clock());
    reconciler = new InitiatorReconciler<>(operations, context, B2C_STATUS);
  }

  /** Sends the rows of confirmed batches. */
  public PayoutBatchSender batchSender() {
    return batchSender;
  }

  @Override
  public void register(Registration registration) {
    new PayoutApi(service, store, batches, batchStore, balances).routes(registration.routes());
    registration
        .callbacks()
        .add(B2C_RESULT, (c, received) -> results.result(c, received.body()))
        .add(B2C_TIMEOUT, (c, received) -> initiatorResults.queueTimeout(c, received.body()))
        .add(B2C_STATUS, (c, received) -> results.status(c, received.body()))
        .add(B2B_RESULT, (c, received) -> results.b2bResult(c, received.body()))
        .add(B2B_TIMEOUT, (c, received) -> initiatorResults.queueTimeout(c, received.body()))
        .add(BALANCE_RESULT, (c, received) -> balances.result(c, received.body()));
    registration
        .openApi(PayoutApi.class, "openapi.json")
        .eventTypes(PayoutEvents.all())
        .reconciler(reconciler)
        .worker(
            new Worker() {
              @Override
              public void start() {
                batchSender.start();
              }

              @Override
              public void close() {
                batchSender.close();
              }
            })
        .disputes(Payout.Kind.B2C.object(), service.records()::flag)
        .disputes(Payout.Kind.B2B.object(), service.records()::flag)
        .gauge(
            "daraja_gateway_payouts_needing_attention",
            "Payouts a person must settle",
            service.records()::countNeedingAttention);
  }
}
