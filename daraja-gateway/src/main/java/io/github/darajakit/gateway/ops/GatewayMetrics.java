package io.github.darajakit.gateway.ops;

import io.github.darajakit.client.events.DarajaEventListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The gateway's metrics, in Prometheus' format at {@code /metrics}: API requests, callbacks by kind
 * and outcome, reconciler actions, webhook deliveries, Daraja calls, and latencies.
 */
public final class GatewayMetrics {

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  // One lookup per callback at thousands a second: keep the counters rather than re-register.
  private final Map<String, Counter> callbackCounters = new ConcurrentHashMap<>();
  private final Timer callbackCommit =
      Timer.builder("daraja_gateway_callback_commit")
          .description("Time from receiving a callback to its durable commit")
          .publishPercentiles(0.5, 0.99)
          .register(registry);

  /** Counts an API request. */
  public void request(String route, int status, Duration elapsed) {
    Timer.builder("daraja_gateway_http_requests")
        .description("Merchant API requests")
        .tag("route", route)
        .tag("status", Integer.toString(status))
        .publishPercentileHistogram(false)
        .register(registry)
        .record(elapsed);
  }

  /**
   * Counts a callback by kind ({@code stk}, {@code c2b/confirmation}…, or {@code unknown} for a
   * path we do not serve: never the path itself, so strangers cannot add series) and what became of
   * it.
   */
  public void callback(String kind, String outcome) {
    callbackCounters
        .computeIfAbsent(
            kind + " " + outcome,
            k ->
                Counter.builder("daraja_gateway_callbacks")
                    .description("Daraja callbacks received, by kind and outcome")
                    .tag("kind", kind)
                    .tag("outcome", outcome)
                    .register(registry))
        .increment();
  }

  /** Times a callback from receipt to durable commit (when its 200 can go out). */
  public void callbackCommitted(Duration elapsed) {
    callbackCommit.record(elapsed);
  }

  /** Counts a reconciler action. */
  public void reconciler(String action) {
    Counter.builder("daraja_gateway_reconciler_actions")
        .description("What the reconciler did with a payment")
        .tag("action", action)
        .register(registry)
        .increment();
  }

  /** Counts what C2B recovery did with a pulled payment. */
  public void c2bRecovery(String outcome) {
    Counter.builder("daraja_gateway_c2b_recovery")
        .description("C2B payments recovered from Pull Transactions, or skipped, or failed looks")
        .tag("outcome", outcome)
        .register(registry)
        .increment();
  }

  /** Counts a webhook attempt. */
  public void webhook(String outcome, Integer httpStatus) {
    Counter.builder("daraja_gateway_webhook_attempts")
        .description("Webhook delivery attempts")
        .tag("outcome", outcome)
        .tag("status", httpStatus == null ? "none" : Integer.toString(httpStatus))
        .register(registry)
        .increment();
  }

  /** A gauge read when scraped. */
  public void gauge(String name, String description, Supplier<Number> value) {
    io.micrometer.core.instrument.Gauge.builder(name, value)
        .description(description)
        .register(registry);
  }

  /** Binds the SDK's events: Daraja calls by operation and status, retries, token renewals. */
  public DarajaEventListener darajaListener() {
    return new DarajaEventListener() {
      @Override
      public void requestFinished(
          String operation, int httpStatus, String errorCode, Duration elapsed) {
        Timer.builder("daraja_gateway_daraja_requests")
            .description("Requests to Daraja")
            .tag("operation", operation)
            .tag("status", Integer.toString(httpStatus))
            .register(registry)
            .record(elapsed);
      }

      @Override
      public void retryScheduled(String operation, int nextAttempt, Duration delay, String reason) {
        Counter.builder("daraja_gateway_daraja_retries")
            .tag("operation", operation)
            .register(registry)
            .increment();
      }

      @Override
      public void tokenRefreshed(Duration expiresIn) {
        Counter.builder("daraja_gateway_daraja_tokens").register(registry).increment();
      }
    };
  }

  /** The exposition text. */
  public String scrape() {
    return registry.scrape();
  }
}
