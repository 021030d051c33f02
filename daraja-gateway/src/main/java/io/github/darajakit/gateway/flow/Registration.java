package io.github.darajakit.gateway.flow;

import io.github.darajakit.gateway.callbacks.CallbackRoutes;
import io.github.darajakit.gateway.events.EventCatalog;
import io.github.darajakit.gateway.http.OpenApiDocument;
import io.github.darajakit.gateway.http.Router;
import io.github.darajakit.gateway.ops.GatewayMetrics;
import io.github.darajakit.gateway.reconciler.Reconciler;
import io.github.darajakit.gateway.store.Receipts;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;

/**
 * What a {@link MoneyFlow} brings to the gateway, collected while the gateway is wired: its
 * merchant API routes and their OpenAPI part, the callbacks it is sent, the events it emits, its
 * reconcilers and workers, whom to tell when a receipt it credited is disputed, and its gauges.
 */
public final class Registration {

  private final Router router;
  private final CallbackRoutes callbacks;
  private final EventCatalog eventTypes;
  private final Receipts receipts;
  private final GatewayMetrics metrics;
  private final List<Reconciler> reconcilers = new ArrayList<>();
  private final List<Worker> workers = new ArrayList<>();
  private final List<OpenApiDocument.Fragment> openApi = new ArrayList<>();

  public Registration(
      Router router,
      CallbackRoutes callbacks,
      EventCatalog eventTypes,
      Receipts receipts,
      GatewayMetrics metrics) {
    this.router = router;
    this.callbacks = callbacks;
    this.eventTypes = eventTypes;
    this.receipts = receipts;
    this.metrics = metrics;
  }

  /** Where the flow adds its merchant API routes. */
  public Router routes() {
    return router;
  }

  /**
   * Adds the flow's part of the OpenAPI document: {@code resource} beside {@code owner}, holding
   * {@code {"paths":{…},"schemas":{…}}}.
   */
  public Registration openApi(Class<?> owner, String resource) {
    openApi.add(new OpenApiDocument.Fragment(owner, resource));
    return this;
  }

  /** Where the flow routes the kinds of callback it is sent to their handlers. */
  public CallbackRoutes callbacks() {
    return callbacks;
  }

  /** Declares the event types the flow emits; each type has one owner. */
  public Registration eventTypes(Collection<String> types) {
    eventTypes.add(types);
    return this;
  }

  /** Adds a reconciler, run with the others on the gateway's schedule. */
  public Registration reconciler(Reconciler reconciler) {
    reconcilers.add(reconciler);
    return this;
  }

  /** Adds a worker, started with the gateway's background work and stopped with it. */
  public Registration worker(Worker worker) {
    workers.add(worker);
    return this;
  }

  /**
   * Says how to put a record of {@code objectType} before a person when another record claims its
   * receipt.
   */
  public Registration disputes(String objectType, Receipts.Flagger flagger) {
    receipts.onDispute(objectType, flagger);
    return this;
  }

  /** Adds a gauge to {@code /metrics}. */
  public Registration gauge(String name, String description, Supplier<Number> value) {
    metrics.gauge(name, description, value);
    return this;
  }

  /** The event types declared so far. */
  public EventCatalog eventCatalog() {
    return eventTypes;
  }

  /** The reconcilers registered, in order. */
  public List<Reconciler> reconcilers() {
    return List.copyOf(reconcilers);
  }

  /** The workers registered, in order. */
  public List<Worker> workers() {
    return List.copyOf(workers);
  }

  /** The OpenAPI parts registered, in order. */
  public List<OpenApiDocument.Fragment> openApi() {
    return List.copyOf(openApi);
  }
}
