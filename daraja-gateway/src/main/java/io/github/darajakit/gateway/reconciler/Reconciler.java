package io.github.darajakit.gateway.reconciler;

import java.time.Duration;

/**
 * Settles what no callback settled: each money flow that sends something Daraja may never answer
 * brings one. It asks Daraja (never sends money again) about what is due, and puts before a person
 * what it cannot settle.
 */
public interface Reconciler extends AutoCloseable {

  /** The most one round looks at; a round that looks at this many may have left more. */
  int ROUND = 50;

  /** Looks at what is due now; returns how many it looked at (at most {@link #ROUND}). */
  int reconcileDue();

  /** Starts its rounds on its own thread, every {@code every}. */
  void start(Duration every);

  /** Stops its rounds. */
  @Override
  void close();
}
