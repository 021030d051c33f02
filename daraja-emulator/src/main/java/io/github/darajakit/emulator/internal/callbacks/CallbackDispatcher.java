package io.github.darajakit.emulator.internal.callbacks;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.darajakit.emulator.internal.Faults;
import io.github.darajakit.emulator.internal.http.Json;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;
import java.util.function.Predicate;
import org.eclipse.jetty.client.BufferingResponseListener;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Result;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers callbacks and results the way Daraja does: one JSON POST after a delay, no retries
 * (REFERENCE §1.4), and every attempt recorded. Injected faults can drop, duplicate, delay or
 * reorder them.
 *
 * <p>Sends are asynchronous on pooled keep-alive connections so that thousands of callbacks a
 * second cost a few threads, not one each.
 */
public final class CallbackDispatcher implements AutoCloseable {

  /**
   * What a receiver answered to a synchronous call (C2B validation).
   *
   * @param httpStatus the status, or 0 if none arrived
   * @param body the parsed JSON answer, or {@code null}
   * @param error why no usable answer arrived, or {@code ""}
   */
  public record Reply(int httpStatus, JsonNode body, String error) {
    /** True for a 2xx answer with a JSON body. */
    public boolean usable() {
      return httpStatus >= 200 && httpStatus < 300 && body != null;
    }
  }

  private static final Logger log = LoggerFactory.getLogger(CallbackDispatcher.class);
  private static final int MAX_RESPONSE_BYTES = 64 * 1024;
  private static final int RECORDED_RESPONSE_CHARS = 2000;

  private final HttpClient http;
  private final ScheduledExecutorService scheduler;
  private final Faults faults;
  private final Clock clock;
  private final IntSupplier maxRecords;
  private final AtomicLong sequence = new AtomicLong();
  private final ConcurrentLinkedDeque<Delivery> records = new ConcurrentLinkedDeque<>();
  private final AtomicInteger recordCount = new AtomicInteger();

  public CallbackDispatcher(
      ScheduledExecutorService scheduler, Faults faults, Clock clock, IntSupplier maxRecords) {
    this.scheduler = scheduler;
    this.faults = faults;
    this.clock = clock;
    this.maxRecords = maxRecords;
    QueuedThreadPool threads = new QueuedThreadPool(16, 2);
    threads.setName("daraja-emulator-callbacks");
    threads.setDaemon(true);
    this.http = new HttpClient();
    http.setExecutor(threads);
    http.setMaxConnectionsPerDestination(64);
    http.setMaxRequestsQueuedPerDestination(1_000_000);
    http.setConnectTimeout(5_000);
    http.setIdleTimeout(30_000);
    http.setFollowRedirects(false);
    http.setUserAgentField(null);
    try {
      http.start();
    } catch (Exception e) {
      throw new IllegalStateException("cannot start the callback HTTP client", e);
    }
  }

  /**
   * Posts {@code body} to {@code url} after {@code delay}, applying any callback faults for this
   * kind.
   */
  public void send(String kind, String url, JsonNode body, Duration delay, Duration timeout) {
    Faults.CallbackFaults mischief = faults.callbacks();
    boolean affected = mischief.applies(kind);
    Delivery delivery = record(kind, url, body, false);
    if (affected && faults.chance(mischief.dropRate())) {
      delivery.dropped(clock.instant());
      return;
    }
    Duration actualDelay = delay;
    if (affected) {
      actualDelay =
          actualDelay.plus(mischief.extraDelay()).plus(faults.upTo(mischief.reorderWindow()));
    }
    schedule(delivery, actualDelay, timeout);
    if (affected && faults.chance(mischief.duplicateRate())) {
      Delivery copy = record(kind, url, body, true);
      schedule(copy, actualDelay.plus(faults.upTo(Duration.ofMillis(200))), timeout);
    }
  }

  /**
   * Posts {@code body} now and completes with the receiver's answer; never completes exceptionally.
   * A dropped call (fault) looks like a receiver that never answered.
   */
  public CompletableFuture<Reply> call(String kind, String url, JsonNode body, Duration timeout) {
    Delivery delivery = record(kind, url, body, false);
    CompletableFuture<Reply> reply = new CompletableFuture<>();
    Faults.CallbackFaults mischief = faults.callbacks();
    if (mischief.applies(kind) && faults.chance(mischief.dropRate())) {
      delivery.dropped(clock.instant());
      scheduler.schedule(
          () -> reply.complete(new Reply(0, null, "dropped by fault injection")),
          timeout.toMillis(),
          TimeUnit.MILLISECONDS);
      return reply;
    }
    post(delivery, timeout, reply);
    return reply;
  }

  /** Recorded deliveries matching a filter, newest first. */
  public List<Delivery> deliveries(Predicate<Delivery> filter, int limit) {
    List<Delivery> result = new ArrayList<>();
    Iterator<Delivery> newestFirst = records.descendingIterator();
    while (newestFirst.hasNext() && result.size() < limit) {
      Delivery d = newestFirst.next();
      if (filter.test(d)) {
        result.add(d);
      }
    }
    return result;
  }

  /** Forgets every delivery record (deliveries already scheduled still happen). */
  public void clear() {
    records.clear();
    recordCount.set(0);
  }

  @Override
  public void close() {
    try {
      http.stop();
    } catch (Exception e) {
      log.debug("callback client did not stop cleanly", e);
    }
  }

  private Delivery record(String kind, String url, JsonNode body, boolean duplicate) {
    Delivery delivery =
        new Delivery(sequence.incrementAndGet(), kind, url, body, clock.instant(), duplicate);
    records.addLast(delivery);
    if (recordCount.incrementAndGet() > maxRecords.getAsInt()) {
      if (records.pollFirst() != null) {
        recordCount.decrementAndGet();
      }
    }
    return delivery;
  }

  private void schedule(Delivery delivery, Duration delay, Duration timeout) {
    Runnable task = () -> post(delivery, timeout, null);
    if (delay.isZero()) {
      task.run();
    } else {
      scheduler.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  private void post(Delivery delivery, Duration timeout, CompletableFuture<Reply> reply) {
    delivery.attempting();
    long started = System.nanoTime();
    Request request;
    try {
      request =
          http.newRequest(delivery.url())
              .method(HttpMethod.POST)
              .timeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
              .headers(h -> h.put(HttpHeader.ACCEPT, "application/json"))
              .body(new BytesRequestContent("application/json", Json.bytes(delivery.body())));
    } catch (RuntimeException e) {
      finish(delivery, reply, 0, null, started, "invalid URL: " + e.getMessage());
      return;
    }
    request.send(
        new BufferingResponseListener(MAX_RESPONSE_BYTES) {
          @Override
          public void onComplete(Result result) {
            if (result.isFailed()) {
              Throwable failure = result.getFailure();
              int status = result.getResponse() == null ? 0 : result.getResponse().getStatus();
              finish(delivery, reply, status, null, started, String.valueOf(failure));
            } else {
              finish(
                  delivery,
                  reply,
                  result.getResponse().getStatus(),
                  getContentAsString(),
                  started,
                  "");
            }
          }
        });
  }

  private void finish(
      Delivery delivery,
      CompletableFuture<Reply> reply,
      int status,
      String responseText,
      long startedNanos,
      String error) {
    long latency = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
    boolean ok = error.isEmpty() && status >= 200 && status < 300;
    String recorded =
        responseText == null
            ? ""
            : responseText.substring(0, Math.min(responseText.length(), RECORDED_RESPONSE_CHARS));
    delivery.completed(
        ok ? Delivery.State.DELIVERED : Delivery.State.FAILED,
        status,
        latency,
        error.isEmpty() && !ok ? "HTTP " + status : error,
        recorded,
        clock.instant());
    if (reply != null) {
      JsonNode parsed = null;
      if (responseText != null && !responseText.isBlank()) {
        try {
          parsed = Json.parse(responseText);
        } catch (IOException e) {
          error = error.isEmpty() ? "answer is not JSON" : error;
        }
      }
      reply.complete(new Reply(status, parsed, error));
    }
  }
}
