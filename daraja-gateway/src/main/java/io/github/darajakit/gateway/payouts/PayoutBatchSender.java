package io.github.darajakit.gateway.payouts;

import io.github.darajakit.client.DarajaRateLimitException;
import io.github.darajakit.gateway.store.SharedPace;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the rows of confirmed batches, oldest batch first and in row order, at most {@code
 * ratePerSecond} a second for the paying shortcode (an even pace), up to eight at once. The pace is
 * a {@link SharedPace}: instances sharing one database share it too.
 *
 * <p>Each instance leases the rows it is about to send ({@link PayoutBatchStore#leaseQueued}), so
 * instances sharing a database share the work and the pace rather than racing for the same rows.
 * Each row is sent by {@link PayoutService#sendQueued}, which moves it from QUEUED to CREATED with
 * a compare-and-set first: two senders (two instances) never send one row, and a row is never sent
 * twice, whatever the leases do. When Daraja answers SpikeArrest the row goes back to the queue and
 * this sender waits, doubling the wait each time (up to a minute) until a send goes through. A
 * pause or cancel is seen before the next row. After a restart, sending resumes with the rows still
 * queued (on SQLite at once; on PostgreSQL a dead instance's rows once their leases end); rows
 * caught half-sent are the reconciler's.
 */
public final class PayoutBatchSender implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(PayoutBatchSender.class);
  private static final Duration FIRST_BACKOFF = Duration.ofSeconds(2);
  private static final Duration MAX_BACKOFF = Duration.ofMinutes(1);

  /** Rows leased at once: a little more than are sent at once, so a sender never starves. */
  private static final int PAGE = 16;

  /** How long leased rows stay this sender's beyond the time their slots need. */
  private static final Duration LEASE = Duration.ofSeconds(30);

  /** How much time's worth of slots is reserved at once. */
  private static final long CHUNK_MICROS = 50_000;

  /** Reserved slots older than this are dropped (see {@link #pace()}). */
  private static final long STALE_MICROS = 1_000_000;

  /**
   * Rows sent at once: each send waits on Daraja's answer, so one at a time would cap a batch at
   * one row per round trip whatever the configured pace.
   */
  private static final int IN_FLIGHT = 8;

  private final PayoutBatchStore batches;
  private final PayoutBatchService batchService;
  private final PayoutService payouts;
  private final SharedPace pace;
  private final Clock clock;
  private final String owner;
  private final Thread thread;
  private volatile boolean running;
  private final ExecutorService senders =
      Executors.newFixedThreadPool(
          IN_FLIGHT,
          r -> {
            Thread t = new Thread(r, "daraja-gateway-payout-send");
            t.setDaemon(true);
            return t;
          });
  private final Semaphore inFlight = new Semaphore(IN_FLIGHT);
  private final AtomicReference<DarajaRateLimitException> rateLimited = new AtomicReference<>();
  private long slotMicros;
  private int slotsLeft;
  private Duration backoff = FIRST_BACKOFF;

  /**
   * @param pace the shortcode's pace, shared with every instance on the database
   * @param owner this instance's name in leases
   */
  public PayoutBatchSender(
      PayoutBatchStore batches,
      PayoutBatchService batchService,
      PayoutService payouts,
      SharedPace pace,
      Clock clock,
      String owner) {
    this.batches = batches;
    this.batchService = batchService;
    this.payouts = payouts;
    this.pace = pace;
    this.clock = clock;
    this.owner = owner;
    this.thread = new Thread(this::loop, "daraja-gateway-payout-batches");
    thread.setDaemon(true);
  }

  /** Starts sending in the background. */
  public void start() {
    running = true;
    thread.start();
  }

  private void loop() {
    while (running) {
      try {
        if (sendDue() == 0) {
          Thread.sleep(200);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (DarajaRateLimitException e) {
        log.warn(
            "Daraja is rate-limiting B2C (SpikeArrest); waiting {} before the next row", backoff);
        LockSupport.parkNanos(backoff.toNanos());
        backoff =
            backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0
                ? MAX_BACKOFF
                : backoff.multipliedBy(2);
      } catch (RuntimeException e) {
        log.warn("payout batch round failed; will try again", e);
        LockSupport.parkNanos(Duration.ofSeconds(1).toNanos());
      }
    }
  }

  /**
   * Sends every row now due from every batch being sent, at the configured pace, and completes the
   * batches that are done. Tests call it directly.
   *
   * @return rows sent
   * @throws DarajaRateLimitException when Daraja refused a row with SpikeArrest (it is queued
   *     again)
   */
  public int sendDue() {
    int sent = 0;
    for (PayoutBatch batch : batches.sending()) {
      // Rows are leased past the last one handed to a sender, so the next page need not wait for
      // this one's rows to leave the queue; a row SpikeArrest put back is sent on the next round.
      int afterRow = 0;
      List<Payout> page;
      try {
        do {
          long now = clock.millis();
          long leaseUntil = now + LEASE.toMillis() + PAGE * pace.intervalMicros() / 1000;
          page = batches.leaseQueued(batch.id(), afterRow, owner, now, leaseUntil, PAGE);
          for (Payout row : page) {
            if (rateLimited.get() != null || !stillSending(batch.id())) {
              return sent;
            }
            pace();
            inFlight.acquireUninterruptibly();
            senders.execute(() -> send(row));
            sent++;
            afterRow = row.batchRow();
          }
        } while (page.size() == PAGE);
      } finally {
        inFlight.acquireUninterruptibly(IN_FLIGHT);
        inFlight.release(IN_FLIGHT);
        // Rows leased but not handed to a sender (paused, cancelled, rate-limited) are free for
        // any instance at once, this one included, rather than when their leases end.
        batches.releaseLeases(batch.id(), owner);
        DarajaRateLimitException limited = rateLimited.getAndSet(null);
        if (limited != null) {
          throw limited;
        }
      }
      batchService.completeIfDone(batch.id());
    }
    backoff = FIRST_BACKOFF;
    return sent;
  }

  private void send(Payout row) {
    try {
      payouts.sendQueued(row);
    } catch (DarajaRateLimitException e) {
      rateLimited.compareAndSet(null, e);
    } catch (RuntimeException e) {
      log.warn("could not send payout {}; the reconciler will look at it", row.id(), e);
    } finally {
      inFlight.release();
    }
  }

  private boolean stillSending(String batchId) {
    return batches.find(batchId).map(b -> b.status() == PayoutBatch.Status.SENDING).orElse(false);
  }

  /**
   * Waits for this row's slot: one every {@code 1/ratePerSecond} seconds. Slots are reserved from
   * the shared pace a chunk at a time (about 50 ms of them, at least {@link #IN_FLIGHT}), so the
   * database is asked at most about 20 times a second whatever the pace. A slot that has passed
   * while the sender waited on Daraja is still used: the sender then catches up, at most a chunk
   * ahead of an even pace, and never above the pace over any longer span. Slots left over from
   * before an idle spell (older than a second) are dropped rather than spent in a burst.
   */
  private void pace() {
    long now = SharedPace.nowMicros();
    if (slotsLeft == 0 || slotMicros < now - STALE_MICROS) {
      slotsLeft = Math.max(IN_FLIGHT, (int) (CHUNK_MICROS / pace.intervalMicros()));
      slotMicros = pace.reserve(slotsLeft);
    }
    long wait = slotMicros - now;
    if (wait > 0) {
      LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(wait));
    }
    slotMicros += pace.intervalMicros();
    slotsLeft--;
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
    senders.shutdown();
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
