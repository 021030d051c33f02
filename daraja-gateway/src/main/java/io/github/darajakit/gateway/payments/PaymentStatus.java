package io.github.darajakit.gateway.payments;

import io.github.darajakit.client.Outcome;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * The life of a payment (DESIGN §4): an explicit transition table, terminal states absorbing.
 *
 * <pre>
 * CREATED ──push accepted──▶ SUBMITTED ──callback/query──▶ SUCCEEDED | FAILED | CANCELLED | EXPIRED
 *    │                                                          ▲
 *    ├──push refused──▶ FAILED                                  │
 *    └──answer lost───▶ UNKNOWN ──evidence (query, pull)────────┘
 * SUCCEEDED ──reversal succeeded──▶ REVERSED
 * </pre>
 */
public enum PaymentStatus {
  /** Recorded, not yet sent to Daraja (or sent with the answer not yet written down). */
  CREATED,
  /** Daraja accepted the push: the customer has a prompt. */
  SUBMITTED,
  /** The push's outcome is unknown: it may have reached Daraja (timeout, dropped connection). */
  UNKNOWN,
  SUCCEEDED,
  FAILED,
  CANCELLED,
  EXPIRED,
  /** It succeeded, and a reversal has since given the money back to the customer. */
  REVERSED;

  private static final Set<PaymentStatus> TERMINAL =
      EnumSet.of(SUCCEEDED, FAILED, CANCELLED, EXPIRED, REVERSED);

  /**
   * True for settled states: no callback or query changes them (only a reversal moves SUCCEEDED on,
   * to REVERSED).
   */
  public boolean isTerminal() {
    return TERMINAL.contains(this);
  }

  /** Whether the table allows going from this state to {@code next}. */
  public boolean canMoveTo(PaymentStatus next) {
    return switch (this) {
      case CREATED -> next == SUBMITTED || next == FAILED || next == UNKNOWN;
      // Only a succeeded payment is ever reversed: REVERSED is reached from SUCCEEDED alone.
      case SUBMITTED -> next.isTerminal() && next != REVERSED;
      case UNKNOWN -> (next.isTerminal() && next != REVERSED) || next == SUBMITTED;
      case SUCCEEDED -> next == REVERSED;
      case FAILED, CANCELLED, EXPIRED, REVERSED -> false;
    };
  }

  /** The status the merchant API shows: {@code pending} for CREATED and SUBMITTED. */
  public String apiName() {
    return switch (this) {
      case CREATED, SUBMITTED -> "pending";
      default -> name().toLowerCase(Locale.ROOT);
    };
  }

  /**
   * The event type of arriving in this state: {@code payment.created}, {@code payment.submitted},
   * {@code payment.succeeded}…
   */
  public String eventType() {
    return "payment." + name().toLowerCase(Locale.ROOT);
  }

  /** The terminal state a final Daraja outcome leads to; PENDING has none. */
  public static PaymentStatus of(Outcome outcome) {
    return switch (outcome) {
      case SUCCESS -> SUCCEEDED;
      case CANCELLED -> CANCELLED;
      case TIMEOUT -> EXPIRED;
      case FAILED -> FAILED;
      case PENDING -> throw new IllegalArgumentException("PENDING is not a final outcome");
    };
  }

  /**
   * Parses an API status filter ({@code pending}, {@code succeeded}…) into the states it covers.
   */
  public static Set<PaymentStatus> forApiName(String name) {
    EnumSet<PaymentStatus> states = EnumSet.noneOf(PaymentStatus.class);
    for (PaymentStatus status : values()) {
      if (status.apiName().equals(name)) {
        states.add(status);
      }
    }
    return states;
  }
}
