package io.github.darajakit.emulator.internal.world;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An M-Pesa Ratiba standing order the customer consented to: who pays whom, how much and when, and
 * every debit made (or refused) so far.
 *
 * <p>Its status, its debits and its place in the schedule change only through {@link World}, under
 * the world's lock, so a debit is never made twice and never after a cancellation.
 */
public final class StandingOrder {

  /** Where a standing order stands. {@link #CANCELLED} and {@link #ENDED} are final. */
  public enum Status {
    /** Consented to: debits on every due date. */
    ACTIVE,
    /** Cancelled (admin API): no further debits. */
    CANCELLED,
    /** Every due date up to the end date has passed. */
    ENDED;

    /** True if a standing order in this status may move to {@code next}. */
    public boolean canBecome(Status next) {
      return this == ACTIVE && next != ACTIVE;
    }
  }

  /**
   * One due date's debit.
   *
   * @param dueDate the due date
   * @param at when it was made (the emulator's time)
   * @param completed true if money moved
   * @param receipt the ledger receipt if money moved, else {@code ""}
   * @param resultCode {@code "0"}, or why no money moved ({@code "1"} insufficient funds…)
   * @param resultDesc the matching description
   * @param confirmed true if a C2B confirmation was sent for it
   */
  public record Debit(
      LocalDate dueDate,
      Instant at,
      boolean completed,
      String receipt,
      String resultCode,
      String resultDesc,
      boolean confirmed) {}

  /**
   * What the customer consented to.
   *
   * @param name StandingOrderName, unique per customer
   * @param msisdn the paying customer (PartyA)
   * @param shortCode the PayBill or till paid (BusinessShortCode)
   * @param transactionType {@code "Standing Order Customer Pay Bill"} or {@code "… Pay Marchant"}
   * @param amount whole KES per debit
   * @param accountReference AccountReference, the BillRefNumber of each debit
   * @param transactionDesc TransactionDesc
   * @param frequency how often it debits
   * @param startDate first due date
   * @param endDate no due date after this one
   * @param callbackUrl where the consent callback went
   */
  public record Terms(
      String name,
      String msisdn,
      String shortCode,
      String transactionType,
      long amount,
      String accountReference,
      String transactionDesc,
      Frequency frequency,
      LocalDate startDate,
      LocalDate endDate,
      String callbackUrl) {}

  private final String id;
  private final String responseRefId;
  private final Terms terms;
  private final Instant requestedAt;
  private final Instant activatedAt;
  private final List<Debit> debits = new CopyOnWriteArrayList<>();
  private volatile Status status = Status.ACTIVE;
  private volatile int nextDue;
  // Due dates before this index fell before the request whatever the debit time: a StartDate far
  // in the past is walked over once, not on every check.
  private volatile int neverDueBefore;

  /**
   * A standing order made active by the customer's consent.
   *
   * @param id the TransactionID of the consent callback
   * @param responseRefId the responseRefID of the request's acknowledgement
   * @param terms what was agreed
   * @param requestedAt when the request arrived: no debit is ever made for a time before it
   * @param activatedAt when the customer consented
   */
  public StandingOrder(
      String id, String responseRefId, Terms terms, Instant requestedAt, Instant activatedAt) {
    this.id = id;
    this.responseRefId = responseRefId;
    this.terms = terms;
    this.requestedAt = requestedAt;
    this.activatedAt = activatedAt;
  }

  public String id() {
    return id;
  }

  public String responseRefId() {
    return responseRefId;
  }

  public Terms terms() {
    return terms;
  }

  public Instant requestedAt() {
    return requestedAt;
  }

  public Instant activatedAt() {
    return activatedAt;
  }

  public Status status() {
    return status;
  }

  /** Every debit so far, oldest first. */
  public List<Debit> debits() {
    return List.copyOf(debits);
  }

  /**
   * When the next debit falls due at {@code debitTime} in {@code zone}, skipping due dates whose
   * time came before the request; empty once the end date is passed or the order is not active.
   */
  public Optional<Due> nextDue(LocalTime debitTime, ZoneId zone) {
    if (status != Status.ACTIVE) {
      return Optional.empty();
    }
    LocalDate requestedDay = requestedAt.atZone(zone).toLocalDate();
    for (int n = Math.max(nextDue, neverDueBefore); ; n++) {
      Optional<LocalDate> date = terms.frequency().dueDate(terms.startDate(), n);
      if (date.isEmpty() || date.get().isAfter(terms.endDate())) {
        return Optional.empty();
      }
      Instant at = date.get().atTime(debitTime).atZone(zone).toInstant();
      if (!at.isBefore(requestedAt)) {
        return Optional.of(new Due(this, n, date.get(), at));
      }
      if (date.get().isBefore(requestedDay)) {
        neverDueBefore = n + 1;
      }
    }
  }

  /**
   * A due debit.
   *
   * @param order the standing order
   * @param index its place in the schedule (0 is the start date)
   * @param date the due date
   * @param at the moment it falls due
   */
  public record Due(StandingOrder order, int index, LocalDate date, Instant at) {}

  void recordDebit(int index, Debit debit) {
    debits.add(debit);
    nextDue = index + 1;
  }

  void moveTo(Status next) {
    if (!status.canBecome(next)) {
      throw new IllegalStateException(
          "standing order " + id + " cannot become " + next + " from " + status);
    }
    status = next;
  }
}
