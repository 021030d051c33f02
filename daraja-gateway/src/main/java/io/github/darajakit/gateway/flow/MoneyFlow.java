package io.github.darajakit.gateway.flow;

/**
 * A way money moves through the gateway — STK payments, C2B payments, payouts, reversals… — as one
 * package that registers itself. The gateway's shared parts (the router, the callback intake, the
 * event catalogue, the reconciler loop, the OpenAPI document, metrics) know this interface, not the
 * flows: adding a flow is adding its package and one line in the composition root.
 *
 * <p>A flow is built from a {@link FlowContext} (and the services of any flow it builds on), then
 * {@linkplain #register registers} what it brings.
 */
public interface MoneyFlow {

  /** Adds this flow's routes, callback handlers, event types, reconcilers and workers. */
  void register(Registration registration);
}
