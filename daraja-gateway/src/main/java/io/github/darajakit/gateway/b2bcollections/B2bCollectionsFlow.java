package io.github.darajakit.gateway.b2bcollections;

import io.github.darajakit.gateway.b2bcollections.web.B2bCollectionsApi;
import io.github.darajakit.gateway.callbacks.CallbackKind;
import io.github.darajakit.gateway.flow.FlowContext;
import io.github.darajakit.gateway.flow.MoneyFlow;
import io.github.darajakit.gateway.flow.Registration;
import io.github.darajakit.gateway.initiator.InitiatorReconciler;
import io.github.darajakit.gateway.transactions.ReceiptChecks;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Collecting from businesses with B2B Express Checkout: a USSD prompt asks a till's operator to pay
 * this business from the till ({@code /v1/b2b-collections}).
 */
public final class B2bCollectionsFlow implements MoneyFlow {

  /**
   * The callbacks of B2B Express Checkout pushes; each push's URL ends in its collection's id
   * ({@code …/b2b-collections/callback/b2bc_…}).
   */
  public static final CallbackKind CALLBACK =
      new CallbackKind("B2B_COLLECTION", "b2b-collections/callback");

  /**
   * How collections are made.
   *
   * @param partnerName this business's name in the till operator's prompt when a request gives none
   *     ({@code b2bCollections.partnerName}), or {@code null}: then every request names it
   * @param callbackWait how long after a push its callback may take before the collection is put
   *     before a person ({@code b2bCollections.callbackWait})
   */
  public record Settings(String partnerName, Duration callbackWait) {
    public Settings {
      Objects.requireNonNull(callbackWait, "callbackWait");
    }
  }

  private final B2bCollectionStore store;
  private final B2bCollectionService service;
  private final B2bCollectionCallbacks callbacks;
  private final InitiatorReconciler<B2bCollection> reconciler;

  /**
   * @param receiptChecks where the receipts of succeeded collections go for a second opinion
   */
  public B2bCollectionsFlow(FlowContext context, Settings settings, ReceiptChecks receiptChecks) {
    store = new B2bCollectionStore(context.database());
    service =
        new B2bCollectionService(
            context,
            store,
            settings.partnerName(),
            context.callbackUrls().url(CALLBACK),
            settings.callbackWait());
    callbacks =
        new B2bCollectionCallbacks(
            store, service, context.receipts(), receiptChecks, context.clock());
    // No question can be asked about a push (see B2bCollectionOperations): the reconciler's one
    // look, at the callback's deadline, puts it before a person. Its Transaction Status URL is
    // never given to Daraja.
    reconciler =
        new InitiatorReconciler<>(
            new B2bCollectionOperations(store, service),
            context.withReconcileSchedule(List.of(settings.callbackWait())),
            CallbackKind.RESULT);
  }

  @Override
  public void register(Registration registration) {
    new B2bCollectionsApi(service, store).routes(registration.routes());
    registration.callbacks().addWithToken(CALLBACK, callbacks);
    registration
        .openApi(B2bCollectionsApi.class, "openapi.json")
        .eventTypes(B2bCollectionEvents.all())
        .reconciler(reconciler)
        .disputes("b2b_collection", service.records()::flag)
        .gauge(
            "daraja_gateway_b2b_collections_needing_attention",
            "B2B collections a person must settle",
            service.records()::countNeedingAttention);
  }
}
