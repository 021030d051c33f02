package io.github.darajakit.gateway.subscriptions;

import java.time.LocalDate;

/**
 * One period's bill of a subscription: unique by (subscription, period start) in the database.
 *
 * @param id {@code inv_…}
 * @param subscriptionId whose
 * @param periodStart the period's first day (the key)
 * @param periodEnd the day after its last
 * @param amount whole KES, the plan's price when it was made
 * @param status open, paid, void or uncollectible
 * @param dueAt when it became due (epoch ms)
 * @param attempts charges started for it so far
 * @param retries automatic retries scheduled so far (the dunning policy's position)
 * @param nextAttemptAt when the next charge may start (epoch ms), or {@code null}: none planned
 * @param paymentId the charge in flight, or {@code null}; no other charge starts while it is set
 * @param resultCode the last attempt's result code, or {@code null}
 * @param resultDesc its description
 * @param paidAt when it was paid (epoch ms), or {@code null}
 * @param receipt the M-Pesa receipt that paid it, or {@code null}
 * @param attention why a person must look at it, or {@code null}
 */
public record Invoice(
    String id,
    String subscriptionId,
    LocalDate periodStart,
    LocalDate periodEnd,
    long amount,
    InvoiceStatus status,
    long dueAt,
    int attempts,
    int retries,
    Long nextAttemptAt,
    String paymentId,
    String resultCode,
    String resultDesc,
    Long paidAt,
    String receipt,
    String attention,
    long createdAt,
    long updatedAt,
    int version) {

  /** A new open invoice; {@code firstAttemptAt} is {@code null} when nothing is to be pushed. */
  public static Invoice opened(
      String id,
      String subscriptionId,
      LocalDate periodStart,
      LocalDate periodEnd,
      long amount,
      long dueAt,
      Long firstAttemptAt,
      long now) {
    return new Invoice(
        id,
        subscriptionId,
        periodStart,
        periodEnd,
        amount,
        InvoiceStatus.OPEN,
        dueAt,
        0,
        0,
        firstAttemptAt,
        null,
        null,
        null,
        null,
        null,
        null,
        now,
        now,
        1);
  }

  /** A builder for its next version. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Builds an invoice's next version. */
  public static final class Builder {
    private final Invoice from;
    private InvoiceStatus status;
    private int attempts;
    private int retries;
    private Long nextAttemptAt;
    private String paymentId;
    private String resultCode;
    private String resultDesc;
    private Long paidAt;
    private String receipt;
    private String attention;

    private Builder(Invoice i) {
      from = i;
      status = i.status;
      attempts = i.attempts;
      retries = i.retries;
      nextAttemptAt = i.nextAttemptAt;
      paymentId = i.paymentId;
      resultCode = i.resultCode;
      resultDesc = i.resultDesc;
      paidAt = i.paidAt;
      receipt = i.receipt;
      attention = i.attention;
    }

    public Builder status(InvoiceStatus value) {
      status = value;
      return this;
    }

    /** A charge starts: one more attempt, in flight as this payment, none other planned. */
    public Builder charging(String payment) {
      attempts++;
      paymentId = payment;
      nextAttemptAt = null;
      return this;
    }

    /** The charge in flight has ended. */
    public Builder settled() {
      paymentId = null;
      return this;
    }

    public Builder nextAttempt(Long at) {
      nextAttemptAt = at;
      return this;
    }

    /** One more automatic retry, at {@code at}. */
    public Builder retryAt(long at) {
      retries++;
      nextAttemptAt = at;
      return this;
    }

    public Builder result(String code, String desc) {
      resultCode = code;
      resultDesc = desc;
      return this;
    }

    public Builder paid(long at, String mpesaReceipt) {
      status = InvoiceStatus.PAID;
      paidAt = at;
      receipt = mpesaReceipt;
      nextAttemptAt = null;
      return this;
    }

    /** Takes it off a person's list: they acted on it. */
    public Builder clearAttention() {
      attention = null;
      return this;
    }

    /** Adds a reason for a person to look at it (once). */
    public Builder addAttention(String reason) {
      if (attention == null) {
        attention = reason;
      } else if (!attention.contains(reason)) {
        attention = attention + "; " + reason;
      }
      return this;
    }

    public Invoice build(long now) {
      return new Invoice(
          from.id,
          from.subscriptionId,
          from.periodStart,
          from.periodEnd,
          from.amount,
          status,
          from.dueAt,
          attempts,
          retries,
          nextAttemptAt,
          paymentId,
          resultCode,
          resultDesc,
          paidAt,
          receipt,
          attention,
          from.createdAt,
          now,
          from.version + 1);
    }
  }
}
