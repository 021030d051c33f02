package io.github.darajakit.emulator.internal;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Generates identifiers in the shapes Daraja uses (REFERENCE §1.7).
 *
 * <p>Identifiers a merchant's system keys on — receipts and TransIDs, ConversationIDs,
 * OriginatorConversationIDs, MerchantRequestIDs — must never repeat, not even after the emulator
 * restarts or while a second emulator runs: a gateway that stored receipt {@code SG632NMUAB} for
 * yesterday's payment must not be handed it again for today's. A seeded random generator cannot
 * promise that (a restart with the same seed replays it), so their unique part comes from an
 * <em>issue number</em>: the microsecond the emulator started plus how many numbers it has issued
 * since. An emulator never issues more than one number per microsecond since its start, so every
 * number it hands out lies between its start and now, and one started later (a restart, or a second
 * emulator) begins above all of them. Two emulators running side by side stay apart as long as the
 * first has issued fewer numbers than microseconds passed between the two starts. The issue number
 * is then scrambled, bijectively, so consecutive receipts look as unrelated as M-Pesa's do.
 *
 * <p>Everything else random (tokens, padding) comes from a generator seeded with the configured
 * seed and the start time. With an injected clock, the same seed and start time therefore repeat
 * every identifier exactly, which is what tests rely on.
 */
public final class Ids {

  private static final char[] HEX = "0123456789abcdef".toCharArray();
  private static final char[] TOKEN_CHARS =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
  private static final DateTimeFormatter CHECKOUT_TIME =
      DateTimeFormatter.ofPattern("ddMMuuuuHHmmss", Locale.ROOT);
  private static final DateTimeFormatter CONVERSATION_DAY =
      DateTimeFormatter.ofPattern("uuuuMMdd", Locale.ROOT);

  /** The eight characters after a receipt's year and month letters: 36^8 values. */
  private static final long RECEIPT_BODY_VALUES = 2_821_109_907_456L;

  /** Half of a receipt body (four base-36 characters), the unit the scrambler works in. */
  private static final long HALF_BODY_VALUES = 1_679_616L;

  /** Failed and auxiliary results carry placeholders such as {@code OAK0000000}. */
  private static final String PLACEHOLDER_TAIL = "0000000";

  private static final long[] ROUND_KEYS = {
    0x5a4d7e13c2b1f00dL, 0x1f83d9abfb41bd6bL, 0x6a09e667f3bcc909L, 0x3c6ef372fe94f82bL
  };

  // java.util.Random is thread-safe; contention is negligible next to an HTTP request.
  private final Random random;
  private final long startMicros;
  private final long startNanos;
  private final AtomicLong issued = new AtomicLong();
  private final AtomicLong sequence = new AtomicLong();

  /**
   * A generator for an emulator started at {@code startedAt}.
   *
   * @param seed seeds the random parts
   * @param startedAt the emulator's start, read from its (possibly injected) clock
   */
  public Ids(long seed, Instant startedAt) {
    this.startMicros = ChronoUnit.MICROS.between(Instant.EPOCH, startedAt);
    this.startNanos = System.nanoTime();
    this.random = new Random(seed ^ mix64(startMicros));
  }

  /** {@code "1c5b-4ba8-815c-ac45c57a3db01495926"}: error envelopes. */
  public String requestId() {
    return guidLike(7);
  }

  /** {@code "2654-4b64-97ff-b827b542881d3130"}: STK MerchantRequestID. */
  public String merchantRequestId() {
    return guidLike(4);
  }

  /** A gateway-assigned OriginatorConversationID, same shape as Daraja's current ones. */
  public String originatorConversationId() {
    return guidLike(7);
  }

  /**
   * {@code ws_CO_} + ddMMyyyyHHmmss + 3 digits + the 9-digit national MSISDN, the current shape.
   * The three digits come from the issue number, so two pushes to one phone in one second differ,
   * and so, most likely, do the first pushes of two emulators in the same second. The caller still
   * checks its own sessions: three digits cannot promise more.
   */
  public String checkoutRequestId(LocalDateTime now, String msisdn) {
    long n = Math.floorMod(nextIssueNumber(), 1000L);
    return "ws_CO_"
        + CHECKOUT_TIME.format(now)
        + String.format(Locale.ROOT, "%03d", n)
        + msisdn.substring(msisdn.length() - 9);
  }

  /** {@code AG_20240706_20106e9209f64bebd05b}: ConversationID. */
  public String conversationId(LocalDateTime now) {
    return "AG_" + CONVERSATION_DAY.format(now) + "_" + uniqueHex() + hex(4);
  }

  /**
   * A receipt (also used as C2B TransID and as the TransactionID of B2C, B2B and reversal results):
   * year letter (N = 2019), month letter (A = January) and eight upper-case alphanumerics, as
   * M-Pesa's look ({@code SG632NMUAB}). No two are ever equal (see the class comment); none has the
   * shape of a placeholder ({@code SGx0000000}).
   */
  public String receipt() {
    while (true) {
      String receipt = receiptFor(nextIssueNumber());
      if (!receipt.endsWith(PLACEHOLDER_TAIL)) {
        return receipt;
      }
    }
  }

  /**
   * The receipt of one issue number (microseconds since the epoch): the letters of its month in
   * Nairobi, then its offset within that month, scrambled. A month has fewer microseconds (at most
   * 2.68 × 10^12) than eight base-36 characters have values (2.82 × 10^12), so within the 26-year
   * cycle of the year letter different issue numbers always give different receipts.
   */
  static String receiptFor(long issueNumber) {
    Instant at = Instant.EPOCH.plus(issueNumber, ChronoUnit.MICROS);
    ZonedDateTime local = at.atZone(EmulatorClock.EAT);
    Instant monthStart = local.withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS).toInstant();
    long offset = ChronoUnit.MICROS.between(monthStart, at);
    char year = (char) ('A' + Math.floorMod(local.getYear() - 2006, 26));
    char month = (char) ('A' + local.getMonthValue() - 1);
    String body = Long.toString(scramble(offset), 36).toUpperCase(Locale.ROOT);
    return year + String.valueOf(month) + "0".repeat(8 - body.length()) + body;
  }

  /**
   * A bijection of {@code [0, 36^8)} onto itself: a four-round Feistel network over two base-36
   * halves. Each round maps (left, right) to (right, left + f(right)), which can be undone whatever
   * f is, so distinct inputs stay distinct while neighbouring ones come out unrelated.
   */
  static long scramble(long value) {
    if (value < 0 || value >= RECEIPT_BODY_VALUES) {
      throw new IllegalArgumentException("outside the receipt space: " + value);
    }
    long left = value / HALF_BODY_VALUES;
    long right = value % HALF_BODY_VALUES;
    for (long key : ROUND_KEYS) {
      long next = (left + Math.floorMod(mix64(right ^ key), HALF_BODY_VALUES)) % HALF_BODY_VALUES;
      left = right;
      right = next;
    }
    return left * HALF_BODY_VALUES + right;
  }

  /** An opaque 28-character OAuth access token. */
  public String accessToken() {
    StringBuilder token = new StringBuilder(28);
    for (int i = 0; i < 28; i++) {
      token.append(TOKEN_CHARS[random.nextInt(TOKEN_CHARS.length)]);
    }
    return token.toString();
  }

  /** A pull-registration reference, {@code feb5e3f2-fbc-4745-844c-ee37b546f627}. */
  public String uuid() {
    String unique = uniqueHex();
    return unique.substring(0, 8)
        + "-"
        + unique.substring(8, 12)
        + "-"
        + unique.substring(12, 16)
        + "-"
        + hex(4)
        + "-"
        + hex(12);
  }

  /** {@code n} random lowercase hex digits. */
  public String hex(int n) {
    char[] out = new char[n];
    for (int i = 0; i < n; i++) {
      out[i] = HEX[random.nextInt(16)];
    }
    return new String(out);
  }

  /**
   * The next issue number: this emulator's start in microseconds since the epoch plus how many it
   * issued before. Waits rather than get ahead of the real clock, which keeps every number it
   * issues below the start of any emulator started after this call; at one number a microsecond it
   * never waits in practice (an emulator serves far fewer requests than that).
   */
  private long nextIssueNumber() {
    long n = issued.getAndIncrement();
    long aheadMicros;
    while ((aheadMicros = n - (System.nanoTime() - startNanos) / 1_000) > 0) {
      LockSupport.parkNanos(aheadMicros * 1_000);
    }
    return startMicros + n;
  }

  /** 16 lowercase hex digits that no other call, here or in a later emulator, returns. */
  private String uniqueHex() {
    String hex = Long.toHexString(mix64(nextIssueNumber()));
    return "0".repeat(16 - hex.length()) + hex;
  }

  private String guidLike(int digits) {
    String unique = uniqueHex();
    StringBuilder id =
        new StringBuilder(unique.substring(0, 4))
            .append('-')
            .append(unique, 4, 8)
            .append('-')
            .append(unique, 8, 12)
            .append('-')
            .append(unique, 12, 16)
            .append(hex(8));
    long n = sequence.incrementAndGet();
    String tail = Long.toString(n);
    for (int i = tail.length(); i < digits; i++) {
      id.append('0');
    }
    return id.append(tail).toString();
  }

  /**
   * MurmurHash3's 64-bit finaliser: each xor-shift and each multiplication by an odd constant can
   * be undone, so it is a bijection of the longs that spreads neighbouring inputs over all bits.
   */
  private static long mix64(long z) {
    z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
    z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
    return z ^ (z >>> 33);
  }
}
