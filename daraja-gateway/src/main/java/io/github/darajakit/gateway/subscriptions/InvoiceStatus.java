package io.github.darajakit.gateway.subscriptions;

import java.util.Locale;
import java.util.Optional;

/**
 * The life of an invoice, one period's bill.
 *
 * <pre>
 * OPEN ──a charge (or a standing order's debit) succeeded──▶ PAID
 * OPEN ──the subscription stopped before it was paid──▶ VOID
 * OPEN ──the last try failed──▶ UNCOLLECTIBLE ──charge now──▶ OPEN
 * UNCOLLECTIBLE ──money arrived after all (a late debit)──▶ PAID
 * </pre>
 */
public enum InvoiceStatus {
  OPEN,
  PAID,
  VOID,
  UNCOLLECTIBLE;

  /** Whether the table allows going from this state to {@code next}. */
  public boolean canMoveTo(InvoiceStatus next) {
    return switch (this) {
      case OPEN -> next == PAID || next == VOID || next == UNCOLLECTIBLE;
      case UNCOLLECTIBLE -> next == OPEN || next == PAID || next == VOID;
      case PAID, VOID -> false;
    };
  }

  /** The name in the API: {@code open}… */
  public String apiName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The status with this API name. */
  public static Optional<InvoiceStatus> forApiName(String name) {
    for (InvoiceStatus status : values()) {
      if (status.apiName().equals(name)) {
        return Optional.of(status);
      }
    }
    return Optional.empty();
  }
}
