package io.github.darajakit.gateway.payouts;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Where a payout stands. The transitions:
 *
 * <pre>
 * QUEUED (in a batch) ──picked to send──▶ CREATED     QUEUED ──batch cancelled──▶ CANCELLED
 * CREATED ──B2C accepted──▶ SUBMITTED ──Result──▶ SUCCEEDED | FAILED
 *    │                          │
 *    ├──refused before running──┼──────────────────▶ FAILED
 *    │                          └──queue timeout──▶ UNKNOWN
 *    ├──Result before the acknowledgement was recorded──▶ SUCCEEDED | FAILED
 *    ├──answer lost──▶ UNKNOWN ──evidence (Result, Transaction Status)──▶ SUCCEEDED | FAILED
 *    └──SpikeArrest (refused, nothing ran)──▶ QUEUED, when it is a batch's
 * FAILED ──resubmitted by the merchant──▶ CREATED (under a new OriginatorConversationID)
 * </pre>
 *
 * <p>Nothing leaves SUCCEEDED or CANCELLED. FAILED is left only when the merchant asks for the
 * payout to be sent again: FAILED is proof that nothing was paid. A payout goes back to QUEUED only
 * when Daraja refused it before running it (SpikeArrest); a payout whose call may have reached
 * Daraja (UNKNOWN) is never sent again.
 */
public enum PayoutStatus {
  /** A batch's row, waiting for the batch to be confirmed and for its turn to be sent. */
  QUEUED,
  /** Recorded, not yet sent to Daraja (or sent with the answer not yet written down). */
  CREATED,
  /** Daraja accepted the request; its Result is awaited. */
  SUBMITTED,
  /** It may or may not have been paid: the answer was lost, or Daraja's queue timed out. */
  UNKNOWN,
  SUCCEEDED,
  FAILED,
  /** A batch's row that was never sent, because the batch was cancelled. */
  CANCELLED;

  /** True for settled states: no evidence changes them (FAILED is left only by a resubmission). */
  public boolean isTerminal() {
    return this == SUCCEEDED || this == FAILED || this == CANCELLED;
  }

  /** Whether the table above allows going from this state to {@code next}. */
  public boolean canMoveTo(PayoutStatus next) {
    return switch (this) {
      case QUEUED -> next == CREATED || next == CANCELLED;
      // A Result can overtake the acknowledgement it follows: it settles a CREATED payout too.
      case CREATED -> next != CREATED && next != CANCELLED;
      case SUBMITTED -> next == SUCCEEDED || next == FAILED || next == UNKNOWN;
      case UNKNOWN -> next == SUCCEEDED || next == FAILED;
      case FAILED -> next == CREATED;
      case SUCCEEDED, CANCELLED -> false;
    };
  }

  /**
   * The status the merchant API shows: {@code pending} for CREATED and SUBMITTED, else the name in
   * lower case.
   */
  public String apiName() {
    return switch (this) {
      case CREATED, SUBMITTED -> "pending";
      default -> name().toLowerCase(Locale.ROOT);
    };
  }

  /**
   * The event type of arriving in this state: {@code payout.created}, {@code payout.failed}, {@code
   * b2b_payment.succeeded}…
   */
  public String eventType(Payout.Kind kind) {
    return kind.object() + "." + name().toLowerCase(Locale.ROOT);
  }

  /** The states an API status filter covers; empty if the name is not one. */
  public static Set<PayoutStatus> forApiName(String name) {
    EnumSet<PayoutStatus> states = EnumSet.noneOf(PayoutStatus.class);
    for (PayoutStatus status : values()) {
      if (status.apiName().equals(name)) {
        states.add(status);
      }
    }
    return states;
  }
}
