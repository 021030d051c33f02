package io.github.darajakit.gateway.flow;

import io.github.darajakit.gateway.callbacks.CallbackStore;
import io.github.darajakit.gateway.callbacks.CallbackUrls;
import io.github.darajakit.gateway.core.Business;
import io.github.darajakit.gateway.events.EventStore;
import io.github.darajakit.gateway.ops.GatewayMetrics;
import io.github.darajakit.gateway.store.Database;
import io.github.darajakit.gateway.store.Receipts;
import io.github.darajakit.gateway.store.Settings;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * What every money flow is built with: the business it acts for, the shared stores, where Daraja
 * calls back, and the reconciler's schedule.
 *
 * @param business whose credentials and shortcodes the flow uses
 * @param database the store
 * @param settings the gateway's own small key-value settings
 * @param events where state changes are appended (and webhooks sent from)
 * @param callbacks the callbacks kept, to re-examine early ones
 * @param callbackUrls the URL of each callback kind
 * @param receipts which record each M-Pesa receipt credits
 * @param metrics counters and gauges
 * @param clock the clock of every timestamp, lease and schedule
 * @param reconcileSchedule delays between a reconciler's questions about one row; when they run out
 *     the row is put before a person
 * @param instanceId this process's name in leases
 */
public record FlowContext(
    Business business,
    Database database,
    Settings settings,
    EventStore events,
    CallbackStore callbacks,
    CallbackUrls callbackUrls,
    Receipts receipts,
    GatewayMetrics metrics,
    Clock clock,
    List<Duration> reconcileSchedule,
    String instanceId) {

  public FlowContext {
    reconcileSchedule = List.copyOf(reconcileSchedule);
  }

  /** This context with another reconciler schedule, for a flow whose records follow their own. */
  public FlowContext withReconcileSchedule(List<Duration> schedule) {
    return new FlowContext(
        business,
        database,
        settings,
        events,
        callbacks,
        callbackUrls,
        receipts,
        metrics,
        clock,
        schedule,
        instanceId);
  }

  /** How long after sending something it is first asked about, if nothing answered. */
  public Duration firstCheck() {
    return reconcileSchedule.get(0);
  }
}
