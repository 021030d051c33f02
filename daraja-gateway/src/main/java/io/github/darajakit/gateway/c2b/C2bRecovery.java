package io.github.darajakit.gateway.c2b;

import io.github.darajakit.client.DarajaClient;
import io.github.darajakit.client.DarajaException;
import io.github.darajakit.client.pull.PulledTransaction;
import io.github.darajakit.gateway.events.EventStore;
import io.github.darajakit.gateway.store.Database;
import io.github.darajakit.gateway.store.Ids;
import io.github.darajakit.gateway.store.Receipts;
import io.github.darajakit.gateway.store.Settings;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Recovers C2B payments whose confirmation never arrived, from Pull Transactions (REFERENCE §13).
 *
 * <p>Safaricom does not retry a confirmation it could not deliver; Pull Transactions lists the
 * shortcode's customer payments of the last 48 hours. Every few minutes this asks for the window
 * since the last complete look (with an overlap, because M-Pesa's clock and ours differ) and
 * records every TransID it has not seen, with {@code source = "pull"} and the usual {@code
 * c2b_payment.received} event. A TransID already recorded — by a confirmation, or by an earlier
 * pull — is left alone, so looking twice, or from several instances at once, is harmless.
 *
 * <p>A PayBill used for STK as well lists its STK payments too, and Pull Transactions cannot tell
 * them apart: a receipt that already belongs to anything the gateway recorded is skipped.
 */
public final class C2bRecovery implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(C2bRecovery.class);
  private static final String CURSOR = "c2b_pull_complete_until";

  /** Daraja keeps 48 hours; asking for a little less keeps the window valid on a slow clock. */
  private static final Duration FURTHEST_BACK = Duration.ofHours(47);

  private final Database database;
  private final C2bStore store;
  private final EventStore events;
  private final Settings settings;
  private final DarajaClient daraja;
  private final Clock clock;
  private final String shortCode;
  private final Duration overlap;
  private final Consumer<String> observer;
  private final Receipts receipts;
  private final ScheduledExecutorService ticker =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "daraja-gateway-c2b-recovery");
            t.setDaemon(true);
            return t;
          });

  /**
   * @param shortCode the shortcode registered for Pull Transactions
   * @param overlap how far before the last complete look each look starts again
   * @param observer told {@code recovered}, {@code skipped} or {@code failed}, for metrics
   */
  public C2bRecovery(
      Database database,
      C2bStore store,
      EventStore events,
      Settings settings,
      DarajaClient daraja,
      Clock clock,
      String shortCode,
      Duration overlap,
      Consumer<String> observer,
      Receipts receipts) {
    this.receipts = receipts;
    this.database = database;
    this.store = store;
    this.events = events;
    this.settings = settings;
    this.daraja = daraja;
    this.clock = clock;
    this.shortCode = shortCode;
    this.overlap = overlap;
    this.observer = observer;
  }

  /** Looks every {@code every}, the first time soon after start. */
  public void start(Duration every) {
    ticker.scheduleWithFixedDelay(
        () -> {
          try {
            recover();
          } catch (RuntimeException e) {
            log.warn("C2B recovery round failed; will try again", e);
          }
        },
        Math.min(every.toMillis(), 10_000),
        every.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  /**
   * Pulls the window since the last complete look and records what is missing.
   *
   * @return how many payments were recovered, or -1 if Daraja could not be asked (nothing changed;
   *     the next look covers the same window)
   */
  public int recover() {
    // Daraja reads the window to the second: round up, or a payment in this second is missed.
    Instant end = clock.instant().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
    Instant furthest = end.minus(FURTHEST_BACK);
    Instant start = furthest;
    String cursor = settings.get(CURSOR).orElse(null);
    if (cursor != null) {
      Instant completeUntil = Instant.ofEpochMilli(Long.parseLong(cursor));
      start = completeUntil.minus(overlap);
      if (start.isBefore(furthest)) {
        log.warn(
            "C2B recovery last completed at {}: Pull Transactions keeps 48 hours, so payments"
                + " missed before {} cannot be recovered this way; check the M-Pesa statement",
            completeUntil,
            furthest);
        start = furthest;
      }
    }
    List<PulledTransaction> pulled;
    try {
      pulled = daraja.pull().queryAll(shortCode, start, end);
    } catch (DarajaException e) {
      log.warn("Pull Transactions for {} failed: {}", shortCode, e.getMessage());
      observer.accept("failed");
      return -1;
    }
    int recovered = 0;
    for (PulledTransaction transaction : pulled) {
      if (record(transaction)) {
        recovered++;
      }
    }
    settings.put(CURSOR, Long.toString(end.toEpochMilli()));
    if (recovered > 0) {
      log.warn(
          "recovered {} C2B payment(s) for {} from Pull Transactions: their confirmations never"
              + " arrived",
          recovered,
          shortCode);
    }
    return recovered;
  }

  /** Records one pulled payment unless it is known; true if it was recovered. */
  private boolean record(PulledTransaction t) {
    BigDecimal amount = t.amount();
    if (!Receipts.wellFormed(t.transactionId())) {
      log.warn("Pull Transactions listed {} with a transaction id that is not a receipt", t);
      observer.accept("skipped");
      return false;
    }
    if (amount.signum() <= 0
        || amount.stripTrailingZeros().scale() > 0
        || amount.compareTo(C2bPayment.LARGEST_AMOUNT) > 0) {
      log.warn("Pull Transactions listed {} with an amount that is not whole shillings", t);
      observer.accept("skipped");
      return false;
    }
    long now = clock.millis();
    C2bPayment payment =
        new C2bPayment(
            Ids.next("c2b"),
            t.transactionId(),
            t.transactionType(),
            shortCode,
            amount.longValueExact(),
            nullToEmpty(t.billReference()),
            "",
            nullToEmpty(t.msisdn()),
            nullToEmpty(t.sender()),
            "",
            "",
            t.trxDate() == null ? null : t.trxDate().toEpochMilli(),
            null,
            "",
            "pull",
            now,
            null);
    boolean inserted =
        database.write(
            c -> {
              // A receipt recorded already — by a confirmation, an earlier pull, or an STK payment
              // on the same PayBill (Pull Transactions lists those too) — is not a missed payment.
              if (receipts
                      .claimIfFree(c, t.transactionId(), "c2b_payment", payment.id(), now)
                      .isPresent()
                  || !store.insertIfNew(c, payment)) {
                return false;
              }
              events.append(
                  c, C2bEvents.RECEIVED, "c2b_payment", payment.id(), payment.toJson(), now);
              return true;
            });
    if (inserted) {
      observer.accept("recovered");
    }
    return inserted;
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }

  @Override
  public void close() {
    ticker.shutdownNow();
  }
}
