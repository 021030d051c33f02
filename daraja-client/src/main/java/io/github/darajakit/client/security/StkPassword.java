package io.github.darajakit.client.security;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Locale;

/**
 * The Lipa na M-Pesa Online {@code Password} and {@code Timestamp} pair: {@code
 * Base64(BusinessShortCode + Passkey + Timestamp)} with {@code Timestamp = yyyyMMddHHmmss}
 * (REFERENCE §20). Daraja does not document the time zone; East Africa Time is the default and UTC
 * has been seen to work too.
 *
 * @param password the Base64 password
 * @param timestamp the timestamp used inside it, to send alongside
 */
public record StkPassword(String password, String timestamp) {

  /** Nairobi time, the default zone of the timestamp. */
  public static final ZoneId EAST_AFRICA = ZoneId.of("Africa/Nairobi");

  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("uuuuMMddHHmmss", Locale.ROOT);

  /** A password for now, read from {@code clock} in {@code zone}. */
  public static StkPassword now(String shortCode, String passkey, Clock clock, ZoneId zone) {
    String timestamp = TIMESTAMP.format(LocalDateTime.ofInstant(clock.instant(), zone));
    return new StkPassword(encode(shortCode, passkey, timestamp), timestamp);
  }

  /** The password for a given timestamp. */
  public static String encode(String shortCode, String passkey, String timestamp) {
    return Base64.getEncoder()
        .encodeToString((shortCode + passkey + timestamp).getBytes(StandardCharsets.UTF_8));
  }

  /** Never prints the password. */
  @Override
  public String toString() {
    return "StkPassword[timestamp=" + timestamp + ", password=***]";
  }
}
