package io.github.darajakit.gateway.webhooks;

import io.github.darajakit.client.webhooks.WebhookSecret;
import io.github.darajakit.client.webhooks.WebhookSignature;
import io.github.darajakit.gateway.core.Json;
import io.github.darajakit.gateway.events.Event;
import io.github.darajakit.gateway.events.EventStore;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the outbox: each event to each subscribed endpoint, signed per Standard Webhooks, until
 * the endpoint answers 2xx or the retry schedule (about three days) runs out. Deliveries are
 * claimed with leases, so several gateway instances on one database never send one twice at the
 * same time, and a delivery held by a dead instance is picked up when its lease lapses.
 */
public final class WebhookDispatcher implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);
  private static final Duration LEASE = Duration.ofMinutes(2);
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final int BATCH = 32;

  private final WebhookStore store;
  private final EventStore events;
  private final Clock clock;
  private final List<Duration> retries;
  private final String owner;
  private final BiConsumer<String, Integer> observer;
  private final HttpClient http;
  private final ExecutorService senders =
      Executors.newFixedThreadPool(4, daemon("daraja-gateway-webhook-io"));
  // Attempts run side by side, so one slow endpoint does not hold back the others' events. A pool
  // apart from the HTTP client's: blocked attempts must not starve the client's own callbacks.
  private final ExecutorService attempts =
      Executors.newFixedThreadPool(BATCH, daemon("daraja-gateway-webhook"));
  private final ScheduledExecutorService ticker =
      Executors.newSingleThreadScheduledExecutor(daemon("daraja-gateway-webhook-tick"));

  /**
   * @param retries delays before the 2nd, 3rd… attempts; after the last, the delivery fails
   * @param owner this instance's lease name
   * @param observer told (outcome, HTTP status) of each attempt, for metrics
   */
  public WebhookDispatcher(
      WebhookStore store,
      EventStore events,
      Clock clock,
      List<Duration> retries,
      String owner,
      BiConsumer<String, Integer> observer) {
    this.store = store;
    this.events = events;
    this.clock = clock;
    this.retries = List.copyOf(retries);
    this.owner = owner;
    this.observer = observer;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER)
            .executor(senders)
            .build();
  }

  /** Starts polling the outbox. */
  public void start(Duration every) {
    ticker.scheduleWithFixedDelay(this::tick, 0, every.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Sends every delivery due now and waits for the attempts; returns how many were attempted. */
  public int deliverDue() {
    List<WebhookStore.Delivery> due =
        store.claimDue(owner, clock.millis(), clock.millis() + LEASE.toMillis(), BATCH);
    CompletableFuture.allOf(
            due.stream()
                .map(delivery -> CompletableFuture.runAsync(() -> attempt(delivery), attempts))
                .toArray(CompletableFuture[]::new))
        .join();
    return due.size();
  }

  private void tick() {
    try {
      while (deliverDue() == BATCH) {
        // keep draining while full batches come back
      }
    } catch (RuntimeException e) {
      log.warn("webhook dispatch round failed; will try again", e);
    }
  }

  private void attempt(WebhookStore.Delivery delivery) {
    long started = clock.millis();
    Optional<WebhookStore.Endpoint> endpoint = store.endpoint(delivery.endpointId());
    Optional<Event> event = events.find(delivery.eventId());
    if (endpoint.isEmpty() || event.isEmpty()) {
      store.recordAttempt(delivery, started, null, "endpoint or event gone", 0, "FAILED", null);
      return;
    }
    byte[] body = Json.bytes(event.get().toJson());
    long timestamp = clock.instant().getEpochSecond();
    String signature =
        WebhookSignature.signatureHeader(
            List.of(WebhookSecret.parse(endpoint.get().secret())), delivery.id(), timestamp, body);
    Integer status = null;
    String error = null;
    long t0 = System.nanoTime();
    try {
      HttpResponse<Void> response =
          http.send(
              HttpRequest.newBuilder(URI.create(endpoint.get().url()))
                  .timeout(TIMEOUT)
                  .header("Content-Type", "application/json")
                  .header(WebhookSignature.ID_HEADER, delivery.id())
                  .header(WebhookSignature.TIMESTAMP_HEADER, Long.toString(timestamp))
                  .header(WebhookSignature.SIGNATURE_HEADER, signature)
                  .header("User-Agent", "DarajaKit-Gateway")
                  .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                  .build(),
              HttpResponse.BodyHandlers.discarding());
      status = response.statusCode();
      if (status / 100 != 2) {
        error = "HTTP " + status;
      }
    } catch (IOException | IllegalArgumentException e) {
      error = e.toString();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      error = "interrupted";
    }
    long duration = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    if (error == null) {
      store.recordAttempt(delivery, started, status, null, duration, "DELIVERED", null);
      observer.accept("delivered", status);
      return;
    }
    int attemptsMade = delivery.attempts() + 1;
    if (attemptsMade > retries.size()) {
      store.recordAttempt(delivery, started, status, error, duration, "FAILED", null);
      observer.accept("failed", status);
      log.warn(
          "webhook {} failed for good after {} attempts: {}", delivery.id(), attemptsMade, error);
      return;
    }
    long next = clock.millis() + retries.get(attemptsMade - 1).toMillis();
    store.recordAttempt(delivery, started, status, error, duration, "PENDING", next);
    observer.accept("retry", status);
  }

  @Override
  public void close() {
    ticker.shutdownNow();
    attempts.shutdownNow();
    senders.shutdownNow();
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
    return r -> {
      Thread t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
