package io.github.darajakit.gateway.initiator;

import io.github.darajakit.client.callbacks.StkPayment;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.Optional;

/** Checks every flow makes of a Result's evidence against the operation it names. */
public final class Evidence {

  private Evidence() {}

  /**
   * Why the amount a Result reports is not the operation's, if it is not: a Result without an
   * amount cannot be checked, so it disagrees too.
   *
   * @param expected the operation's whole KES
   */
  public static Optional<String> amountDisagreement(Optional<BigDecimal> amount, long expected) {
    if (amount.isEmpty()) {
      return Optional.of("no amount, so it cannot be checked against KES " + expected);
    }
    if (amount.get().compareTo(BigDecimal.valueOf(expected)) != 0) {
      return Optional.of("amount " + amount.get() + " instead of " + expected);
    }
    return Optional.empty();
  }

  /** A time Daraja gives in East Africa Time, as epoch ms; now if it gave none. */
  public static long millis(Optional<LocalDateTime> eat, Clock clock) {
    return eat.map(t -> t.atZone(StkPayment.EAT).toInstant().toEpochMilli()).orElse(clock.millis());
  }
}
