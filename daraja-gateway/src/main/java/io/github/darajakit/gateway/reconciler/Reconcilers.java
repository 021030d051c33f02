package io.github.darajakit.gateway.reconciler;

import java.time.Duration;
import java.util.List;

/** The reconcilers of every money flow, run together. */
public final class Reconcilers implements AutoCloseable {

  private final List<Reconciler> all;

  public Reconcilers(List<Reconciler> all) {
    this.all = List.copyOf(all);
  }

  /** Starts each on its own schedule. */
  public void start(Duration every) {
    all.forEach(r -> r.start(every));
  }

  /**
   * Runs every reconciler over everything due now, again while any finds a full round; returns how
   * many rows they looked at in all.
   */
  public int reconcileAll() {
    int total = 0;
    boolean full;
    do {
      full = false;
      for (Reconciler reconciler : all) {
        int round = reconciler.reconcileDue();
        total += round;
        full |= round == Reconciler.ROUND; // a full round: maybe more
      }
    } while (full);
    return total;
  }

  @Override
  public void close() {
    all.forEach(Reconciler::close);
  }
}
