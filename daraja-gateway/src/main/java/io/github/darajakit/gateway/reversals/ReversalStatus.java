package io.github.darajakit.gateway.reversals;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Where a reversal stands. The transitions:
 *
 * <pre>
 * CREATED ──accepted──▶ SUBMITTED ──Result──▶ SUCCEEDED | FAILED
 *    │                      └──queue timeout──▶ UNKNOWN
 *    ├──refused before running──▶ FAILED
 *    ├──Result before the acknowledgement was recorded──▶ SUCCEEDED | FAILED
 *    └──answer lost──▶ UNKNOWN ──evidence (Result, Transaction Status)──▶ SUCCEEDED | FAILED
 * </pre>
 *
 * <p>Nothing leaves SUCCEEDED or FAILED. A reversal is never sent again by the gateway; once one is
 * FAILED the merchant may ask for a new one of the same receipt.
 */
public enum ReversalStatus {
  /** Recorded, not yet sent (or sent with the answer not yet written down). */
  CREATED,
  /** Daraja accepted the request; its Result is awaited. */
  SUBMITTED,
  /** It may or may not have been reversed: the answer was lost, or Daraja's queue timed out. */
  UNKNOWN,
  SUCCEEDED,
  FAILED;

  /** True for states nothing can leave. */
  public boolean isTerminal() {
    return this == SUCCEEDED || this == FAILED;
  }

  /** Whether the table above allows going from this state to {@code next}. */
  public boolean canMoveTo(ReversalStatus next) {
    return switch (this) {
      case CREATED -> next != CREATED;
      case SUBMITTED -> next == SUCCEEDED || next == FAILED || next == UNKNOWN;
      case UNKNOWN -> next == SUCCEEDED || next == FAILED;
      // Evidence that money went back beats an earlier report that it did not (flagged).
      case FAILED -> next == SUCCEEDED;
      case SUCCEEDED -> false;
    };
  }

  /** The API name: {@code pending} for CREATED and SUBMITTED, else the name in lower case. */
  public String apiName() {
    return switch (this) {
      case CREATED, SUBMITTED -> "pending";
      default -> name().toLowerCase(Locale.ROOT);
    };
  }

  /** {@code reversal.created}, {@code reversal.succeeded}… */
  public String eventType() {
    return "reversal." + name().toLowerCase(Locale.ROOT);
  }

  /** The states an API status filter covers; empty if the name is not one. */
  public static Set<ReversalStatus> forApiName(String name) {
    EnumSet<ReversalStatus> states = EnumSet.noneOf(ReversalStatus.class);
    for (ReversalStatus status : values()) {
      if (status.apiName().equals(name)) {
        states.add(status);
      }
    }
    return states;
  }
}
