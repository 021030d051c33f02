package io.github.darajakit.gateway.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/** The real time plus an offset tests can move forward, so schedules fire without sleeping. */
public final class TestClock extends Clock {

  private final AtomicLong offset = new AtomicLong();

  public void advance(Duration by) {
    offset.addAndGet(by.toMillis());
  }

  /** Moves the clock to {@code at} (forward or back); it keeps ticking from there. */
  public void setTo(Instant at) {
    offset.set(at.toEpochMilli() - System.currentTimeMillis());
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }

  @Override
  public Instant instant() {
    return Instant.ofEpochMilli(millis());
  }

  @Override
  public long millis() {
    return System.currentTimeMillis() + offset.get();
  }
}
