package io.github.darajakit.gateway.checkout;

import io.github.darajakit.gateway.checkout.web.CheckoutApi;
import io.github.darajakit.gateway.checkout.web.PublicCheckoutApi;
import io.github.darajakit.gateway.flow.FlowContext;
import io.github.darajakit.gateway.flow.MoneyFlow;
import io.github.darajakit.gateway.flow.Registration;
import io.github.darajakit.gateway.payments.PaymentService;
import io.github.darajakit.gateway.payments.PaymentStore;
import io.github.darajakit.gateway.payments.StkPushes;
import java.util.Set;

/**
 * Checkout without code: payment links ({@code /v1/payment-links}), checkout sessions ({@code
 * /v1/checkout-sessions}), the customer's page ({@code /pay/…}) and the public JSON behind it
 * ({@code /pay/api/…}). Each attempt to pay is an ordinary payment of the payments flow, whose
 * metadata names its session.
 */
public final class CheckoutFlow implements MoneyFlow {

  private final CheckoutStore store;
  private final Checkout checkout;
  private final String shortCode;
  private final String paybill;
  private final Set<String> trustedProxies;

  /**
   * @param publicUrl the base of every link's and session's URL ({@code server.publicUrl})
   * @param trustedProxies our reverse proxies ({@code security.trustedProxies}): behind one, a
   *     customer's address is read from {@code X-Forwarded-For}
   * @param pushes how an attempt asks for its payment (the payments flow's)
   * @param paymentService where an attempt's outcome is heard (the payments flow's)
   * @param paymentStore where an attempt's payment is read
   */
  public CheckoutFlow(
      FlowContext context,
      CheckoutSettings settings,
      String publicUrl,
      Set<String> trustedProxies,
      StkPushes pushes,
      PaymentService paymentService,
      PaymentStore paymentStore) {
    this.shortCode = context.business().stkShortCode();
    String c2b = context.business().c2bShortCode();
    this.paybill = c2b != null ? c2b : shortCode;
    this.trustedProxies = Set.copyOf(trustedProxies);
    store = new CheckoutStore(context.database());
    checkout =
        new Checkout(
            context.database(),
            store,
            pushes,
            paymentStore,
            context.events(),
            context.clock(),
            settings,
            publicUrl);
    paymentService.addListener(
        new AttemptOutcomes(store, checkout, context.events(), context.clock()));
  }

  /** Links and sessions, and paying them. */
  public Checkout checkout() {
    return checkout;
  }

  @Override
  public void register(Registration registration) {
    new CheckoutApi(checkout, store).routes(registration.routes());
    new PublicCheckoutApi(checkout, shortCode, paybill, trustedProxies)
        .routes(registration.routes());
    registration
        .openApi(CheckoutApi.class, "openapi.json")
        .eventTypes(CheckoutEvents.all())
        .reconciler(new SessionExpiry(checkout));
  }
}
