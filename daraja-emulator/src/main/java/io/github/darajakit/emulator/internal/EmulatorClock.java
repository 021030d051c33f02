package io.github.darajakit.emulator.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The emulator's notion of now: a base clock plus an offset the admin API can advance, so tests can
 * expire tokens or age transactions without sleeping. Daraja prints local times in East Africa
 * Time.
 */
public final class EmulatorClock extends Clock {

  /** Nairobi: every Daraja timestamp (TransactionDate, TransTime…) is in this zone. */
  public static final ZoneId EAT = ZoneId.of("Africa/Nairobi");

  private final Clock base;
  private final AtomicLong offsetMillis = new AtomicLong();

  public EmulatorClock(Clock base) {
    this.base = base;
  }

  /** Moves this clock forward (or back, for a negative duration). */
  public void advance(Duration by) {
    offsetMillis.addAndGet(by.toMillis());
  }

  /** Removes any offset. */
  public void resetOffset() {
    offsetMillis.set(0);
  }

  /** Current offset from the base clock. */
  public Duration offset() {
    return Duration.ofMillis(offsetMillis.get());
  }

  /** Now, as a local date-time in Nairobi. */
  public LocalDateTime nowEat() {
    return LocalDateTime.ofInstant(instant(), EAT);
  }

  @Override
  public ZoneId getZone() {
    return EAT;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("the emulator clock is always in EAT");
  }

  @Override
  public Instant instant() {
    return base.instant().plusMillis(offsetMillis.get());
  }

  @Override
  public long millis() {
    return base.millis() + offsetMillis.get();
  }
}
