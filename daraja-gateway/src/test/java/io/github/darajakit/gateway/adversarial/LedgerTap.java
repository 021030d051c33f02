package io.github.darajakit.gateway.adversarial;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.darajakit.gateway.support.MerchantClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The emulator's ledger, read through its admin API while the run goes on. The admin API lists at
 * most the newest 10,000 entries, and a long run makes more, so the ledger is read every second and
 * the readings merged by receipt (receipts are unique); a final reading checks that the merged
 * ledger holds exactly as many entries as the emulator says it has.
 */
final class LedgerTap implements AutoCloseable {

  private static final int MOST_PER_READING = 10_000;

  private final MerchantClient admin;
  private final Map<String, JsonNode> byReceipt = new ConcurrentHashMap<>();
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(DarajaWire.daemon("ledger-tap"));

  LedgerTap(String adminUrl, Duration every) {
    this.admin = new MerchantClient(adminUrl, null);
    timer.scheduleWithFixedDelay(this::readQuietly, 0, every.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The entries read so far, without reading again. */
  List<JsonNode> known() {
    return new ArrayList<>(byReceipt.values());
  }

  /**
   * Reads the entries made since the last reading (and a margin), newest first; returns every entry
   * so far. Only entries in that window are read again, so a reversal marking an old entry reversed
   * may not be seen: nothing here depends on it.
   */
  synchronized List<JsonNode> read() {
    long held = admin.get("/state").json().path("transactions").asLong();
    long fresh = Math.max(0, held - byReceipt.size());
    int limit = (int) Math.min(MOST_PER_READING, fresh + 200);
    JsonNode entries = admin.get("/transactions?limit=" + limit).json().path("transactions");
    for (JsonNode entry : entries) {
      byReceipt.put(entry.path("receipt").asText(), entry);
    }
    return new ArrayList<>(byReceipt.values());
  }

  /**
   * The whole ledger, checked complete.
   *
   * @throws IllegalStateException if readings missed entries (more than 10,000 between two)
   */
  List<JsonNode> complete() {
    List<JsonNode> ledger = read();
    long held = admin.get("/state").json().path("transactions").asLong();
    if (held != ledger.size()) {
      throw new IllegalStateException(
          "the ledger holds " + held + " entries but " + ledger.size() + " were read");
    }
    return ledger;
  }

  private void readQuietly() {
    try {
      read();
    } catch (RuntimeException e) {
      // The next reading catches up; complete() checks that nothing was missed.
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
