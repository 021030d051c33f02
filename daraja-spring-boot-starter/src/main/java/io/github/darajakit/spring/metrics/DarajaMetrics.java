package io.github.darajakit.spring.metrics;

import io.github.darajakit.client.events.DarajaEventListener;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Records what the client does as Micrometer meters. Tags are bounded, low-cardinality values the
 * SDK's listener gives: the operation ({@code stk.push}), the HTTP status, its class and Daraja's
 * error code. Never a phone number, amount, token or other secret.
 *
 * <ul>
 *   <li>{@code daraja.client.requests} (timer): {@code operation}, {@code status}, {@code outcome}
 *       ({@code SUCCESS}, {@code CLIENT_ERROR}, {@code SERVER_ERROR}), {@code error} (Daraja's
 *       error code or {@code none})
 *   <li>{@code daraja.client.retries} (counter): {@code operation}, {@code decision} ({@code
 *       scheduled} or {@code refused})
 *   <li>{@code daraja.client.failures} (counter): {@code operation}, {@code exception} (its simple
 *       class name, e.g. {@code DarajaOutcomeUnknownException})
 *   <li>{@code daraja.client.token.refreshes} (counter)
 * </ul>
 */
public final class DarajaMetrics implements DarajaEventListener {

  private final Supplier<MeterRegistry> registry;
  private volatile MeterRegistry resolved;

  /**
   * Meters in the registry the supplier gives when the first event comes; a supplier rather than
   * the registry so that the client need not wait for Boot's metrics configuration to run first.
   *
   * @param registry gives the registry, or null while there is none (then nothing is recorded)
   */
  public DarajaMetrics(Supplier<MeterRegistry> registry) {
    this.registry = registry;
  }

  @Override
  public void requestFinished(
      String operation, int httpStatus, String errorCode, Duration elapsed) {
    MeterRegistry meters = meters();
    if (meters == null) {
      return;
    }
    Timer.builder("daraja.client.requests")
        .description("Requests to Daraja that got an HTTP answer")
        .tags(
            Tags.of(
                "operation",
                operation,
                "status",
                Integer.toString(httpStatus),
                "outcome",
                outcome(httpStatus),
                "error",
                errorCode == null || errorCode.isEmpty() ? "none" : errorCode))
        .register(meters)
        .record(elapsed);
  }

  @Override
  public void retryScheduled(String operation, int nextAttempt, Duration delay, String reason) {
    retry(operation, "scheduled");
  }

  @Override
  public void retryRefused(String operation, String reason) {
    retry(operation, "refused");
  }

  @Override
  public void tokenRefreshed(Duration expiresIn) {
    MeterRegistry meters = meters();
    if (meters != null) {
      meters.counter("daraja.client.token.refreshes").increment();
    }
  }

  @Override
  public void requestFailed(String operation, RuntimeException failure) {
    MeterRegistry meters = meters();
    if (meters != null) {
      meters
          .counter(
              "daraja.client.failures",
              "operation",
              operation,
              "exception",
              failure.getClass().getSimpleName())
          .increment();
    }
  }

  private void retry(String operation, String decision) {
    MeterRegistry meters = meters();
    if (meters != null) {
      // The reason is free text: a tag of it could grow without bound, so it stays out.
      meters
          .counter("daraja.client.retries", "operation", operation, "decision", decision)
          .increment();
    }
  }

  private MeterRegistry meters() {
    MeterRegistry meters = resolved;
    if (meters == null) {
      meters = registry.get();
      resolved = meters;
    }
    return meters;
  }

  private static String outcome(int status) {
    if (status >= 200 && status < 300) {
      return "SUCCESS";
    }
    if (status >= 400 && status < 500) {
      return "CLIENT_ERROR";
    }
    if (status >= 500) {
      return "SERVER_ERROR";
    }
    return "UNKNOWN";
  }
}
