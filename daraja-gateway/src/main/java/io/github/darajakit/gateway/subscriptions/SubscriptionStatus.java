package io.github.darajakit.gateway.subscriptions;

import java.util.Locale;
import java.util.Optional;

/**
 * The life of a subscription: an explicit transition table; cancelled and ended absorb.
 *
 * <pre>
 * PENDING ──standing order approved──▶ TRIALING | ACTIVE      (Ratiba only)
 *    └──────refused or failed────────▶ CANCELLED
 * TRIALING ──first period invoiced──▶ ACTIVE
 * ACTIVE ──a charge failed──▶ PAST_DUE ──a charge succeeded──▶ ACTIVE
 * TRIALING | ACTIVE | PAST_DUE ──pause──▶ PAUSED ──resume──▶ TRIALING | ACTIVE | PAST_DUE
 * any but CANCELLED, ENDED ──cancel (now, at period end, after the last try)──▶ CANCELLED
 * any but PENDING, CANCELLED, ENDED ──end date reached──▶ ENDED
 * </pre>
 */
public enum SubscriptionStatus {
  /** A Ratiba subscription waiting for the customer to approve the standing order. */
  PENDING,
  /** In its trial: nothing billed yet. */
  TRIALING,
  /** Billed each period, with nothing overdue. */
  ACTIVE,
  /** A period's charge failed and is being retried, or needs the merchant. */
  PAST_DUE,
  /** Nothing is invoiced or charged until resumed. */
  PAUSED,
  /** Stopped by the merchant, by a refused standing order, or after the last try. */
  CANCELLED,
  /** Its end date came: every period up to it was invoiced. */
  ENDED;

  /** True for CANCELLED and ENDED: nothing moves them again. */
  public boolean isTerminal() {
    return this == CANCELLED || this == ENDED;
  }

  /** Whether periods are invoiced and charged in this state. */
  public boolean isBilling() {
    return this == TRIALING || this == ACTIVE || this == PAST_DUE;
  }

  /** Whether the table allows going from this state to {@code next}. */
  public boolean canMoveTo(SubscriptionStatus next) {
    return switch (this) {
      case PENDING -> next == TRIALING || next == ACTIVE || next == CANCELLED;
      case TRIALING -> next == ACTIVE || next == PAUSED || next == CANCELLED || next == ENDED;
      case ACTIVE -> next == PAST_DUE || next == PAUSED || next == CANCELLED || next == ENDED;
      case PAST_DUE -> next == ACTIVE || next == PAUSED || next == CANCELLED || next == ENDED;
      case PAUSED ->
          next == TRIALING
              || next == ACTIVE
              || next == PAST_DUE
              || next == CANCELLED
              || next == ENDED;
      case CANCELLED, ENDED -> false;
    };
  }

  /** The name in the API: {@code past_due}… */
  public String apiName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The event type for arriving in this state, e.g. {@code subscription.past_due}. */
  public String eventType() {
    return switch (this) {
      case ACTIVE -> SubscriptionEvents.ACTIVATED;
      default -> "subscription." + apiName();
    };
  }

  /** The status with this API name. */
  public static Optional<SubscriptionStatus> forApiName(String name) {
    for (SubscriptionStatus status : values()) {
      if (status.apiName().equals(name)) {
        return Optional.of(status);
      }
    }
    return Optional.empty();
  }
}
