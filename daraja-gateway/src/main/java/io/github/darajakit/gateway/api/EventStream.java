package io.github.darajakit.gateway.api;

import io.github.darajakit.gateway.core.GatewayError;
import io.github.darajakit.gateway.core.Json;
import io.github.darajakit.gateway.events.Event;
import io.github.darajakit.gateway.events.EventStore;
import io.github.darajakit.gateway.http.Reply;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Events as they happen, as server-sent events ({@code GET /v1/events/stream}), for dashboards and
 * scripts that watch live. Each event is written as {@code id}, {@code event} (its type) and {@code
 * data} (the event's JSON, as {@code GET /v1/events/{id}} shows it).
 *
 * <p>The stream polls the events table, so it sees every instance's events. It rereads a few
 * seconds back each time and skips what it already sent: a transaction that commits a moment after
 * a later one is still seen. It is a live view, not the record: a reader that falls far behind is
 * told {@code overflow} and should reload what it shows from {@code GET /v1/events}; webhooks are
 * the way to act on every event.
 */
public final class EventStream implements AutoCloseable {

  private static final long POLL_MILLIS = 500;
  private static final long HEARTBEAT_MILLIS = 15_000;

  /** How far back each poll rereads, for transactions that commit late. */
  private static final long WINDOW_MILLIS = 5_000;

  /** The most events one poll reads; a poll that fills it means the reader is far behind. */
  static final int MAX_BATCH = 500;

  /** Streams open at once: each holds a server thread. */
  static final int MAX_STREAMS = 16;

  private final EventStore events;
  private final Semaphore streams = new Semaphore(MAX_STREAMS);
  private volatile boolean closed;

  public EventStream(EventStore events) {
    this.events = events;
  }

  /**
   * A stream of the events after {@code lastEventId} (the {@code Last-Event-ID} a reconnecting
   * reader sends), or of those from now on.
   *
   * @param stillAllowed asked at every poll: the stream ends once its reader's key or session is
   *     revoked, rather than go on showing money moving to someone signed out
   * @throws GatewayError 503 when {@link #MAX_STREAMS} streams are open already
   */
  public Reply open(String lastEventId, BooleanSupplier stillAllowed) {
    if (closed || !streams.tryAcquire()) {
      throw GatewayError.unavailable(
          "Too many event streams are open ("
              + MAX_STREAMS
              + "); close one, or poll GET /v1/events.");
    }
    return Reply.eventStream(
        out -> {
          try {
            run(out, lastEventId, stillAllowed);
          } finally {
            streams.release();
          }
        });
  }

  private void run(OutputStream out, String lastEventId, BooleanSupplier stillAllowed)
      throws IOException {
    write(out, "retry: 2000\n: connected\n\n");
    Map<String, Long> sent = new HashMap<>(); // id -> created_at, for the reread window
    long watermark = start(lastEventId, sent);
    long quietSince = System.currentTimeMillis();
    while (!closed && stillAllowed.getAsBoolean()) {
      List<Event> batch = since(watermark - WINDOW_MILLIS);
      boolean wrote = false;
      for (Event event : batch) {
        if (sent.putIfAbsent(event.id(), event.createdAt()) == null) {
          write(
              out,
              "id: "
                  + event.id()
                  + "\nevent: "
                  + event.type()
                  + "\ndata: "
                  + Json.text(event.toJson())
                  + "\n\n");
          wrote = true;
        }
        watermark = Math.max(watermark, event.createdAt());
      }
      if (batch.size() == MAX_BATCH) {
        // Far behind: say so, and go on from the newest event rather than fall further behind.
        write(out, "event: overflow\ndata: {}\n\n");
        wrote = true;
        sent.clear();
        watermark = start(null, sent);
      }
      long keepFrom = watermark - WINDOW_MILLIS;
      sent.values().removeIf(createdAt -> createdAt < keepFrom);
      long now = System.currentTimeMillis();
      if (wrote) {
        quietSince = now;
      } else if (now - quietSince >= HEARTBEAT_MILLIS) {
        write(out, ": keepalive\n\n"); // also how a reader that went away is noticed
        quietSince = now;
      }
      try {
        TimeUnit.MILLISECONDS.sleep(POLL_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /**
   * Where a stream starts: after {@code lastEventId} if it is known, else after the newest event.
   * The events already behind that point in the reread window are marked sent.
   */
  private long start(String lastEventId, Map<String, Long> sent) {
    Optional<Event> last = lastEventId == null ? events.newest() : events.find(lastEventId);
    if (last.isEmpty()) {
      // No events yet; or an id this database does not know (pruned, another gateway): from now.
      return lastEventId == null ? 0 : start(null, sent);
    }
    long watermark = last.get().createdAt();
    for (Event event : since(watermark - WINDOW_MILLIS)) {
      boolean behind =
          event.createdAt() < watermark
              || (event.createdAt() == watermark && event.id().compareTo(last.get().id()) <= 0);
      if (behind || lastEventId == null) {
        sent.put(event.id(), event.createdAt());
      }
    }
    return watermark;
  }

  private List<Event> since(long createdAt) {
    return events.since(createdAt, MAX_BATCH);
  }

  private static void write(OutputStream out, String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  /** Ends every open stream (at its next poll). */
  @Override
  public void close() {
    closed = true;
  }
}
