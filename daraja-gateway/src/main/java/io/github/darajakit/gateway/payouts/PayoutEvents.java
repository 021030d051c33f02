package io.github.darajakit.gateway.payouts;

import java.util.Set;
import java.util.TreeSet;

/** The events of B2C payouts, their batches, and B2B payments. */
public final class PayoutEvents {

  private PayoutEvents() {}

  /**
   * {@code payout.<status>}, {@code b2b_payment.<status>} and {@code payout_batch.<status>} for
   * each status an event is sent for, and each kind's {@code needs_attention}.
   */
  public static Set<String> all() {
    Set<String> all = new TreeSet<>();
    for (PayoutStatus status : PayoutStatus.values()) {
      if (status != PayoutStatus.QUEUED) { // a batch's rows are created with the batch's event
        all.add(status.eventType(Payout.Kind.B2C));
      }
      if (status != PayoutStatus.QUEUED && status != PayoutStatus.CANCELLED) { // no B2B batches
        all.add(status.eventType(Payout.Kind.B2B));
      }
    }
    for (PayoutBatch.Status status : PayoutBatch.Status.values()) {
      all.add(PayoutBatchService.eventType(status));
    }
    for (Payout.Kind kind : Payout.Kind.values()) {
      all.add(needsAttention(kind));
    }
    return all;
  }

  /** {@code payout.needs_attention} or {@code b2b_payment.needs_attention}. */
  public static String needsAttention(Payout.Kind kind) {
    return kind.object() + ".needs_attention";
  }
}
