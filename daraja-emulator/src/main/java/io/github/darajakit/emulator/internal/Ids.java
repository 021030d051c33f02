package io.github.darajakit.emulator.internal;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Generates identifiers in the shapes Daraja uses (REFERENCE §1.7). Random parts come from one
 * seeded generator so a run can be repeated; uniqueness where it matters comes from a sequence.
 */
public final class Ids {

  private static final char[] HEX = "0123456789abcdef".toCharArray();
  private static final char[] ALPHANUMERIC = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ".toCharArray();
  private static final char[] TOKEN_CHARS =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
  private static final DateTimeFormatter CHECKOUT_TIME =
      DateTimeFormatter.ofPattern("ddMMuuuuHHmmss", Locale.ROOT);
  private static final DateTimeFormatter CONVERSATION_DAY =
      DateTimeFormatter.ofPattern("uuuuMMdd", Locale.ROOT);

  // java.util.Random is thread-safe; contention is negligible next to an HTTP request.
  private final Random random;
  private final AtomicLong sequence = new AtomicLong();

  /** A generator whose random parts follow from {@code seed}. */
  public Ids(long seed) {
    this.random = new Random(seed);
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
   * The three digits come from a sequence, so two pushes in one second never collide.
   */
  public String checkoutRequestId(LocalDateTime now, String msisdn) {
    long n = sequence.incrementAndGet() % 1000;
    return "ws_CO_"
        + CHECKOUT_TIME.format(now)
        + String.format(Locale.ROOT, "%03d", n)
        + msisdn.substring(msisdn.length() - 9);
  }

  /** {@code AG_20240706_20106e9209f64bebd05b}: ConversationID. */
  public String conversationId(LocalDateTime now) {
    return "AG_" + CONVERSATION_DAY.format(now) + "_" + hex(20);
  }

  /**
   * A 10-character receipt: year letter (N = 2019), month letter (A = January), then eight random
   * uppercase alphanumerics, as M-Pesa receipts look ({@code SG632NMUAB}).
   */
  public String receipt(LocalDateTime now) {
    char year = (char) ('A' + Math.floorMod(now.getYear() - 2006, 26));
    char month = (char) ('A' + now.getMonthValue() - 1);
    StringBuilder receipt = new StringBuilder(10).append(year).append(month);
    for (int i = 0; i < 8; i++) {
      receipt.append(ALPHANUMERIC[random.nextInt(ALPHANUMERIC.length)]);
    }
    return receipt.toString();
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
    return hex(8) + "-" + hex(4) + "-" + hex(4) + "-" + hex(4) + "-" + hex(12);
  }

  /** {@code n} lowercase hex digits. */
  public String hex(int n) {
    char[] out = new char[n];
    for (int i = 0; i < n; i++) {
      out[i] = HEX[random.nextInt(16)];
    }
    return new String(out);
  }

  private String guidLike(int digits) {
    StringBuilder id =
        new StringBuilder(hex(4))
            .append('-')
            .append(hex(4))
            .append('-')
            .append(hex(4))
            .append('-')
            .append(hex(12));
    long n = sequence.incrementAndGet();
    String tail = Long.toString(n);
    for (int i = tail.length(); i < digits; i++) {
      id.append('0');
    }
    return id.append(tail).toString();
  }
}
