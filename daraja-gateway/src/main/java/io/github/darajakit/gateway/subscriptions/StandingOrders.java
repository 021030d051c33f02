package io.github.darajakit.gateway.subscriptions;

import io.github.darajakit.client.DarajaApiException;
import io.github.darajakit.client.DarajaCallbackParseException;
import io.github.darajakit.client.DarajaClient;
import io.github.darajakit.client.DarajaException;
import io.github.darajakit.client.DarajaOutcomeUnknownException;
import io.github.darajakit.client.callbacks.DarajaCallbacks;
import io.github.darajakit.client.callbacks.StandingOrderCallback;
import io.github.darajakit.client.ratiba.StandingOrderAcknowledgement;
import io.github.darajakit.client.ratiba.StandingOrderFrequency;
import io.github.darajakit.client.ratiba.StandingOrderRequest;
import io.github.darajakit.gateway.callbacks.CallbackHandler;
import io.github.darajakit.gateway.callbacks.CallbackKind;
import io.github.darajakit.gateway.callbacks.CallbackSecrets;
import io.github.darajakit.gateway.callbacks.Received;
import io.github.darajakit.gateway.callbacks.Verdict;
import io.github.darajakit.gateway.core.GatewayError;
import io.github.darajakit.gateway.store.Database;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Ratiba rail (REFERENCE §15): a subscription recorded as PENDING asks M-Pesa for a standing
 * order, once; the customer approves it with their PIN; its callback activates the subscription (or
 * cancels it, with the result code). M-Pesa then debits the customer on schedule, and {@link
 * RatibaDebits} matches each debit to its invoice.
 *
 * <p>The request is never sent twice: a lost answer leaves the subscription PENDING and flagged,
 * and a callback that arrives later still settles it.
 */
public final class StandingOrders implements CallbackHandler {

  private static final Logger log = LoggerFactory.getLogger(StandingOrders.class);

  /** Ratiba's callback: the subscription's id is the last segment of its path. */
  public static final CallbackKind KIND = new CallbackKind("RATIBA", "ratiba");

  private final Database database;
  private final SubscriptionStore subscriptions;
  private final PlanStore plans;
  private final Subscriptions service;
  private final DarajaClient daraja;
  private final Clock clock;
  private final String callbackUrl;
  private final String shortCode;
  private final int years;

  /**
   * @param callbackUrl the CallBackURL (each request adds its subscription's id)
   * @param shortCode the PayBill paid (BusinessShortCode): the C2B shortcode, whose registered URLs
   *     receive each debit's confirmation
   * @param years how long a standing order runs when its subscription has no end date
   */
  public StandingOrders(
      Database database,
      SubscriptionStore subscriptions,
      PlanStore plans,
      Subscriptions service,
      DarajaClient daraja,
      Clock clock,
      String callbackUrl,
      String shortCode,
      int years) {
    this.shortCode = shortCode;
    this.database = database;
    this.subscriptions = subscriptions;
    this.plans = plans;
    this.service = service;
    this.daraja = daraja;
    this.clock = clock;
    this.callbackUrl = callbackUrl;
    this.years = years;
  }

  /** The standing order's name for a subscription: unique per customer, as M-Pesa requires. */
  static String nameFor(String subscriptionId) {
    return subscriptionId;
  }

  /**
   * The Ratiba frequency that follows a plan's periods.
   *
   * @throws GatewayError if no standing order can follow it
   */
  static StandingOrderFrequency frequencyOf(Plan plan) {
    int months =
        switch (plan.interval()) {
          case MONTH -> plan.intervalCount();
          case QUARTER -> 3 * plan.intervalCount();
          case YEAR -> 12 * plan.intervalCount();
          default -> 0;
        };
    if (plan.interval() == Interval.DAY && plan.intervalCount() == 1) {
      return StandingOrderFrequency.DAILY;
    }
    if (plan.interval() == Interval.WEEK && plan.intervalCount() == 1) {
      return StandingOrderFrequency.WEEKLY;
    }
    switch (months) {
      case 1:
        return StandingOrderFrequency.MONTHLY;
      case 2:
        return StandingOrderFrequency.BI_MONTHLY;
      case 3:
        return StandingOrderFrequency.QUARTERLY;
      case 6:
        return StandingOrderFrequency.HALF_YEARLY;
      case 12:
        return StandingOrderFrequency.YEARLY;
      default:
        throw GatewayError.invalid(
            "plan",
            "plan "
                + plan.id()
                + " bills every "
                + plan.intervalCount()
                + " "
                + plan.interval().apiName()
                + "(s), which no Ratiba standing order can follow: Ratiba debits daily, weekly,"
                + " monthly, every two months, quarterly, half-yearly or yearly");
    }
  }

  /**
   * Asks M-Pesa for the standing order of a subscription just recorded as PENDING. Never sent
   * again, whatever happens.
   *
   * @return the subscription as it then stands
   */
  public Subscription request(Subscription pending) {
    Plan plan = plans.find(pending.planId()).orElseThrow();
    LocalDate start = pending.scheduleStart();
    LocalDate end = pending.endDate() != null ? pending.endDate() : start.plusYears(years);
    StandingOrderRequest request =
        StandingOrderRequest.builder()
            .name(pending.standingOrderName())
            .startDate(start)
            .endDate(end)
            .amount(pending.standingOrderAmount())
            .phone(pending.phone())
            .callbackUrl(callbackUrl)
            .callbackToken(pending.id())
            .accountReference(pending.reference())
            .description(Billing.DESCRIPTION)
            .frequency(frequencyOf(plan))
            .shortCode(shortCode)
            .build();
    try {
      StandingOrderAcknowledgement ack = daraja.ratiba().create(request);
      return whilePending(
          pending.id(),
          s -> s.toBuilder().standingOrder(ack.responseRefId(), s.standingOrderReceipt()));
    } catch (DarajaOutcomeUnknownException e) {
      log.warn("standing order for {} may have reached M-Pesa; its answer was lost", pending.id());
      return whilePending(
          pending.id(),
          s ->
              s.toBuilder()
                  .addAttention(
                      "the standing order request may have reached M-Pesa but its answer was"
                          + " lost; it is not sent again. Its callback still activates the"
                          + " subscription; if none comes, ask the customer, then cancel and"
                          + " create another"));
    } catch (DarajaException e) {
      // Refused, rate-limited or unreachable before anything ran: no standing order exists.
      String code = e instanceof DarajaApiException api ? api.errorCode() : null;
      String why = CallbackSecrets.redact(e.getMessage());
      return whilePending(
          pending.id(),
          s ->
              s.toBuilder()
                  .status(SubscriptionStatus.CANCELLED)
                  .result(code, "the standing order was not accepted: " + why));
    }
  }

  /**
   * Records what the request's answer says, unless the callback got there first (the subscription
   * is no longer PENDING, or already knows the acknowledgement).
   */
  private Subscription whilePending(
      String id, java.util.function.Function<Subscription, Subscription.Builder> next) {
    return database.write(
        c ->
            service.update(
                c,
                subscriptions.find(c, id).orElseThrow(),
                s ->
                    s.status() != SubscriptionStatus.PENDING || s.standingOrderRef() != null
                        ? Optional.empty()
                        : Optional.of(next.apply(s).build(clock.millis()))));
  }

  /** Applies a standing order's callback, in the transaction that stores it. */
  @Override
  public Verdict apply(Connection c, Received received) throws SQLException {
    StandingOrderCallback callback;
    try {
      callback = DarajaCallbacks.parseStandingOrderCallback(received.body());
    } catch (DarajaCallbackParseException e) {
      return Verdict.of(Verdict.Outcome.UNPARSEABLE, e.getMessage(), null, null);
    }
    String id = received.callbackToken();
    Optional<Subscription> found = id == null ? Optional.empty() : subscriptions.find(c, id);
    if (found.isEmpty() || found.get().rail() != Rail.RATIBA) {
      return Verdict.of(
          Verdict.Outcome.UNMATCHED,
          "names no Ratiba subscription (" + id + ")",
          null,
          callback.responseRefId());
    }
    Subscription s = found.get();
    if (s.standingOrderRef() != null
        && callback.responseRefId() != null
        && !callback.responseRefId().isBlank()
        && !callback.responseRefId().equals(s.standingOrderRef())) {
      return Verdict.of(
          Verdict.Outcome.MISMATCH,
          "responseRefID "
              + callback.responseRefId()
              + " is not the one M-Pesa acknowledged ("
              + s.standingOrderRef()
              + ")",
          s.id(),
          callback.responseRefId());
    }
    if (s.status() != SubscriptionStatus.PENDING) {
      boolean same =
          callback.succeeded() == (s.standingOrderReceipt() != null)
              && (callback.succeeded() || callback.resultCode().equals(s.resultCode()));
      return Verdict.of(
          same ? Verdict.Outcome.DUPLICATE : Verdict.Outcome.LATE,
          "subscription " + s.id() + " is already " + s.status().apiName(),
          s.id(),
          callback.responseRefId());
    }
    long now = clock.millis();
    LocalDate today = service.today();
    service.update(
        c,
        s,
        current -> {
          if (current.status() != SubscriptionStatus.PENDING) {
            return Optional.empty();
          }
          // The callback is the evidence a flag (lost answer, no callback yet) was waiting for.
          Subscription.Builder next =
              current.toBuilder()
                  .clearAttention()
                  .result(callback.resultCode(), callback.resultDescription());
          if (!callback.succeeded()) {
            return Optional.of(next.status(SubscriptionStatus.CANCELLED).build(now));
          }
          boolean trial = current.trialEnd() != null && today.isBefore(current.trialEnd());
          return Optional.of(
              next.status(trial ? SubscriptionStatus.TRIALING : SubscriptionStatus.ACTIVE)
                  .standingOrder(
                      current.standingOrderRef() != null
                          ? current.standingOrderRef()
                          : callback.responseRefId(),
                      callback.transactionId())
                  .nextPeriod(0, BillingCalendar.dueAt(current.scheduleStart()))
                  .build(now));
        });
    return Verdict.of(
        Verdict.Outcome.APPLIED,
        callback.succeeded()
            ? "standing order approved"
            : "standing order failed: " + callback.resultCode(),
        s.id(),
        callback.responseRefId());
  }
}
