package io.github.darajakit.gateway.subscriptions;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One customer billed on a plan's calendar. Immutable: each change is a new version, written only
 * over the version it was made from.
 *
 * @param id {@code sub_…}
 * @param planId the plan billed from the next invoice on
 * @param phone the customer, {@code 2547…}
 * @param reference the account reference shown in each prompt (and, for Ratiba, on each debit)
 * @param rail STK push or Ratiba standing order
 * @param status where it stands
 * @param startDate the day it began
 * @param trialEnd the day its trial ends, or {@code null}
 * @param endDate the day after which nothing is billed, or {@code null}
 * @param anchorDay the day of the month calendar periods begin on
 * @param scheduleStart the first day of period 0 of the current schedule (a plan change with
 *     another interval starts a new schedule at the next period)
 * @param periodIndex the next period to invoice, counted from {@code scheduleStart}
 * @param nextPeriodAt when that period is due (epoch ms), or {@code null} if none will be billed
 * @param cancelAtPeriodEnd cancel when the current period ends instead of invoicing the next
 * @param standingOrderName for Ratiba: the standing order's name (unique per customer)
 * @param standingOrderRef for Ratiba: the acknowledgement's responseRefID
 * @param standingOrderReceipt for Ratiba: the TransactionID of the approved standing order
 * @param standingOrderAmount for Ratiba: what each debit is (fixed by the standing order: a later
 *     change of the plan's price does not reach it)
 * @param resultCode the last Daraja result code that moved it, or {@code null}
 * @param resultDesc its description
 * @param attention why a person must look at it, or {@code null}
 * @param metadata the merchant's JSON, or {@code null}
 */
public record Subscription(
    String id,
    String planId,
    String phone,
    String reference,
    Rail rail,
    SubscriptionStatus status,
    LocalDate startDate,
    LocalDate trialEnd,
    LocalDate endDate,
    int anchorDay,
    LocalDate scheduleStart,
    int periodIndex,
    Long nextPeriodAt,
    boolean cancelAtPeriodEnd,
    String standingOrderName,
    String standingOrderRef,
    String standingOrderReceipt,
    Long standingOrderAmount,
    String resultCode,
    String resultDesc,
    String attention,
    String metadata,
    long createdAt,
    long updatedAt,
    int version) {

  public Subscription {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(rail, "rail");
  }

  /** Its billing calendar on {@code plan}. */
  public BillingCalendar calendar(Plan plan) {
    return new BillingCalendar(scheduleStart, anchorDay, plan.interval(), plan.intervalCount());
  }

  /** A builder for its next version, starting from this one. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Builds a subscription's next version. */
  public static final class Builder {
    private final Subscription from;
    private String planId;
    private String phone;
    private SubscriptionStatus status;
    private int anchorDay;
    private LocalDate scheduleStart;
    private int periodIndex;
    private Long nextPeriodAt;
    private boolean cancelAtPeriodEnd;
    private String standingOrderRef;
    private String standingOrderReceipt;
    private String resultCode;
    private String resultDesc;
    private String attention;

    private Builder(Subscription s) {
      from = s;
      planId = s.planId;
      phone = s.phone;
      status = s.status;
      anchorDay = s.anchorDay;
      scheduleStart = s.scheduleStart;
      periodIndex = s.periodIndex;
      nextPeriodAt = s.nextPeriodAt;
      cancelAtPeriodEnd = s.cancelAtPeriodEnd;
      standingOrderRef = s.standingOrderRef;
      standingOrderReceipt = s.standingOrderReceipt;
      resultCode = s.resultCode;
      resultDesc = s.resultDesc;
      attention = s.attention;
    }

    public Builder plan(String id) {
      planId = id;
      return this;
    }

    public Builder phone(String value) {
      phone = value;
      return this;
    }

    public Builder status(SubscriptionStatus value) {
      status = value;
      return this;
    }

    /** A new schedule: period 0 begins on {@code start}, on this anchor day. */
    public Builder schedule(LocalDate start, int anchor) {
      scheduleStart = start;
      anchorDay = anchor;
      periodIndex = 0;
      return this;
    }

    /** The next period to invoice and when it is due ({@code null}: none). */
    public Builder nextPeriod(int index, Long dueAt) {
      periodIndex = index;
      nextPeriodAt = dueAt;
      return this;
    }

    public Builder cancelAtPeriodEnd(boolean value) {
      cancelAtPeriodEnd = value;
      return this;
    }

    public Builder standingOrder(String ref, String receipt) {
      standingOrderRef = ref;
      standingOrderReceipt = receipt;
      return this;
    }

    public Builder result(String code, String desc) {
      resultCode = code;
      resultDesc = desc;
      return this;
    }

    /** Takes it off a person's list: the evidence that was missing has come. */
    public Builder clearAttention() {
      attention = null;
      return this;
    }

    /** Adds a reason for a person to look at it (kept with any earlier ones). */
    public Builder addAttention(String reason) {
      attention = attention == null ? reason : attention + "; " + reason;
      return this;
    }

    public Subscription build(long now) {
      return new Subscription(
          from.id,
          planId,
          phone,
          from.reference,
          from.rail,
          status,
          from.startDate,
          from.trialEnd,
          from.endDate,
          anchorDay,
          scheduleStart,
          periodIndex,
          nextPeriodAt,
          cancelAtPeriodEnd,
          from.standingOrderName,
          standingOrderRef,
          standingOrderReceipt,
          from.standingOrderAmount,
          resultCode,
          resultDesc,
          attention,
          from.metadata,
          from.createdAt,
          now,
          from.version + 1);
    }
  }
}
