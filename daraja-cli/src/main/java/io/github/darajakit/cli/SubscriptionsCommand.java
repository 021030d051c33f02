package io.github.darajakit.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code daraja subscriptions}: recurring billing in a running gateway. */
@Command(
    name = "subscriptions",
    mixinStandardHelpOptions = true,
    description = "Subscriptions of a running gateway: customers billed on a plan each period.",
    subcommands = {
      SubscriptionsCommand.Create.class,
      SubscriptionsCommand.ListSubscriptions.class,
      SubscriptionsCommand.Show.class,
      SubscriptionsCommand.Pause.class,
      SubscriptionsCommand.Resume.class,
      SubscriptionsCommand.ChargeNow.class,
      SubscriptionsCommand.ChangePlan.class,
      SubscriptionsCommand.ChangePhone.class,
      SubscriptionsCommand.Cancel.class
    })
final class SubscriptionsCommand {

  /** What every subscription command has: the gateway, --json, and where to print. */
  abstract static class GatewayCall implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin GatewayOptions gateway;
    @Mixin Output output;

    @Override
    public Integer call() {
      try (PayoutsCommand.Gateway gw = gateway.connect()) {
        return call(gw);
      }
    }

    abstract Integer call(PayoutsCommand.Gateway gw);

    void print(JsonNode data, String text) {
      output.print(spec.commandLine().getOut(), (ObjectNode) data, text);
    }

    /** The path of one subscription; an id is checked before it goes into a URL. */
    static String path(String id, String action) {
      return BillingText.objectPath("subscriptions", "a subscription", "sub_", id)
          + (action == null ? "" : "/" + action);
    }
  }

  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      description = {
        "Subscribes a customer to a plan. Billing starts on --start-date (today in East",
        "Africa Time by default); each period's invoice is charged by an STK push, or by",
        "M-Pesa itself with --rail ratiba (a standing order the customer approves first).",
        "",
        "Example:",
        "  daraja subscriptions create --phone 0708374149 --plan plan_… --reference GYM-1 \\",
        "      --idempotency-key member-42"
      })
  static final class Create extends GatewayCall {
    @Option(names = "--phone", required = true, description = "The customer's number.")
    String phone;

    @Option(names = "--plan", required = true, paramLabel = "ID", description = "The plan.")
    String plan;

    @Option(
        names = "--reference",
        required = true,
        description = "The account reference on each prompt (up to 12 characters).")
    String reference;

    @Option(
        names = "--start-date",
        paramLabel = "yyyy-MM-dd",
        description = "The first billing day, East Africa Time (default: today).")
    String startDate;

    @Option(
        names = "--anchor",
        paramLabel = "N",
        description =
            "The day of the month monthly, quarterly and yearly periods begin on, 1 to 31"
                + " (default: the start date's).")
    Integer anchor;

    @Option(
        names = "--rail",
        paramLabel = "stk|ratiba",
        description = "How each period is charged (default: stk).")
    String rail;

    @Mixin PlansCommand.IdempotencyKey idempotency;

    @Override
    Integer call(PayoutsCommand.Gateway gw) {
      ObjectNode body = Output.object();
      body.put("phone", phone).put("plan", plan).put("reference", reference);
      if (startDate != null) {
        try {
          LocalDate.parse(startDate);
        } catch (DateTimeParseException e) {
          throw new UsageException(
              "--start-date must be a date written yyyy-MM-dd, e.g. 2027-01-31; got '"
                  + startDate
                  + "'");
        }
        body.put("start_date", startDate);
      }
      if (anchor != null) {
        body.put("billing_anchor", anchor);
      }
      if (rail != null) {
        body.put("rail", rail);
      }
      JsonNode s = gw.post("/v1/subscriptions", body, idempotency.orRandom());
      String text =
          "Subscription "
              + s.path("id").asText()
              + " created ("
              + s.path("status").asText()
              + "): "
              + s.path("phone").asText()
              + " on "
              + s.path("plan").asText()
              + ", next billing "
              + BillingText.time(s.path("next_billing_at"))
              + ".";
      if (s.path("status").asText().equals("pending")) {
        text += "\nThe customer is asked to approve the standing order; nothing is billed before.";
      }
      print(s, text);
      return 0;
    }
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = {
        "Lists subscriptions, newest first.",
        "",
        "Example:",
        "  daraja subscriptions list --status past_due"
      })
  static final class ListSubscriptions extends GatewayCall {
    @Option(
        names = "--status",
        description =
            "Only these: pending, trialing, active, past_due, paused, cancelled or ended.")
    String status;

    @Option(names = "--plan", paramLabel = "ID", description = "Only those on this plan.")
    String plan;

    @Option(names = "--phone", description = "Only this customer's.")
    String phone;

    @Option(names = "--reference", description = "Only those with this account reference.")
    String reference;

    @Mixin PlansCommand.Page page;

    @Override
    Integer call(PayoutsCommand.Gateway gw) {
      JsonNode answer =
          gw.json(
              gw.get(
                  BillingText.query(
                      "/v1/subscriptions",
                      page.namesAndValues(
                          "status",
                          status,
                          "plan",
                          plan,
                          "phone",
                          phone,
                          "reference",
                          reference))));
      List<List<String>> rows = new ArrayList<>();
      for (JsonNode s : answer.path("data")) {
        rows.add(
            List.of(
                s.path("id").asText(),
                s.path("status").asText(),
                s.path("phone").asText(),
                s.path("reference").asText(),
                s.path("plan").asText(),
                BillingText.time(s.path("next_billing_at"))));
      }
      print(
          answer,
          BillingText.table(
              List.of("ID", "STATUS", "PHONE", "REFERENCE", "PLAN", "NEXT BILLING"),
              rows,
              answer,
              "No subscriptions."));
      return 0;
    }
  }

  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      description = {
        "Shows a subscription, its plan, and its newest invoices with each attempt to charge",
        "them (the payment, its status and M-Pesa's result).",
        "",
        "Example:",
        "  daraja subscriptions show sub_…"
      })
  static final class Show extends GatewayCall {
    @Parameters(paramLabel = "ID", description = "The subscription, sub_….")
    String id;

    @Override
    Integer call(PayoutsCommand.Gateway gw) {
      JsonNode s = gw.json(gw.get(path(id, null)));
      JsonNode plan = gw.json(gw.get("/v1/plans/" + s.path("plan").asText()));
      JsonNode list =
          gw.json(gw.get(BillingText.query("/v1/invoices", "subscription", id, "limit", "10")));
      ObjectNode data = Output.object();
      data.set("subscription", s);
      data.set("plan", plan);
      ArrayNode invoices = data.putArray("invoices");
      for (JsonNode invoice : list.path("data")) {
        invoices.add(gw.json(gw.get("/v1/invoices/" + invoice.path("id").asText())));
      }
      data.put("more_invoices", list.path("has_more").asBoolean());
      print(data, text(s, plan, invoices, list.path("has_more").asBoolean()));
      return 0;
    }

    private static String text(JsonNode s, JsonNode plan, ArrayNode invoices, boolean more) {
      StringBuilder t = BillingText.heading("Subscription", s, s.path("status").asText());
      BillingText.fact(t, "Phone", BillingText.text(s.path("phone")));
      BillingText.fact(t, "Reference", BillingText.text(s.path("reference")));
      BillingText.fact(
          t,
          "Plan",
          plan.path("name").asText()
              + " ("
              + plan.path("id").asText()
              + "): "
              + BillingText.price(plan));
      BillingText.fact(
          t,
          "Charged by",
          s.path("rail").asText().equals("ratiba") ? "Ratiba standing order" : "STK push");
      BillingText.fact(t, "Started", BillingText.text(s.path("start_date")));
      if (!s.path("trial_end").isNull()) {
        BillingText.fact(t, "Trial ends", BillingText.text(s.path("trial_end")));
      }
      BillingText.fact(t, "Next billing", BillingText.time(s.path("next_billing_at")));
      if (!s.path("end_date").isNull()) {
        BillingText.fact(t, "Ends", BillingText.text(s.path("end_date")));
      }
      if (s.path("cancel_at_period_end").asBoolean()) {
        BillingText.fact(t, "Cancels", "when the current period ends");
      }
      if (BillingText.result(s) != null) {
        BillingText.fact(t, "Last result", BillingText.result(s));
      }
      if (BillingText.isSet(s.path("needs_attention"))) {
        BillingText.fact(t, "Needs attention", s.path("needs_attention").asText());
      }
      BillingText.fact(t, "Created", BillingText.time(s.path("created_at")));
      t.append('\n').append(more ? "Newest invoices:" : "Invoices:");
      if (invoices.isEmpty()) {
        t.append(" none yet");
      }
      for (JsonNode invoice : invoices) {
        t.append("\n  ")
            .append(invoice.path("id").asText())
            .append("  ")
            .append(invoice.path("status").asText())
            .append("  ")
            .append(BillingText.money(invoice.path("amount")))
            .append("  ")
            .append(invoice.path("period_start").asText())
            .append(" to ")
            .append(invoice.path("period_end").asText())
            .append("  due ")
            .append(BillingText.time(invoice.path("due_at")));
        BillingText.charges(t, invoice, "    ");
      }
      return t.toString();
    }
  }

  /** An action on one subscription: {@code POST /v1/subscriptions/{id}/<action>}. */
  abstract static class Action extends GatewayCall {
    @Parameters(paramLabel = "ID", description = "The subscription, sub_….")
    String id;

    /** Sends the action, with {@code body} (none when null), and answers the API's reply. */
    JsonNode send(PayoutsCommand.Gateway gw, String action, JsonNode body) {
      return gw.post(path(id, action), body, "cli-" + UUID.randomUUID());
    }

    /** Sends the action and prints "Subscription sub_… {@code done}." */
    Integer act(PayoutsCommand.Gateway gw, String action, JsonNode body, String done) {
      JsonNode s = send(gw, action, body);
      print(s, "Subscription " + s.path("id").asText() + " " + done + ".");
      return 0;
    }
  }

  @Command(
      name = "pause",
      mixinStandardHelpOptions = true,
      description = {
        "Pauses a subscription: nothing is invoiced or charged until it is resumed.",
        "",
        "Example:",
        "  daraja subscriptions pause sub_…"
      })
  static final class Pause extends Action {
    @Override
    Integer call(PayoutsCommand.Gateway gw) {
      return act(gw, "pause", null, "paused");
    }
  }

  @Command(
      name = "resume",
      mixinStandardHelpOptions = true,
      description = {
        "Resumes a paused subscription.",
        "",
        "Example:",
        "  daraja subscriptions resume sub_…"
      })
  static final class Resume extends Action {
    @Override
    Integer call(PayoutsCommand.Gateway gw) {
      return act(gw, "resume", null, "resumed");
    }
  }

  @Command(
      name = "cancel",
      mixinStandardHelpOptions = true,
      description = {
        "Cancels a subscription now, or when its current period ends with --at-period-end.",
        "Cancelling now cannot be undone.",
        "",
        "Example:",
        "  daraja subscriptions cancel sub_… --at-period-end"
      })
  static final class Cancel extends Action {
    @Option(
        names = "--at-period-end",
        description = "Cancel when the current period ends: the period paid for runs on.")
    boolean atPeriodEnd;

    @Override
    Integer call(PayoutsCommand.Gateway gw) {
      ObjectNode body = Output.object().put("at_period_end", atPeriodEnd);
      return act(
          gw,
          "cancel",
          body,
          atPeriodEnd ? "will be cancelled when its current period ends" : "cancelled");
    }
  }

  @Command(
      name = "charge-now",
      mixinStandardHelpOptions = true,
      description = {
        "Charges a subscription's oldest unpaid invoice again now, without waiting for its",
        "next try (after quiet hours, if it is in them). The customer gets an STK prompt;",
        "'daraja subscriptions show' shows how it ends.",
        "",
        "Example:",
        "  daraja subscriptions charge-now sub_…"
      })
  static final class ChargeNow extends Action {
    @Override
    Integer call(PayoutsCommand.Gateway gw) {
      JsonNode invoice = send(gw, "charge-now", null);
      // The gateway's billing run starts the charge at next_attempt_at: now, or when quiet hours
      // end.
      print(
          invoice,
          "Invoice "
              + invoice.path("id").asText()
              + " ("
              + BillingText.money(invoice.path("amount"))
              + ") will be charged at "
              + BillingText.time(invoice.path("next_attempt_at"))
              + ". See how it ends: daraja subscriptions show "
              + id);
      return 0;
    }
  }

  @Command(
      name = "change-plan",
      mixinStandardHelpOptions = true,
      description = {
        "Moves a subscription to another plan from its next period: the current period's",
        "invoice keeps its price (no proration). STK subscriptions only.",
        "",
        "Example:",
        "  daraja subscriptions change-plan sub_… --plan plan_…"
      })
  static final class ChangePlan extends Action {
    @Option(
        names = "--plan",
        required = true,
        paramLabel = "ID",
        description = "The plan billed from the next period.")
    String plan;

    @Override
    Integer call(PayoutsCommand.Gateway gw) {
      JsonNode s = send(gw, "change-plan", Output.object().put("plan", plan));
      JsonNode now = gw.json(gw.get(PlansCommand.planPath(plan)));
      print(
          s,
          "Subscription "
              + s.path("id").asText()
              + " is on "
              + now.path("name").asText()
              + " ("
              + now.path("id").asText()
              + "): "
              + BillingText.price(now)
              + ", from its next period ("
              + BillingText.time(s.path("next_billing_at"))
              + ").");
      return 0;
    }
  }

  @Command(
      name = "change-phone",
      mixinStandardHelpOptions = true,
      description = {
        "Changes the number a subscription prompts, from its next charge on. STK",
        "subscriptions only: a Ratiba standing order's number is fixed by M-Pesa.",
        "",
        "Example:",
        "  daraja subscriptions change-phone sub_… --phone 0712345678"
      })
  static final class ChangePhone extends Action {
    @Option(names = "--phone", required = true, description = "The customer's new number.")
    String phone;

    @Override
    Integer call(PayoutsCommand.Gateway gw) {
      JsonNode s = send(gw, "change-phone", Output.object().put("phone", phone));
      print(
          s,
          "Subscription "
              + s.path("id").asText()
              + " prompts "
              + s.path("phone").asText()
              + " from its next charge on.");
      return 0;
    }
  }
}
