package io.github.darajakit.gateway.subscriptions;

import io.github.darajakit.gateway.c2b.C2bStore;
import io.github.darajakit.gateway.flow.FlowContext;
import io.github.darajakit.gateway.flow.MoneyFlow;
import io.github.darajakit.gateway.flow.Registration;
import io.github.darajakit.gateway.flow.Worker;
import io.github.darajakit.gateway.payments.PaymentService;
import io.github.darajakit.gateway.payments.PaymentStore;
import io.github.darajakit.gateway.payments.StkPushes;
import io.github.darajakit.gateway.store.SharedPace;
import io.github.darajakit.gateway.subscriptions.web.SubscriptionsApi;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Recurring billing: {@code /v1/plans}, {@code /v1/subscriptions}, {@code /v1/invoices}, the
 * billing run, and the Ratiba standing orders' callbacks. Each charge is an ordinary payment of the
 * payments flow; each standing-order debit an ordinary C2B payment of the C2B flow.
 */
public final class SubscriptionsFlow implements MoneyFlow {

  /** Pushes in flight at once from one instance's billing run. */
  private static final int IN_FLIGHT = 8;

  private final PlanStore plans;
  private final SubscriptionStore subscriptions;
  private final InvoiceStore invoices;
  private final Subscriptions service;
  private final Billing billing;
  private final StandingOrders standingOrders;
  private final SubscriptionSettings settings;
  private final PaymentStore paymentStore;
  private final ExecutorService senders;

  /**
   * @param pushes how a charge asks for a payment (the payments flow's)
   * @param paymentService where a charge's outcome is heard (the payments flow's)
   * @param paymentStore where a charge's payment is read
   * @param c2bStore where a standing order's debits arrive (the C2B flow's)
   */
  public SubscriptionsFlow(
      FlowContext context,
      SubscriptionSettings settings,
      StkPushes pushes,
      PaymentService paymentService,
      PaymentStore paymentStore,
      C2bStore c2bStore) {
    this.settings = settings;
    this.paymentStore = paymentStore;
    plans = new PlanStore(context.database());
    subscriptions = new SubscriptionStore(context.database());
    invoices = new InvoiceStore(context.database());
    service =
        new Subscriptions(
            context.database(),
            plans,
            subscriptions,
            invoices,
            context.events(),
            context.clock(),
            settings.quietHours(),
            context.business().c2bShortCode());
    senders =
        Executors.newFixedThreadPool(
            IN_FLIGHT,
            r -> {
              Thread t = new Thread(r, "subscriptions-push");
              t.setDaemon(true);
              return t;
            });
    billing =
        new Billing(
            context.database(),
            plans,
            subscriptions,
            invoices,
            service,
            pushes,
            context.clock(),
            settings,
            settings.ratePerSecond() == 0
                ? null
                : new SharedPace(
                    context.database(),
                    "subscriptions:" + context.business().daraja().shortCode(),
                    1_000_000L / settings.ratePerSecond()),
            senders,
            IN_FLIGHT);
    standingOrders =
        new StandingOrders(
            context.database(),
            subscriptions,
            plans,
            service,
            context.business().daraja(),
            context.clock(),
            context.callbackUrls().url(StandingOrders.KIND),
            context.business().c2bShortCode(),
            settings.ratibaYears());
    paymentService.addListener(
        new ChargeOutcomes(subscriptions, invoices, service, settings, context.clock()));
    c2bStore.addListener(
        new RatibaDebits(subscriptions, invoices, service, billing, context.clock()));
  }

  /** Plans, subscriptions and their actions. */
  public Subscriptions service() {
    return service;
  }

  /** The billing run (started on a schedule with the gateway's workers). */
  public Billing billing() {
    return billing;
  }

  public SubscriptionStore subscriptions() {
    return subscriptions;
  }

  public InvoiceStore invoices() {
    return invoices;
  }

  public PlanStore plans() {
    return plans;
  }

  @Override
  public void register(Registration registration) {
    new SubscriptionsApi(service, standingOrders, plans, subscriptions, invoices, paymentStore)
        .routes(registration.routes());
    registration.callbacks().addWithToken(StandingOrders.KIND, standingOrders);
    registration
        .openApi(SubscriptionsApi.class, "openapi.json")
        .eventTypes(SubscriptionEvents.all())
        .worker(new BillingWorker(billing, settings.tickEvery()))
        .worker(
            new Worker() {
              @Override
              public void start() {}

              @Override
              public void close() {
                senders.shutdown();
                try {
                  senders.awaitTermination(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              }
            })
        .gauge(
            "daraja_gateway_subscriptions_needing_attention",
            "Subscriptions a person must look at",
            subscriptions::countNeedingAttention)
        .gauge(
            "daraja_gateway_invoices_needing_attention",
            "Unpaid invoices a person must look at",
            invoices::countNeedingAttention);
  }
}
