package io.github.darajakit.gateway.b2bcollections;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Where a B2B collection stands. The transitions:
 *
 * <pre>
 * CREATED ──push accepted──▶ PENDING ──callback──▶ SUCCEEDED | FAILED
 *    │                          └──no callback by the deadline──▶ UNKNOWN (and before a person)
 *    ├──push refused──▶ FAILED
 *    ├──callback before the acknowledgement was recorded──▶ SUCCEEDED | FAILED
 *    └──answer lost──▶ UNKNOWN ──callback──▶ SUCCEEDED | FAILED
 * FAILED ──a success callback after all──▶ SUCCEEDED (and before a person)
 * </pre>
 *
 * <p>A push is never sent again: a second push is a second prompt the till's operator may pay too.
 * B2B Express Checkout has no query API, so only its callback settles a collection; one whose
 * callback never comes is put before a person, who checks the receiving shortcode's statement.
 */
public enum B2bCollectionStatus {
  /** Recorded, not yet sent (or sent with the answer not yet written down). */
  CREATED,
  /** Daraja accepted the push: the till's operator has the prompt; the callback is awaited. */
  PENDING,
  /** The till may or may not have paid: the push's answer was lost, or no callback came. */
  UNKNOWN,
  /** Paid: the callback carried M-Pesa's receipt. */
  SUCCEEDED,
  /** Not paid: Daraja refused the push, or the callback said it failed. */
  FAILED;

  /** True for the settled states. */
  public boolean isTerminal() {
    return this == SUCCEEDED || this == FAILED;
  }

  /** Whether the table above allows going from this state to {@code next}. */
  public boolean canMoveTo(B2bCollectionStatus next) {
    return switch (this) {
      // A callback may overtake the acknowledgement it follows.
      case CREATED -> next != CREATED;
      case PENDING -> next == SUCCEEDED || next == FAILED || next == UNKNOWN;
      case UNKNOWN -> next == SUCCEEDED || next == FAILED;
      // Evidence that the till paid beats an earlier report that it did not (flagged).
      case FAILED -> next == SUCCEEDED;
      case SUCCEEDED -> false;
    };
  }

  /** The API name: {@code pending} for CREATED and PENDING, else the name in lower case. */
  public String apiName() {
    return this == CREATED ? "pending" : name().toLowerCase(Locale.ROOT);
  }

  /** {@code b2b_collection.created}, {@code b2b_collection.succeeded}… */
  public String eventType() {
    return "b2b_collection." + name().toLowerCase(Locale.ROOT);
  }

  /** The states an API status filter covers; empty if the name is not one. */
  public static Set<B2bCollectionStatus> forApiName(String name) {
    EnumSet<B2bCollectionStatus> states = EnumSet.noneOf(B2bCollectionStatus.class);
    for (B2bCollectionStatus status : values()) {
      if (status.apiName().equals(name)) {
        states.add(status);
      }
    }
    return states;
  }
}
