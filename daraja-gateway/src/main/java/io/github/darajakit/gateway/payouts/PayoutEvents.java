package io.github.darajakit.gateway.payouts;

import java.util.Set;
import java.util.TreeSet;

/** The events of B2C payouts, their batches, and B2B payments. */
public final class PayoutEvents {

  private PayoutEvents() {}

  /**
   * {@code payout.<status>}, {@code b2b_payment.<status>} and {@code payout_batch.<status>} for
   * each status an event is sent for, each kind's {@code needs_attention}, and a held payout's
   * {@code payout.approved} and {@code payout.rejected}.
   */
  public static Set<String> all() {
    Set<String> all = new TreeSet<>();
    for (PayoutStatus status : PayoutStatus.values()) {
      if (status != PayoutStatus.QUEUED) { // a batch's rows are created with the batch's event
        all.add(status.eventType(Payout.Kind.B2C));
      }
      // No B2B batches, and no checks before a B2B payment is sent.
      if (status != PayoutStatus.QUEUED
          && status != PayoutStatus.CANCELLED
          && status != PayoutStatus.HELD) {
        all.add(status.eventType(Payout.Kind.B2B));
      }
    }
    for (Payout.Review.Decision decision : Payout.Review.Decision.values()) {
      all.add(reviewed(decision));
    }
    for (PayoutBatch.Status status : PayoutBatch.Status.values()) {
      all.add(PayoutBatchService.eventType(status));
    }
    for (Payout.Kind kind : Payout.Kind.values()) {
      all.add(needsAttention(kind));
    }
    return all;
  }

  /** {@code payout.approved} or {@code payout.rejected}: a person's decision on a held payout. */
  public static String reviewed(Payout.Review.Decision decision) {
    return Payout.Kind.B2C.object() + "." + decision.apiName();
  }

  /** {@code payout.needs_attention} or {@code b2b_payment.needs_attention}. */
  public static String needsAttention(Payout.Kind kind) {
    return kind.object() + ".needs_attention";
  }
}
