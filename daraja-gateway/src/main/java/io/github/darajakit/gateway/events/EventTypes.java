package io.github.darajakit.gateway.events;

import io.github.darajakit.gateway.payments.PaymentStatus;
import io.github.darajakit.gateway.payouts.Payout;
import io.github.darajakit.gateway.payouts.PayoutBatch;
import io.github.darajakit.gateway.payouts.PayoutBatchService;
import io.github.darajakit.gateway.payouts.PayoutStatus;
import io.github.darajakit.gateway.reversals.ReversalStatus;
import java.util.Set;
import java.util.TreeSet;

/** Every event type the gateway emits: webhook subscriptions are checked against it. */
public final class EventTypes {

  /** A payment first needs a person (see its {@code needs_attention}). */
  public static final String PAYMENT_NEEDS_ATTENTION = "payment.needs_attention";

  /** A C2B payment was recorded (from its confirmation, or recovered by Pull Transactions). */
  public static final String C2B_PAYMENT_RECEIVED = "c2b_payment.received";

  /** A payout first needs a person (see its {@code needs_attention}). */
  public static final String PAYOUT_NEEDS_ATTENTION = "payout.needs_attention";

  /** A reversal first needs a person (see its {@code needs_attention}). */
  public static final String REVERSAL_NEEDS_ATTENTION = "reversal.needs_attention";

  /** A C2B payment's money was given back by a reversal. */
  public static final String C2B_PAYMENT_REVERSED = "c2b_payment.reversed";

  /** A B2B payment first needs a person (see its {@code needs_attention}). */
  public static final String B2B_PAYMENT_NEEDS_ATTENTION = "b2b_payment.needs_attention";

  /**
   * All of them, sorted: {@code payment.<status>} and {@code payout.<status>} for each status, and
   * the ones above.
   */
  public static final Set<String> ALL;

  static {
    Set<String> all = new TreeSet<>();
    for (PaymentStatus status : PaymentStatus.values()) {
      all.add(status.eventType());
    }
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
    all.add(PAYMENT_NEEDS_ATTENTION);
    all.add(PAYOUT_NEEDS_ATTENTION);
    all.add(B2B_PAYMENT_NEEDS_ATTENTION);
    for (ReversalStatus status : ReversalStatus.values()) {
      all.add(status.eventType());
    }
    all.add(REVERSAL_NEEDS_ATTENTION);
    all.add(C2B_PAYMENT_REVERSED);
    all.add(C2B_PAYMENT_RECEIVED);
    ALL = java.util.Collections.unmodifiableSet(all);
  }

  private EventTypes() {}
}
