package io.github.darajakit.gateway.adversarial;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * What the harness asked for, as the harness itself knows it: never read back from a gateway. Each
 * intent has a key of its own that the emulator's ledger shows — the phone a payment is paid from
 * or a payout is paid to, or a B2B payment's account reference — so the ledger alone says how often
 * each intent was paid, and whether anything was paid that no intent asked for.
 */
final class Intents {

  /** What kind of money an intent moves. */
  enum Kind {
    /** An STK push: the customer (key: phone) pays the STK shortcode. */
    PAYMENT,
    /** A single payout: the B2C shortcode pays the customer (key: phone). */
    PAYOUT,
    /** A batch's row: the B2C shortcode pays the customer (key: phone). */
    BATCH_ROW,
    /** A B2B payment to a PayBill (key: account reference). */
    B2B_PAYMENT,
    /** A customer paying the gateway's PayBill through the emulator (key: phone). */
    C2B_PAYMENT
  }

  /** One intent. The fields the gateway's answers fill in are written once, by one thread. */
  static final class Intent {
    final Kind kind;
    final String key;
    final long amount;
    final String idempotencyKey;
    final String path;
    final String body;

    /** The gateway's id for it, once an answer named it. */
    volatile String id;

    /** The CheckoutRequestID or OriginatorConversationID the answer named. */
    volatile String wireId;

    /** For a C2B payment, its receipt (TransID). */
    volatile String receipt;

    /** Whether the create was ever answered (any status); unanswered ones may be retried. */
    volatile boolean answered;

    /**
     * Resubmissions that may have sent it again: answered 2xx, or not answered at all. Each allows
     * one more money-moving request under the B2B payment's account reference.
     */
    final AtomicInteger resubmissions = new AtomicInteger();

    Intent(Kind kind, String key, long amount, String idempotencyKey, String path, String body) {
      this.kind = kind;
      this.key = key;
      this.amount = amount;
      this.idempotencyKey = idempotencyKey;
      this.path = path;
      this.body = body;
    }
  }

  /** A payout batch the harness created, and its rows' intents. */
  static final class Batch {
    final int number;
    final List<Intent> rows;
    volatile String id;
    volatile boolean confirmed;

    Batch(int number, List<Intent> rows) {
      this.number = number;
      this.rows = rows;
    }
  }

  private final Map<String, Intent> byKey = new ConcurrentHashMap<>();
  private final List<Intent> inOrder = new ArrayList<>();
  private final List<Batch> batches = new ArrayList<>();

  /** Receipts the harness asked a gateway to reverse, with the requests that may have run. */
  private final Map<String, AtomicInteger> reversals = new ConcurrentHashMap<>();

  static String paymentPhone(int number) {
    return "2547" + "1" + String.format(Locale.ROOT, "%07d", number);
  }

  static String payoutPhone(int number) {
    return "2547" + "2" + String.format(Locale.ROOT, "%07d", number);
  }

  static String rowPhone(int batch, int row) {
    return "2547" + "3" + String.format(Locale.ROOT, "%03d%04d", batch, row);
  }

  static String c2bPhone(int number) {
    return "2547" + "4" + String.format(Locale.ROOT, "%07d", number);
  }

  static String accountReference(int number) {
    return "ADV" + String.format(Locale.ROOT, "%08d", number);
  }

  Intent add(Intent intent) {
    if (byKey.putIfAbsent(intent.key, intent) != null) {
      throw new IllegalStateException("two intents share the key " + intent.key);
    }
    synchronized (inOrder) {
      inOrder.add(intent);
    }
    return intent;
  }

  Batch add(Batch batch) {
    batch.rows.forEach(this::add);
    synchronized (batches) {
      batches.add(batch);
    }
    return batch;
  }

  Intent byKey(String key) {
    return byKey.get(key);
  }

  Collection<Intent> all() {
    synchronized (inOrder) {
      return new ArrayList<>(inOrder);
    }
  }

  /**
   * One of the most recent {@code window} intents that match, at random (recent ones are the ones
   * still waiting for their callbacks, which is when a forged callback can matter); null if none.
   */
  Intent recent(SplittableRandom random, int window, Predicate<Intent> wanted) {
    List<Intent> matching = new ArrayList<>();
    synchronized (inOrder) {
      for (int i = inOrder.size() - 1; i >= 0 && matching.size() < window; i--) {
        if (wanted.test(inOrder.get(i))) {
          matching.add(inOrder.get(i));
        }
      }
    }
    return matching.isEmpty() ? null : matching.get(random.nextInt(matching.size()));
  }

  /** Any intent that matches, at random; null if none. */
  Intent any(SplittableRandom random, Predicate<Intent> wanted) {
    List<Intent> matching = all().stream().filter(wanted).toList();
    return matching.isEmpty() ? null : matching.get(random.nextInt(matching.size()));
  }

  List<Batch> batches() {
    synchronized (batches) {
      return new ArrayList<>(batches);
    }
  }

  /** Notes a reversal request for a receipt that may have run (answered 2xx, or not answered). */
  void reversalMayHaveRun(String receipt) {
    reversals.computeIfAbsent(receipt, r -> new AtomicInteger()).incrementAndGet();
  }

  /** Reversal requests for this receipt that may have run. */
  int reversalsOf(String receipt) {
    AtomicInteger count = reversals.get(receipt);
    return count == null ? 0 : count.get();
  }
}
