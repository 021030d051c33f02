package io.github.darajakit.gateway.payouts;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Where a payout stands. The transitions:
 *
 * <pre>
 * QUEUED (in a batch) ──claimed to send──▶ CREATED    QUEUED ──batch cancelled──▶ CANCELLED
 * CREATED ──B2C accepted──▶ SUBMITTED ──Result──▶ SUCCEEDED | FAILED
 *    │                          │
 *    ├──refused before running──┼──────────────────▶ FAILED
 *    │                          └──queue timeout, or no answer to any question──▶ UNKNOWN
 *    ├──Result before the acknowledgement was recorded──▶ SUCCEEDED | FAILED
 *    ├──answer lost, or "Duplicate OriginatorConversationID"──▶ UNKNOWN
 *    │                     UNKNOWN ──evidence (Result, Transaction Status)──▶ SUCCEEDED | FAILED
 *    └──SpikeArrest (refused, nothing ran)──▶ QUEUED, when it is a batch's
 * CREATED ──a check before sending held it (payouts.simSwapGuard, payouts.nameCheck)──▶ HELD
 *    HELD ──approved by another API key──▶ CREATED (then sent, unchecked)
 *    HELD ──rejected, or its batch cancelled──▶ CANCELLED
 * FAILED ──resubmitted by the merchant──▶ CREATED (under a new OriginatorConversationID)
 * FAILED, CANCELLED, QUEUED, HELD ──a Result or Transaction Status proves it was paid──▶ SUCCEEDED,
 *    flagged for a person
 * </pre>
 *
 * <p>Nothing leaves SUCCEEDED. FAILED is left when the merchant asks for the payout to be sent
 * again — FAILED is meant as proof that nothing was paid — or when evidence of payment contradicts
 * it: money that moved is never hidden behind a status that invites paying again. Only one request
 * can move a payout out of QUEUED, HELD or FAILED towards sending (a compare-and-set on the row's
 * version): that request alone sends it. A HELD payout was never sent on its current attempt; only
 * a person moves it on. A payout goes back to QUEUED only when Daraja refused it before running it
 * (SpikeArrest); a payout whose call may have reached Daraja (UNKNOWN) is never sent again.
 */
public enum PayoutStatus {
  /** A batch's row, waiting for the batch to be confirmed and for its turn to be sent. */
  QUEUED,
  /** Recorded, not yet sent to Daraja (or sent with the answer not yet written down). */
  CREATED,
  /**
   * Not sent: a check before sending found something against it, or could not be answered. Waits
   * for an API key other than its maker's to approve it, or for anyone to reject it.
   */
  HELD,
  /** Daraja accepted the request; its Result is awaited. */
  SUBMITTED,
  /** It may or may not have been paid: the answer was lost, or Daraja's queue timed out. */
  UNKNOWN,
  SUCCEEDED,
  FAILED,
  /** A batch's row that was never sent, because the batch was cancelled. */
  CANCELLED;

  /**
   * True for settled states: nothing more is awaited. Only evidence of payment (flagged) or a
   * resubmission of a FAILED one moves them on.
   */
  public boolean isTerminal() {
    return this == SUCCEEDED || this == FAILED || this == CANCELLED;
  }

  /** Whether the table above allows going from this state to {@code next}. */
  public boolean canMoveTo(PayoutStatus next) {
    return switch (this) {
      case QUEUED -> next == CREATED || next == CANCELLED || next == SUCCEEDED;
      // A Result can overtake the acknowledgement it follows: it settles a CREATED payout too.
      case CREATED -> next != CREATED && next != CANCELLED;
      // An earlier attempt's success still wins (a resubmitted payout held on its new attempt).
      case HELD -> next == CREATED || next == CANCELLED || next == SUCCEEDED;
      case SUBMITTED -> next == SUCCEEDED || next == FAILED || next == UNKNOWN;
      case UNKNOWN -> next == SUCCEEDED || next == FAILED;
      // Evidence of payment beats an earlier belief that nothing was (or would be) paid.
      case FAILED -> next == CREATED || next == SUCCEEDED;
      case CANCELLED -> next == SUCCEEDED;
      case SUCCEEDED -> false;
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
