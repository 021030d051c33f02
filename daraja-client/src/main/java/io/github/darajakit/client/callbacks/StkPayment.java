package io.github.darajakit.client.callbacks;

import io.github.darajakit.client.DarajaValidationException;
import io.github.darajakit.client.Msisdn;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Optional;

/**
 * What a successful STK push paid: the callback's {@code CallbackMetadata} (REFERENCE §4.2).
 *
 * @param amount the amount paid, exact, as Daraja wrote it: often with two decimals ({@code
 *     150.00}), so compare it with {@code compareTo}, not {@code equals}, or read {@link
 *     #amountKes()}
 * @param mpesaReceiptNumber the M-Pesa receipt, e.g. {@code NLJ7RT61SV}
 * @param transactionDate when M-Pesa completed it, East Africa Time wall-clock
 * @param phoneNumber the paying phone as Daraja sent it (usually {@code 2547XXXXXXXX}); {@code ""}
 *     if absent
 * @param balance the {@code Balance} item when it carries a value; it almost never does
 */
public record StkPayment(
    BigDecimal amount,
    String mpesaReceiptNumber,
    LocalDateTime transactionDate,
    String phoneNumber,
    Optional<BigDecimal> balance) {

  /** Daraja's times are East Africa Time (UTC+3, no daylight saving). */
  public static final ZoneId EAT = ZoneId.of("Africa/Nairobi");

  /**
   * The amount in whole KES, the unit every STK push is made in: {@code 150} for {@code 150.00},
   * comparable with the {@code long} amount you pushed. STK push takes whole shillings only, so a
   * fraction would be a callback that is not about your push.
   *
   * @throws ArithmeticException if the amount has cents (then read {@link #amount()})
   */
  public long amountKes() {
    BigDecimal whole = amount.stripTrailingZeros();
    if (whole.scale() > 0) {
      throw new ArithmeticException(
          "STK amount " + amount.toPlainString() + " is not whole KES: read amount() instead");
    }
    return whole.longValueExact();
  }

  /** {@link #transactionDate()} as an instant. */
  public Instant transactionInstant() {
    return transactionDate.atZone(EAT).toInstant();
  }

  /**
   * The paying phone as an {@link Msisdn}, or empty if Daraja sent something that is not a Kenyan
   * mobile number (an aggregator's mask, an empty value).
   */
  public Optional<Msisdn> msisdn() {
    try {
      return Optional.of(Msisdn.parse("PhoneNumber", phoneNumber));
    } catch (DarajaValidationException notKenyan) {
      return Optional.empty();
    }
  }

  /** Masks the phone: a payment printed by accident never lands in a log in full. */
  @Override
  public String toString() {
    return "StkPayment[amount="
        + amount.toPlainString()
        + ", mpesaReceiptNumber="
        + mpesaReceiptNumber
        + ", transactionDate="
        + transactionDate
        + ", phone="
        + msisdn().map(Msisdn::masked).orElse(phoneNumber.isEmpty() ? "" : "(unrecognised)")
        + ", balance="
        + balance.map(BigDecimal::toPlainString).orElse("none")
        + "]";
  }
}
