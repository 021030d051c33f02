package io.github.darajakit.gateway.subscriptions.web;

import static io.github.darajakit.gateway.http.Requests.allowOnly;
import static io.github.darajakit.gateway.http.Requests.cursor;
import static io.github.darajakit.gateway.http.Requests.flag;
import static io.github.darajakit.gateway.http.Requests.idempotencyScope;
import static io.github.darajakit.gateway.http.Requests.limit;
import static io.github.darajakit.gateway.http.Requests.list;
import static io.github.darajakit.gateway.http.Requests.metadata;
import static io.github.darajakit.gateway.http.Requests.optionalText;
import static io.github.darajakit.gateway.http.Requests.requiredText;
import static io.github.darajakit.gateway.http.Requests.wholeKes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.darajakit.client.DarajaValidationException;
import io.github.darajakit.client.Msisdn;
import io.github.darajakit.gateway.core.Json;
import io.github.darajakit.gateway.http.ApiError;
import io.github.darajakit.gateway.http.HttpCall;
import io.github.darajakit.gateway.http.Reply;
import io.github.darajakit.gateway.http.Router;
import io.github.darajakit.gateway.payments.PaymentStore;
import io.github.darajakit.gateway.subscriptions.Interval;
import io.github.darajakit.gateway.subscriptions.Invoice;
import io.github.darajakit.gateway.subscriptions.InvoiceStatus;
import io.github.darajakit.gateway.subscriptions.InvoiceStore;
import io.github.darajakit.gateway.subscriptions.Plan;
import io.github.darajakit.gateway.subscriptions.PlanStore;
import io.github.darajakit.gateway.subscriptions.Rail;
import io.github.darajakit.gateway.subscriptions.StandingOrders;
import io.github.darajakit.gateway.subscriptions.Subscription;
import io.github.darajakit.gateway.subscriptions.SubscriptionStatus;
import io.github.darajakit.gateway.subscriptions.SubscriptionStore;
import io.github.darajakit.gateway.subscriptions.Subscriptions;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/** {@code /v1/plans}, {@code /v1/subscriptions} and {@code /v1/invoices}. */
public final class SubscriptionsApi {

  private final Subscriptions service;
  private final StandingOrders standingOrders;
  private final PlanStore plans;
  private final SubscriptionStore subscriptions;
  private final InvoiceStore invoices;
  private final PaymentStore payments;

  public SubscriptionsApi(
      Subscriptions service,
      StandingOrders standingOrders,
      PlanStore plans,
      SubscriptionStore subscriptions,
      InvoiceStore invoices,
      PaymentStore payments) {
    this.service = service;
    this.standingOrders = standingOrders;
    this.plans = plans;
    this.subscriptions = subscriptions;
    this.invoices = invoices;
    this.payments = payments;
  }

  /** Adds the routes. */
  public void routes(Router router) {
    router
        .add("POST", "/v1/plans", this::createPlan)
        .add("GET", "/v1/plans", Set.of("starting_after", "limit"), this::listPlans)
        .add("GET", "/v1/plans/{id}", call -> Reply.json(200, plan(call.pathParam("id")).toJson()))
        .add("POST", "/v1/plans/{id}", this::updatePlan)
        .add("POST", "/v1/subscriptions", this::createSubscription)
        .add(
            "GET",
            "/v1/subscriptions",
            Set.of(
                "status",
                "plan",
                "phone",
                "reference",
                "needs_attention",
                "starting_after",
                "limit"),
            this::listSubscriptions)
        .add(
            "GET",
            "/v1/subscriptions/{id}",
            call -> subscription(subscriptions.find(call.pathParam("id")).orElse(null), call))
        .add(
            "POST",
            "/v1/subscriptions/{id}/pause",
            call -> {
              emptyBody(call);
              return act(service.pause(id(call)));
            })
        .add(
            "POST",
            "/v1/subscriptions/{id}/resume",
            call -> {
              emptyBody(call);
              return act(service.resume(id(call)));
            })
        .add("POST", "/v1/subscriptions/{id}/cancel", this::cancel)
        .add("POST", "/v1/subscriptions/{id}/change-plan", this::changePlan)
        .add("POST", "/v1/subscriptions/{id}/change-phone", this::changePhone)
        .add(
            "POST",
            "/v1/subscriptions/{id}/charge-now",
            call -> {
              emptyBody(call);
              return Reply.json(200, invoiceJson(service.chargeNow(id(call))));
            })
        .add(
            "GET",
            "/v1/invoices",
            Set.of("subscription", "status", "needs_attention", "starting_after", "limit"),
            this::listInvoices)
        .add("GET", "/v1/invoices/{id}", this::getInvoice);
  }

  private Reply createPlan(HttpCall call) {
    JsonNode body = call.jsonObject();
    allowOnly(
        body, Set.of("name", "amount", "interval", "interval_count", "trial_days", "metadata"));
    String name = requiredText(body, "name", "what people call it, e.g. \"Gym monthly\"");
    long amount = wholeKes(body, "amount");
    String intervalText = requiredText(body, "interval", "day, week, month, quarter or year");
    Interval interval =
        Interval.forApiName(intervalText)
            .orElseThrow(
                () ->
                    ApiError.invalid(
                        "interval",
                        "interval must be day, week, month, quarter or year; got '"
                            + intervalText
                            + "'"));
    int count = wholeNumber(body, "interval_count", 1);
    int trialDays = wholeNumber(body, "trial_days", 0);
    Plan plan =
        service.createPlan(
            new Subscriptions.NewPlan(
                name,
                amount,
                interval,
                count,
                trialDays,
                metadata(body.get("metadata")),
                idempotencyScope(call)));
    return Reply.json(201, plan.toJson());
  }

  private Reply updatePlan(HttpCall call) {
    JsonNode body = call.jsonObject();
    allowOnly(body, Set.of("name", "amount"));
    String name = optionalText(body, "name", "what people call it");
    Long amount = body.hasNonNull("amount") ? wholeKes(body, "amount") : null;
    return Reply.json(200, service.updatePlan(call.pathParam("id"), name, amount).toJson());
  }

  private Reply listPlans(HttpCall call) {
    int limit = limit(call);
    return list(
        "/v1/plans",
        plans.list(cursor(call, id -> plans.find(id).isPresent()), limit + 1),
        limit,
        Plan::toJson);
  }

  private Reply createSubscription(HttpCall call) {
    JsonNode body = call.jsonObject();
    allowOnly(
        body,
        Set.of(
            "phone",
            "plan",
            "reference",
            "start_date",
            "billing_anchor",
            "end_date",
            "rail",
            "metadata"));
    String phone = requiredText(body, "phone", "the customer's number, e.g. \"0712345678\"");
    String plan = requiredText(body, "plan", "the id of a plan, e.g. \"plan_…\"");
    String reference =
        requiredText(
            body, "reference", "up to 12 characters, the account reference on each prompt");
    String railText = optionalText(body, "rail", "stk (the default) or ratiba");
    Rail rail =
        railText == null
            ? Rail.STK
            : Rail.forApiName(railText)
                .orElseThrow(
                    () ->
                        ApiError.invalid(
                            "rail", "rail must be stk or ratiba; got '" + railText + "'"));
    Integer anchor =
        body.hasNonNull("billing_anchor") ? wholeNumber(body, "billing_anchor", 0) : null;
    Subscriptions.Created created =
        service.create(
            new Subscriptions.NewSubscription(
                phone,
                plan,
                reference,
                date(body, "start_date"),
                anchor,
                date(body, "end_date"),
                rail,
                metadata(body.get("metadata")),
                idempotencyScope(call)));
    Subscription s = created.subscription();
    if (created.isNew() && s.rail() == Rail.RATIBA) {
      s = standingOrders.request(s);
    }
    return Reply.json(201, Subscriptions.json(s));
  }

  private Reply listSubscriptions(HttpCall call) {
    Set<SubscriptionStatus> statuses = Set.of();
    String status = call.query("status");
    if (status != null) {
      statuses =
          Set.of(
              SubscriptionStatus.forApiName(status)
                  .orElseThrow(
                      () ->
                          ApiError.invalid(
                              "status",
                              "status must be one of "
                                  + Arrays.stream(SubscriptionStatus.values())
                                      .map(SubscriptionStatus::apiName)
                                      .collect(Collectors.joining(", "))
                                  + "; got '"
                                  + status
                                  + "'")));
    }
    String phone = call.query("phone");
    if (phone != null) {
      try {
        phone = Msisdn.parse("phone", phone).value();
      } catch (DarajaValidationException e) {
        throw ApiError.invalid("phone", e.getMessage());
      }
    }
    int limit = limit(call);
    return list(
        "/v1/subscriptions",
        subscriptions.list(
            statuses,
            call.query("plan"),
            phone,
            call.query("reference"),
            flag(call, "needs_attention"),
            cursor(call, id -> subscriptions.find(id).isPresent()),
            limit + 1),
        limit,
        Subscriptions::json);
  }

  private Reply subscription(Subscription s, HttpCall call) {
    if (s == null) {
      throw ApiError.notFound("No subscription " + call.pathParam("id") + ".");
    }
    return Reply.json(200, Subscriptions.json(s));
  }

  private static Reply act(Subscription s) {
    return Reply.json(200, Subscriptions.json(s));
  }

  private Reply cancel(HttpCall call) {
    JsonNode body = optionalBody(call);
    allowOnly(body, Set.of("at_period_end"));
    JsonNode atEnd = body.get("at_period_end");
    if (atEnd != null && !atEnd.isNull() && !atEnd.isBoolean()) {
      throw ApiError.invalid(
          "at_period_end",
          "at_period_end must be true (cancel when the current period ends) or false (now)");
    }
    return Reply.json(
        200, Subscriptions.json(service.cancel(id(call), atEnd != null && atEnd.asBoolean())));
  }

  private Reply changePlan(HttpCall call) {
    JsonNode body = call.jsonObject();
    allowOnly(body, Set.of("plan"));
    String plan = requiredText(body, "plan", "the id of the plan billed from the next period");
    return Reply.json(200, Subscriptions.json(service.changePlan(id(call), plan)));
  }

  private Reply changePhone(HttpCall call) {
    JsonNode body = call.jsonObject();
    allowOnly(body, Set.of("phone"));
    String phone = requiredText(body, "phone", "the number prompted from the next charge on");
    return Reply.json(200, Subscriptions.json(service.changePhone(id(call), phone)));
  }

  private Reply listInvoices(HttpCall call) {
    Set<InvoiceStatus> statuses = Set.of();
    String status = call.query("status");
    if (status != null) {
      statuses =
          Set.of(
              InvoiceStatus.forApiName(status)
                  .orElseThrow(
                      () ->
                          ApiError.invalid(
                              "status",
                              "status must be open, paid, void or uncollectible; got '"
                                  + status
                                  + "'")));
    }
    int limit = limit(call);
    return list(
        "/v1/invoices",
        invoices.list(
            call.query("subscription"),
            statuses,
            flag(call, "needs_attention"),
            cursor(call, id -> invoices.find(id).isPresent()),
            limit + 1),
        limit,
        Subscriptions::invoiceJson);
  }

  private Reply getInvoice(HttpCall call) {
    String id = call.pathParam("id");
    Invoice invoice =
        invoices.find(id).orElseThrow(() -> ApiError.notFound("No invoice " + id + "."));
    return Reply.json(200, invoiceJson(invoice));
  }

  /** An invoice with each of its charge attempts and where that payment stands. */
  private ObjectNode invoiceJson(Invoice invoice) {
    ObjectNode node = Subscriptions.invoiceJson(invoice);
    ArrayNode attempts = node.putArray("charges");
    for (InvoiceStore.Attempt attempt : invoices.attempts(invoice.id())) {
      ObjectNode a = attempts.addObject();
      a.put("attempt", attempt.attempt())
          .put("payment", attempt.paymentId())
          .put("created_at", Json.time(attempt.createdAt()));
      payments
          .find(attempt.paymentId())
          .ifPresent(
              p ->
                  a.put("status", p.status().apiName())
                      .put("result_code", p.resultCode())
                      .put("result_desc", p.resultDesc())
                      .put("mpesa_receipt", p.receipt()));
    }
    return node;
  }

  private Plan plan(String id) {
    return plans.find(id).orElseThrow(() -> ApiError.notFound("No plan " + id + "."));
  }

  private static String id(HttpCall call) {
    return call.pathParam("id");
  }

  private static JsonNode optionalBody(HttpCall call) {
    return call.body().length == 0 ? Json.object() : call.jsonObject();
  }

  private static void emptyBody(HttpCall call) {
    allowOnly(optionalBody(call), Set.of());
  }

  private static int wholeNumber(JsonNode body, String field, int absent) {
    JsonNode node = body.get(field);
    if (node == null || node.isNull()) {
      return absent;
    }
    if (!node.isIntegralNumber() || !node.canConvertToInt()) {
      throw ApiError.invalid(field, field + " must be a whole number, got " + node);
    }
    return node.intValue();
  }

  private static LocalDate date(JsonNode body, String field) {
    String text = optionalText(body, field, "a date, yyyy-MM-dd (East Africa Time)");
    if (text == null) {
      return null;
    }
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw ApiError.invalid(
          field, field + " must be a date written yyyy-MM-dd, e.g. 2027-01-31; got '" + text + "'");
    }
  }
}
