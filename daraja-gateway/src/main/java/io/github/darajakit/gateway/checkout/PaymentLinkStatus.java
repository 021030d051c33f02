package io.github.darajakit.gateway.checkout;

import java.util.Locale;

/**
 * Where a payment link stands, as of a moment: only {@code INACTIVE} is stored (a deactivation);
 * the others follow from the link's expiry and uses, so nothing has to run for a link to expire.
 *
 * <pre>
 * ACTIVE ──deactivated──▶ INACTIVE
 *   ├──expires_at passed──▶ EXPIRED
 *   └──paid max_uses times──▶ USED_UP
 * </pre>
 */
public enum PaymentLinkStatus {
  /** Visitors can open a checkout session and pay. */
  ACTIVE,
  /** Its creator deactivated it. */
  INACTIVE,
  /** Its {@code expires_at} has passed. */
  EXPIRED,
  /** Paid as many times as its {@code max_uses} allows. */
  USED_UP;

  /** {@code active}, {@code inactive}, {@code expired}, {@code used_up}. */
  public String apiName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The status of {@code link} at {@code now} (epoch ms). */
  public static PaymentLinkStatus of(PaymentLink link, long now) {
    if (link.deactivated()) {
      return INACTIVE;
    }
    if (link.expiresAt() != null && link.expiresAt() <= now) {
      return EXPIRED;
    }
    if (link.maxUses() != null && link.uses() >= link.maxUses()) {
      return USED_UP;
    }
    return ACTIVE;
  }

  /** The status an API filter names, or {@code null} if it names none. */
  public static PaymentLinkStatus forApiName(String name) {
    for (PaymentLinkStatus status : values()) {
      if (status.apiName().equals(name)) {
        return status;
      }
    }
    return null;
  }
}
