package io.github.darajakit.emulator.internal.world;

import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * What the network knows about a customer's SIM (REFERENCE §16, IMSI and SIM swap checks): the IMSI
 * in it, when the number was registered, and when the SIM was last swapped.
 *
 * @param imsi 15 digits: Safaricom's {@code 63902} and a 10-digit subscriber number
 * @param registrationDate when the MSISDN was registered
 * @param lastSwap when the SIM was last swapped (East Africa Time), or {@code null} if never
 */
public record SimCard(String imsi, LocalDate registrationDate, LocalDateTime lastSwap) {

  /** The registration date of every customer nobody changed. */
  public static final LocalDate DEFAULT_REGISTRATION = LocalDate.of(2019, 1, 1);

  /** Validates the facts, as the admin API receives them. */
  public SimCard {
    if (imsi == null || !imsi.matches("\\d{15}")) {
      throw new IllegalArgumentException("imsi must be 15 digits, got " + imsi);
    }
    if (registrationDate == null) {
      throw new IllegalArgumentException("registrationDate is required");
    }
    if (lastSwap != null && lastSwap.toLocalDate().isBefore(registrationDate)) {
      throw new IllegalArgumentException(
          "lastSwapDate " + lastSwap + " is before registrationDate " + registrationDate);
    }
  }

  /**
   * The facts of a customer nobody changed, derived from the number alone so that every run gives
   * the same answers: IMSI {@code 639020} + the 9-digit national number, registered on {@link
   * #DEFAULT_REGISTRATION}, never swapped.
   */
  public static SimCard defaultFor(String msisdn) {
    return new SimCard(
        "639020" + msisdn.substring(msisdn.length() - 9), DEFAULT_REGISTRATION, null);
  }

  /** The same SIM, swapped at {@code when}. */
  public SimCard swappedAt(LocalDateTime when) {
    return new SimCard(imsi, registrationDate, when);
  }
}
