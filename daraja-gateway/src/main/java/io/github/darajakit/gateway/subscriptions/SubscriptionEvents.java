package io.github.darajakit.gateway.subscriptions;

import java.util.Set;
import java.util.TreeSet;

/** The events of plans, subscriptions and invoices. */
public final class SubscriptionEvents {

  public static final String PLAN_CREATED = "plan.created";
  public static final String PLAN_UPDATED = "plan.updated";
  public static final String CREATED = "subscription.created";
  public static final String ACTIVATED = "subscription.activated";
  public static final String RESUMED = "subscription.resumed";
  public static final String UPDATED = "subscription.updated";
  public static final String NEEDS_ATTENTION = "subscription.needs_attention";
  public static final String INVOICE_CREATED = "invoice.created";
  public static final String INVOICE_PAID = "invoice.paid";
  public static final String INVOICE_PAYMENT_FAILED = "invoice.payment_failed";
  public static final String INVOICE_UNCOLLECTIBLE = "invoice.uncollectible";
  public static final String INVOICE_VOIDED = "invoice.voided";
  public static final String INVOICE_REOPENED = "invoice.reopened";
  public static final String INVOICE_NEEDS_ATTENTION = "invoice.needs_attention";

  private SubscriptionEvents() {}

  /** Every type, including {@code subscription.<status>} for each status. */
  public static Set<String> all() {
    Set<String> all = new TreeSet<>();
    for (SubscriptionStatus status : SubscriptionStatus.values()) {
      all.add(status.eventType());
    }
    all.addAll(
        Set.of(
            PLAN_CREATED,
            PLAN_UPDATED,
            CREATED,
            ACTIVATED,
            RESUMED,
            UPDATED,
            NEEDS_ATTENTION,
            INVOICE_CREATED,
            INVOICE_PAID,
            INVOICE_PAYMENT_FAILED,
            INVOICE_UNCOLLECTIBLE,
            INVOICE_VOIDED,
            INVOICE_REOPENED,
            INVOICE_NEEDS_ATTENTION));
    return all;
  }
}
