package io.github.darajakit.gateway.subscriptions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.darajakit.client.DarajaValidationException;
import io.github.darajakit.client.Msisdn;
import io.github.darajakit.gateway.core.GatewayError;
import io.github.darajakit.gateway.core.Json;
import io.github.darajakit.gateway.events.EventStore;
import io.github.darajakit.gateway.store.Database;
import io.github.darajakit.gateway.store.Ids;
import io.github.darajakit.gateway.store.VersionedRows;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.function.Function;

/**
 * Plans and subscriptions as the merchant asks for them: created, paused, resumed, cancelled, moved
 * to another plan or number, charged again by hand. Every change is a compare-and-set on the row's
 * version, checked against the transition tables of {@link SubscriptionStatus} and {@link
 * InvoiceStatus}, and appends its events in the same transaction.
 */
public final class Subscriptions {

  /** The longest account reference: what an STK prompt and a standing order both accept. */
  public static final int MAX_REFERENCE = 12;

  /** The largest amount a period may cost: one STK push's limit (REFERENCE §21). */
  public static final long MAX_AMOUNT = 250_000;

  /** What the merchant asked for. */
  public record NewPlan(
      String name,
      long amount,
      Interval interval,
      int intervalCount,
      int trialDays,
      JsonNode metadata,
      String idempotencyKey) {}

  /** What the merchant asked for; {@code null} fields take their defaults. */
  public record NewSubscription(
      String phone,
      String planId,
      String reference,
      LocalDate startDate,
      Integer anchorDay,
      LocalDate endDate,
      Rail rail,
      JsonNode metadata,
      String idempotencyKey) {}

  /**
   * A subscription created, or the one an earlier request with the same Idempotency-Key created
   * ({@code isNew} false): for Ratiba, only a new one asks M-Pesa for its standing order.
   */
  public record Created(Subscription subscription, boolean isNew) {}

  private final Database database;
  private final PlanStore plans;
  private final SubscriptionStore subscriptions;
  private final InvoiceStore invoices;
  private final EventStore events;
  private final Clock clock;
  private final QuietHours quietHours;
  private final String ratibaShortCode;
  private final VersionedRows<Subscription, SubscriptionStatus> rows;
  private final VersionedRows<Invoice, InvoiceStatus> invoiceRows;

  public Subscriptions(
      Database database,
      PlanStore plans,
      SubscriptionStore subscriptions,
      InvoiceStore invoices,
      EventStore events,
      Clock clock,
      QuietHours quietHours,
      String ratibaShortCode) {
    this.database = database;
    this.ratibaShortCode = ratibaShortCode;
    this.plans = plans;
    this.subscriptions = subscriptions;
    this.invoices = invoices;
    this.events = events;
    this.clock = clock;
    this.quietHours = quietHours;
    this.rows =
        new VersionedRows<>(
            "subscription",
            table(subscriptions::find, subscriptions::update),
            Subscription::id,
            Subscription::status,
            SubscriptionStatus::canMoveTo,
            this::subscriptionChanged);
    this.invoiceRows =
        new VersionedRows<>(
            "invoice",
            table(invoices::find, invoices::update),
            Invoice::id,
            Invoice::status,
            InvoiceStatus::canMoveTo,
            this::invoiceChanged);
  }

  /** Reads a row in the caller's transaction. */
  @FunctionalInterface
  private interface Finder<T> {
    Optional<T> find(Connection c, String id) throws SQLException;
  }

  /** Writes a row's next version if the stored one is the version before it. */
  @FunctionalInterface
  private interface Writer<T> {
    boolean update(Connection c, T next) throws SQLException;
  }

  private static <T> VersionedRows.Table<T> table(Finder<T> finder, Writer<T> writer) {
    return new VersionedRows.Table<>() {
      @Override
      public Optional<T> find(Connection c, String id) throws SQLException {
        return finder.find(c, id);
      }

      @Override
      public boolean update(Connection c, T next) throws SQLException {
        return writer.update(c, next);
      }
    };
  }

  // ---- plans -------------------------------------------------------------------------------

  /**
   * Records a plan.
   *
   * @throws GatewayError if a field is out of range (nothing recorded)
   */
  public Plan createPlan(NewPlan request) {
    String name = checkName(request.name());
    checkAmount(request.amount());
    if (request.intervalCount() < 1 || request.intervalCount() > 365) {
      throw GatewayError.invalid(
          "interval_count",
          "interval_count must be a whole number from 1 to 365, got " + request.intervalCount());
    }
    if (request.trialDays() < 0 || request.trialDays() > 730) {
      throw GatewayError.invalid(
          "trial_days",
          "trial_days must be a whole number from 0 to 730, got " + request.trialDays());
    }
    long now = clock.millis();
    Plan plan =
        new Plan(
            Ids.next("plan"),
            name,
            request.amount(),
            request.interval(),
            request.intervalCount(),
            request.trialDays(),
            request.metadata() == null ? null : Json.text(request.metadata()),
            now,
            now,
            1);
    return database.write(
        c -> {
          if (request.idempotencyKey() != null) {
            Optional<Plan> earlier = plans.byIdempotencyKey(c, request.idempotencyKey());
            if (earlier.isPresent()) {
              return earlier.get();
            }
          }
          plans.insert(c, plan, request.idempotencyKey());
          events.append(c, SubscriptionEvents.PLAN_CREATED, "plan", plan.id(), plan.toJson(), now);
          return plan;
        });
  }

  /**
   * Changes a plan's price (and name). Invoices already made keep their price: the change applies
   * from each subscription's next period.
   */
  public Plan updatePlan(String id, String newName, Long newAmount) {
    if (newAmount != null) {
      checkAmount(newAmount);
    }
    String name = newName == null ? null : checkName(newName);
    return database.write(
        c -> {
          while (true) {
            Plan plan =
                plans.find(c, id).orElseThrow(() -> GatewayError.notFound("No plan " + id + "."));
            long now = clock.millis();
            Plan next =
                plan.repriced(
                    name != null ? name : plan.name(),
                    newAmount != null ? newAmount : plan.amount(),
                    now);
            if (next.name().equals(plan.name()) && next.amount() == plan.amount()) {
              return plan;
            }
            if (plans.update(c, next)) {
              events.append(c, SubscriptionEvents.PLAN_UPDATED, "plan", id, next.toJson(), now);
              return next;
            }
          }
        });
  }

  // ---- subscriptions -----------------------------------------------------------------------

  /**
   * Records a subscription. An STK subscription starts billing on its first period's day; a Ratiba
   * one waits as PENDING for {@link StandingOrders} to have the standing order approved.
   *
   * @throws GatewayError if a field is wrong (nothing recorded)
   */
  public Created create(NewSubscription request) {
    String phone = phone(request.phone());
    String reference = reference(request.reference());
    Plan plan =
        plans
            .find(request.planId())
            .orElseThrow(() -> GatewayError.invalid("plan", "No plan " + request.planId() + "."));
    Rail rail = request.rail() != null ? request.rail() : Rail.STK;
    if (rail == Rail.RATIBA) {
      if (ratibaShortCode == null) {
        throw GatewayError.invalid(
            "rail",
            "rail ratiba needs the PayBill whose C2B URLs receive the standing order's debits:"
                + " set c2b.shortCode (MPESA_C2B_SHORTCODE)");
      }
      StandingOrders.frequencyOf(plan); // refuses a plan no standing order can follow
    }
    LocalDate today = today();
    LocalDate start = request.startDate() != null ? request.startDate() : today;
    if (start.isBefore(today)) {
      throw GatewayError.invalid(
          "start_date",
          "start_date must be today or later (East Africa Time): " + start + " is before " + today);
    }
    if (request.anchorDay() != null) {
      if (!plan.interval().isCalendar()) {
        throw GatewayError.invalid(
            "billing_anchor",
            "billing_anchor is a day of the month, for month, quarter and year plans only; plan "
                + plan.id()
                + " bills every "
                + plan.interval().apiName());
      }
      if (request.anchorDay() < 1 || request.anchorDay() > 31) {
        throw GatewayError.invalid(
            "billing_anchor",
            "billing_anchor must be a day of the month, 1 to 31 (the 29th to 31st fall back to a"
                + " shorter month's last day), got "
                + request.anchorDay());
      }
    }
    LocalDate trialEnd = plan.trialDays() > 0 ? start.plusDays(plan.trialDays()) : null;
    LocalDate from = trialEnd != null ? trialEnd : start;
    int anchor = request.anchorDay() != null ? request.anchorDay() : from.getDayOfMonth();
    LocalDate first = BillingCalendar.firstPeriodStart(from, anchor, plan.interval());
    if (request.endDate() != null && !request.endDate().isAfter(first)) {
      throw GatewayError.invalid(
          "end_date",
          "end_date must be after the first billing day, " + first + "; got " + request.endDate());
    }
    long now = clock.millis();
    String id = Ids.next("sub");
    SubscriptionStatus status =
        rail == Rail.RATIBA
            ? SubscriptionStatus.PENDING
            : trialEnd != null ? SubscriptionStatus.TRIALING : SubscriptionStatus.ACTIVE;
    Subscription created =
        new Subscription(
            id,
            plan.id(),
            phone,
            reference,
            rail,
            status,
            start,
            trialEnd,
            request.endDate(),
            anchor,
            first,
            0,
            // A standing order bills nothing until the customer has approved it.
            rail == Rail.RATIBA ? null : BillingCalendar.dueAt(first),
            false,
            rail == Rail.RATIBA ? StandingOrders.nameFor(id) : null,
            null,
            null,
            rail == Rail.RATIBA ? plan.amount() : null,
            null,
            null,
            null,
            request.metadata() == null ? null : Json.text(request.metadata()),
            now,
            now,
            1);
    return database.write(
        c -> {
          if (request.idempotencyKey() != null) {
            Optional<Subscription> earlier =
                subscriptions.byIdempotencyKey(c, request.idempotencyKey());
            if (earlier.isPresent()) {
              return new Created(earlier.get(), false);
            }
          }
          if (rail == Rail.RATIBA && !subscriptions.ratibaByReference(c, reference).isEmpty()) {
            // Debits are matched to invoices by account reference: two live standing orders
            // under one reference could not be told apart.
            throw GatewayError.conflict(
                "reference_in_use",
                "reference "
                    + reference
                    + " is already used by a live Ratiba subscription; debits are matched by"
                    + " reference, so each standing order needs its own");
          }
          subscriptions.insert(c, created, request.idempotencyKey());
          events.append(c, SubscriptionEvents.CREATED, "subscription", id, json(created), now);
          if (status == SubscriptionStatus.ACTIVE) {
            events.append(c, SubscriptionEvents.ACTIVATED, "subscription", id, json(created), now);
          } else {
            // subscription.trialing, or subscription.pending for a standing order's consent
            events.append(c, status.eventType(), "subscription", id, json(created), now);
          }
          return new Created(created, true);
        });
  }

  /** Stops invoicing and charging until resumed. Charges already in flight finish. */
  public Subscription pause(String id) {
    return act(
        id,
        s -> {
          stkOnly(s, "paused");
          if (s.status() == SubscriptionStatus.PAUSED) {
            return Optional.empty();
          }
          if (!s.status().isBilling()) {
            throw notNow(s, "paused");
          }
          return Optional.of(s.toBuilder().status(SubscriptionStatus.PAUSED).build(clock.millis()));
        });
  }

  /**
   * Bills again. Periods that began while it was paused are not billed: billing resumes with the
   * first period that begins today or later.
   */
  public Subscription resume(String id) {
    return database.write(
        c -> {
          Subscription s = find(c, id);
          if (s.status() != SubscriptionStatus.PAUSED) {
            if (s.status().isBilling()) {
              return s;
            }
            throw notNow(s, "resumed");
          }
          Plan plan = plans.find(c, s.planId()).orElseThrow();
          BillingCalendar calendar = s.calendar(plan);
          LocalDate today = today();
          int index = s.periodIndex();
          while (calendar.periodStart(index).isBefore(today)) {
            index++;
          }
          boolean unpaid =
              invoices.unpaid(c, id).stream().anyMatch(i -> i.status() == InvoiceStatus.OPEN);
          SubscriptionStatus next =
              s.trialEnd() != null && today.isBefore(s.trialEnd()) && s.periodIndex() == 0
                  ? SubscriptionStatus.TRIALING
                  : unpaid ? SubscriptionStatus.PAST_DUE : SubscriptionStatus.ACTIVE;
          int resumeAt = index;
          return rows.update(
              c,
              s,
              current ->
                  Optional.of(
                      current.toBuilder()
                          .status(next)
                          .nextPeriod(
                              resumeAt, BillingCalendar.dueAt(calendar.periodStart(resumeAt)))
                          .build(clock.millis())));
        });
  }

  /**
   * Cancels now (open invoices with no charge in flight are voided; one in flight is voided if it
   * fails and paid if it succeeds) or at the end of the current period.
   */
  public Subscription cancel(String id, boolean atPeriodEnd) {
    if (atPeriodEnd) {
      return act(
          id,
          s -> {
            if (s.status().isTerminal()) {
              throw notNow(s, "cancelled");
            }
            if (s.cancelAtPeriodEnd()) {
              return Optional.empty();
            }
            return Optional.of(s.toBuilder().cancelAtPeriodEnd(true).build(clock.millis()));
          });
    }
    return database.write(
        c -> {
          Subscription s = find(c, id);
          if (s.status() == SubscriptionStatus.CANCELLED) {
            return s;
          }
          if (s.status().isTerminal()) {
            throw notNow(s, "cancelled");
          }
          Subscription cancelled =
              rows.update(
                  c,
                  s,
                  current ->
                      Optional.of(
                          current.toBuilder()
                              .status(SubscriptionStatus.CANCELLED)
                              .nextPeriod(current.periodIndex(), null)
                              .build(clock.millis())));
          voidUnpaid(c, id);
          return cancelled;
        });
  }

  /**
   * Moves an STK subscription to another plan from its next period: the invoice of the current
   * period keeps its price. A plan of another interval starts a new schedule on the next period's
   * first day.
   */
  public Subscription changePlan(String id, String planId) {
    return database.write(
        c -> {
          Subscription s = find(c, id);
          stkOnly(s, "moved to another plan");
          if (s.status().isTerminal()) {
            throw notNow(s, "moved to another plan");
          }
          Plan to =
              plans
                  .find(c, planId)
                  .orElseThrow(() -> GatewayError.invalid("plan", "No plan " + planId + "."));
          Plan from = plans.find(c, s.planId()).orElseThrow();
          if (to.id().equals(from.id())) {
            return s;
          }
          return rows.update(
              c,
              s,
              current -> {
                Subscription.Builder next = current.toBuilder().plan(to.id());
                if (to.interval() != from.interval()
                    || to.intervalCount() != from.intervalCount()) {
                  LocalDate nextStart = current.calendar(from).periodStart(current.periodIndex());
                  int anchor =
                      from.interval().isCalendar()
                          ? current.anchorDay()
                          : nextStart.getDayOfMonth();
                  next.schedule(nextStart, anchor).nextPeriod(0, current.nextPeriodAt());
                }
                return Optional.of(next.build(clock.millis()));
              });
        });
  }

  /** Prompts another number from the next charge on. */
  public Subscription changePhone(String id, String newPhone) {
    String phone = phone(newPhone);
    return act(
        id,
        s -> {
          stkOnly(s, "moved to another number");
          if (s.status().isTerminal()) {
            throw notNow(s, "moved to another number");
          }
          return s.phone().equals(phone)
              ? Optional.empty()
              : Optional.of(s.toBuilder().phone(phone).build(clock.millis()));
        });
  }

  /**
   * Charges the oldest unpaid invoice again, by hand: the way to retry after the customer cancelled
   * a prompt (1032) or after the last automatic try. It waits for the end of quiet hours, and never
   * starts while a charge of the invoice is still in flight or unknown.
   *
   * @return the invoice, with when its charge will start
   */
  public Invoice chargeNow(String id) {
    return database.write(
        c -> {
          Subscription s = find(c, id);
          stkOnly(s, "charged by hand");
          if (!s.status().isBilling()) {
            throw notNow(s, "charged");
          }
          Invoice invoice =
              invoices.unpaid(c, id).stream()
                  .findFirst()
                  .orElseThrow(
                      () ->
                          GatewayError.conflict(
                              "nothing_to_charge",
                              "subscription " + id + " has no open or uncollectible invoice"));
          if (invoice.paymentId() != null) {
            throw GatewayError.conflict(
                "charge_in_flight",
                "invoice "
                    + invoice.id()
                    + " is being charged by payment "
                    + invoice.paymentId()
                    + "; a second charge never starts before its outcome is known");
          }
          long at = quietHours.nextAllowed(clock.millis());
          return invoiceRows.update(
              c,
              invoice,
              i ->
                  i.paymentId() != null || i.status() == InvoiceStatus.PAID
                      ? Optional.empty()
                      : Optional.of(
                          i.toBuilder()
                              .status(InvoiceStatus.OPEN)
                              .nextAttempt(at)
                              .clearAttention() // the merchant has acted on it
                              .build(clock.millis())));
        });
  }

  // ---- for the billing run, outcomes and standing orders -----------------------------------

  /** Moves a subscription in the caller's transaction (see {@link VersionedRows#update}). */
  Subscription update(
      Connection c, Subscription read, Function<Subscription, Optional<Subscription>> decide)
      throws SQLException {
    return rows.update(c, read, decide);
  }

  /** Moves an invoice in the caller's transaction (see {@link VersionedRows#update}). */
  Invoice updateInvoice(Connection c, Invoice read, Function<Invoice, Optional<Invoice>> decide)
      throws SQLException {
    return invoiceRows.update(c, read, decide);
  }

  /** The compare-and-set that entitles its caller to charge an invoice (one winner). */
  Optional<Invoice> claimInvoice(
      Connection c, Invoice read, Function<Invoice, Optional<Invoice>> decide) throws SQLException {
    return invoiceRows.claim(c, read, decide);
  }

  /** The compare-and-set that entitles its caller to invoice a subscription's next period. */
  Optional<Subscription> claim(
      Connection c, Subscription read, Function<Subscription, Optional<Subscription>> decide)
      throws SQLException {
    return rows.claim(c, read, decide);
  }

  /**
   * Runs work that appends many events in the caller's transaction, reading the webhook endpoints
   * once for all of them (a billing run's page of invoices).
   */
  <T> T withEventsBatched(Connection c, Database.Work<T> work) throws SQLException {
    return events.withSubscribersReadOnce(c, work);
  }

  /** Appends an invoice's event, in the caller's transaction. */
  void invoiceEvent(Connection c, String type, Invoice invoice) throws SQLException {
    events.append(c, type, "invoice", invoice.id(), invoiceJson(invoice), clock.millis());
  }

  /**
   * Tells the merchant that a charge of {@code invoice} failed ({@code invoice.payment_failed},
   * with the attempt's payment, result code and the next retry's time) and makes its subscription
   * past due, in the caller's transaction.
   *
   * @param paymentId the failed attempt, or {@code null} (a standing order's debit that never came)
   */
  void paymentFailed(
      Connection c, Invoice invoice, String paymentId, String resultCode, String resultDesc)
      throws SQLException {
    long now = clock.millis();
    ObjectNode json = invoiceJson(invoice);
    json.putObject("attempt")
        .put("payment", paymentId)
        .put("result_code", resultCode)
        .put("result_desc", resultDesc)
        .put("next_retry_at", Json.time(invoice.nextAttemptAt()));
    events.append(c, SubscriptionEvents.INVOICE_PAYMENT_FAILED, "invoice", invoice.id(), json, now);
    Subscription s = subscriptions.find(c, invoice.subscriptionId()).orElseThrow();
    rows.update(
        c,
        s,
        current ->
            current.status() == SubscriptionStatus.ACTIVE
                ? Optional.of(
                    current.toBuilder()
                        .status(SubscriptionStatus.PAST_DUE)
                        .result(resultCode, resultDesc)
                        .build(now))
                : Optional.empty());
  }

  /** Voids a subscription's unpaid invoices that have no charge in flight. */
  void voidUnpaid(Connection c, String subscriptionId) throws SQLException {
    for (Invoice invoice : invoices.unpaid(c, subscriptionId)) {
      invoiceRows.update(
          c,
          invoice,
          i ->
              i.paymentId() != null
                      || i.status() == InvoiceStatus.PAID
                      || i.status() == InvoiceStatus.VOID
                  ? Optional.empty()
                  : Optional.of(
                      i.toBuilder()
                          .status(InvoiceStatus.VOID)
                          .nextAttempt(null)
                          .build(clock.millis())));
    }
  }

  /** Today in Nairobi, on the gateway's clock. */
  LocalDate today() {
    return Instant.ofEpochMilli(clock.millis()).atZone(BillingCalendar.EAT).toLocalDate();
  }

  private Subscription act(String id, Function<Subscription, Optional<Subscription>> decide) {
    return database.write(c -> rows.update(c, find(c, id), decide));
  }

  private Subscription find(Connection c, String id) throws SQLException {
    return subscriptions
        .find(c, id)
        .orElseThrow(() -> GatewayError.notFound("No subscription " + id + "."));
  }

  private void subscriptionChanged(Connection c, Subscription before, Subscription after)
      throws SQLException {
    if (after.status() != before.status()) {
      String type =
          before.status() == SubscriptionStatus.PAUSED && !after.status().isTerminal()
              ? SubscriptionEvents.RESUMED
              : after.status().eventType();
      events.append(c, type, "subscription", after.id(), json(after), after.updatedAt());
    } else if (!after.planId().equals(before.planId())
        || !after.phone().equals(before.phone())
        || after.cancelAtPeriodEnd() != before.cancelAtPeriodEnd()) {
      events.append(
          c,
          SubscriptionEvents.UPDATED,
          "subscription",
          after.id(),
          json(after),
          after.updatedAt());
    }
    if (after.attention() != null && !after.attention().equals(before.attention())) {
      events.append(
          c,
          SubscriptionEvents.NEEDS_ATTENTION,
          "subscription",
          after.id(),
          json(after),
          after.updatedAt());
    }
  }

  private void invoiceChanged(Connection c, Invoice before, Invoice after) throws SQLException {
    if (after.status() != before.status()) {
      String type =
          switch (after.status()) {
            case PAID -> SubscriptionEvents.INVOICE_PAID;
            case VOID -> SubscriptionEvents.INVOICE_VOIDED;
            case UNCOLLECTIBLE -> SubscriptionEvents.INVOICE_UNCOLLECTIBLE;
            case OPEN -> SubscriptionEvents.INVOICE_REOPENED;
          };
      events.append(c, type, "invoice", after.id(), invoiceJson(after), after.updatedAt());
    }
    if (after.attention() != null && !after.attention().equals(before.attention())) {
      events.append(
          c,
          SubscriptionEvents.INVOICE_NEEDS_ATTENTION,
          "invoice",
          after.id(),
          invoiceJson(after),
          after.updatedAt());
    }
  }

  private static void stkOnly(Subscription s, String what) {
    if (s.rail() == Rail.RATIBA) {
      throw GatewayError.conflict(
          "standing_order_fixed",
          "subscription "
              + s.id()
              + " is billed by an M-Pesa Ratiba standing order, whose number, amount and schedule"
              + " M-Pesa fixes: it cannot be "
              + what
              + " here. Cancel it (the customer also cancels the standing order on their phone)"
              + " and create another.");
    }
  }

  private static GatewayError notNow(Subscription s, String what) {
    return GatewayError.conflict(
        "subscription_" + s.status().apiName(),
        "subscription " + s.id() + " is " + s.status().apiName() + " and cannot be " + what);
  }

  private static String phone(String text) {
    if (text == null) {
      throw GatewayError.invalid(
          "phone", "phone is required: the customer's number, e.g. 0712345678");
    }
    try {
      return Msisdn.parse("phone", text).value();
    } catch (DarajaValidationException e) {
      throw GatewayError.invalid("phone", e.getMessage());
    }
  }

  private static String reference(String text) {
    if (text == null || text.isBlank() || text.length() > MAX_REFERENCE) {
      throw GatewayError.invalid(
          "reference",
          "reference must be 1 to "
              + MAX_REFERENCE
              + " characters: the account reference on each prompt (and on a standing order's"
              + " debits)");
    }
    if (!text.chars().allMatch(ch -> ch >= 0x20 && ch < 0x7f)) {
      throw GatewayError.invalid(
          "reference",
          "reference must be printable ASCII (letters, digits, spaces, - and the like)");
    }
    return text;
  }

  private static String checkName(String name) {
    if (name == null || name.isBlank() || name.length() > 100) {
      throw GatewayError.invalid("name", "name must be 1 to 100 characters, e.g. \"Gym monthly\"");
    }
    return GatewayError.printable(name);
  }

  private static void checkAmount(long amount) {
    if (amount < 1 || amount > MAX_AMOUNT) {
      throw GatewayError.invalid(
          "amount",
          "amount must be whole KES from 1 to "
              + MAX_AMOUNT
              + " (one STK push's limit), got "
              + amount);
    }
  }

  // ---- JSON ----------------------------------------------------------------------------------

  /** The subscription as the merchant API shows it. */
  public static ObjectNode json(Subscription s) {
    ObjectNode node = Json.object();
    node.put("id", s.id())
        .put("object", "subscription")
        .put("status", s.status().apiName())
        .put("plan", s.planId())
        .put("phone", s.phone())
        .put("reference", s.reference())
        .put("rail", s.rail().apiName())
        .put("start_date", s.startDate().toString())
        .put("trial_end", s.trialEnd() == null ? null : s.trialEnd().toString())
        .put("end_date", s.endDate() == null ? null : s.endDate().toString())
        .put("billing_anchor", s.anchorDay())
        .put("next_billing_at", Json.time(s.nextPeriodAt()))
        .put("cancel_at_period_end", s.cancelAtPeriodEnd());
    if (s.rail() == Rail.RATIBA) {
      node.putObject("standing_order")
          .put("name", s.standingOrderName())
          .put("response_ref_id", s.standingOrderRef())
          .put("transaction_id", s.standingOrderReceipt())
          .put("amount", s.standingOrderAmount());
    } else {
      node.putNull("standing_order");
    }
    node.put("result_code", s.resultCode())
        .put("result_desc", s.resultDesc())
        .put("needs_attention", s.attention());
    if (s.metadata() == null) {
      node.putNull("metadata");
    } else {
      node.set("metadata", Json.parseStored(s.metadata()));
    }
    node.put("created_at", Json.time(s.createdAt())).put("updated_at", Json.time(s.updatedAt()));
    return node;
  }

  /** The invoice as the merchant API shows it. */
  public static ObjectNode invoiceJson(Invoice i) {
    ObjectNode node = Json.object();
    node.put("id", i.id())
        .put("object", "invoice")
        .put("subscription", i.subscriptionId())
        .put("status", i.status().apiName())
        .put("amount", i.amount())
        .put("currency", "KES")
        .put("period_start", i.periodStart().toString())
        .put("period_end", i.periodEnd().toString())
        .put("due_at", Json.time(i.dueAt()))
        .put("attempts", i.attempts())
        .put("payment_in_flight", i.paymentId())
        .put("next_attempt_at", Json.time(i.nextAttemptAt()))
        .put("result_code", i.resultCode())
        .put("result_desc", i.resultDesc())
        .put("paid_at", Json.time(i.paidAt()))
        .put("mpesa_receipt", i.receipt())
        .put("needs_attention", i.attention())
        .put("created_at", Json.time(i.createdAt()))
        .put("updated_at", Json.time(i.updatedAt()));
    return node;
  }
}
