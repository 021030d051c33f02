package io.github.darajakit.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code daraja plans}: the price lists subscriptions bill by, in a running gateway. */
@Command(
    name = "plans",
    mixinStandardHelpOptions = true,
    description = "Plans of a running gateway: what subscribers pay, and how often.",
    subcommands = {
      PlansCommand.Create.class,
      PlansCommand.ListPlans.class,
      PlansCommand.Show.class,
      PlansCommand.Update.class
    })
final class PlansCommand {

  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      description = {
        "Creates a plan: an amount billed every interval.",
        "",
        "Example:",
        "  daraja plans create --name 'Gym monthly' --amount 1500 --interval month --trial-days 7 \\",
        "      --idempotency-key plan-gym-monthly"
      })
  static final class Create implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin GatewayOptions gateway;
    @Mixin Output output;

    @Option(names = "--name", required = true, description = "What people call it.")
    String name;

    @Option(names = "--amount", required = true, description = "Whole shillings a period.")
    long amount;

    @Option(
        names = "--interval",
        required = true,
        description = "day, week, month, quarter or year.")
    String interval;

    @Option(
        names = "--interval-count",
        paramLabel = "N",
        description = "Bill every N intervals (default: 1).")
    Integer intervalCount;

    @Option(
        names = "--trial-days",
        paramLabel = "N",
        description = "Days free before the first bill (default: 0).")
    Integer trialDays;

    @Mixin IdempotencyKey idempotency;

    @Override
    public Integer call() {
      ObjectNode body = Output.object();
      body.put("name", name).put("amount", amount).put("interval", interval);
      if (intervalCount != null) {
        body.put("interval_count", intervalCount);
      }
      if (trialDays != null) {
        body.put("trial_days", trialDays);
      }
      try (PayoutsCommand.Gateway gw = gateway.connect()) {
        JsonNode plan = gw.post("/v1/plans", body, idempotency.orRandom());
        output.print(
            spec.commandLine().getOut(),
            (ObjectNode) plan,
            "Plan "
                + plan.path("id").asText()
                + " created: "
                + plan.path("name").asText()
                + ", "
                + BillingText.price(plan)
                + ".");
        return 0;
      }
    }
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = {"Lists plans, newest first.", "", "Example:", "  daraja plans list"})
  static final class ListPlans implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin GatewayOptions gateway;
    @Mixin Output output;
    @Mixin Page page;

    @Override
    public Integer call() {
      try (PayoutsCommand.Gateway gw = gateway.connect()) {
        JsonNode answer = gw.json(gw.get(BillingText.query("/v1/plans", page.namesAndValues())));
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode plan : answer.path("data")) {
          rows.add(
              List.of(
                  plan.path("id").asText(), plan.path("name").asText(), BillingText.price(plan)));
        }
        output.print(
            spec.commandLine().getOut(),
            (ObjectNode) answer,
            BillingText.table(List.of("ID", "NAME", "PRICE"), rows, answer, "No plans yet."));
        return 0;
      }
    }
  }

  /** {@code --limit} and {@code --starting-after}, as every list of the API pages. */
  static final class Page {
    @Option(
        names = "--limit",
        paramLabel = "N",
        description = "At most this many, 1 to 100 (default: 25).")
    Integer limit;

    @Option(
        names = "--starting-after",
        paramLabel = "ID",
        description = "The next page: those after this id (the last one shown).")
    String startingAfter;

    String[] namesAndValues(String... more) {
      List<String> all = new ArrayList<>(Arrays.asList(more));
      all.addAll(
          Arrays.asList(
              "limit", limit == null ? null : limit.toString(), "starting_after", startingAfter));
      return all.toArray(String[]::new);
    }
  }

  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      description = {"Shows a plan.", "", "Example:", "  daraja plans show plan_…"})
  static final class Show extends SubscriptionsCommand.GatewayCall {
    @Parameters(paramLabel = "ID", description = "The plan, plan_….")
    String id;

    @Override
    Integer call(PayoutsCommand.Gateway gw) {
      JsonNode plan = gw.json(gw.get(planPath(id)));
      StringBuilder t = BillingText.heading("Plan", plan, plan.path("name").asText());
      BillingText.fact(
          t, "Price", BillingText.money(plan.path("amount")) + " " + BillingText.every(plan));
      int trial = plan.path("trial_days").asInt();
      BillingText.fact(t, "Free trial", trial > 0 ? trial + " days" : "none");
      if (BillingText.isSet(plan.path("metadata")) && !plan.path("metadata").isEmpty()) {
        BillingText.fact(t, "Metadata", plan.path("metadata").toString());
      }
      BillingText.fact(t, "Created", BillingText.time(plan.path("created_at")));
      BillingText.fact(t, "Last changed", BillingText.time(plan.path("updated_at")));
      t.append("\nIts subscriptions: daraja subscriptions list --plan ")
          .append(plan.path("id").asText());
      print(plan, t.toString());
      return 0;
    }
  }

  @Command(
      name = "update",
      mixinStandardHelpOptions = true,
      description = {
        "Changes a plan's price or name. Each subscription pays a new price from its next",
        "period: invoices already made keep the price they were made with.",
        "",
        "Example:",
        "  daraja plans update plan_… --amount 1800"
      })
  static final class Update extends SubscriptionsCommand.GatewayCall {
    @Parameters(paramLabel = "ID", description = "The plan, plan_….")
    String id;

    @Option(names = "--amount", paramLabel = "N", description = "The new price, whole shillings.")
    Long amount;

    @Option(names = "--name", paramLabel = "TEXT", description = "The new name.")
    String name;

    @Override
    Integer call(PayoutsCommand.Gateway gw) {
      if (amount == null && name == null) {
        throw new UsageException("say what changes: --amount, --name or both");
      }
      ObjectNode body = Output.object();
      if (name != null) {
        body.put("name", name);
      }
      if (amount != null) {
        body.put("amount", amount);
      }
      JsonNode plan = gw.post(planPath(id), body, "cli-" + UUID.randomUUID());
      print(
          plan,
          "Plan "
              + plan.path("id").asText()
              + " updated: "
              + plan.path("name").asText()
              + ", "
              + BillingText.price(plan)
              + "."
              + (amount == null
                  ? ""
                  : "\nSubscriptions pay it from their next period; invoices already made keep"
                      + " their price."));
      return 0;
    }
  }

  static String planPath(String id) {
    return BillingText.objectPath("plans", "a plan", "plan_", id);
  }

  /**
   * {@code --idempotency-key}: a create sent again with the same key (after an interruption, a
   * timeout, a lost answer) gets the first one's answer from the gateway instead of making a
   * second. Without it each run is a new request.
   */
  static final class IdempotencyKey {
    @Option(
        names = "--idempotency-key",
        paramLabel = "KEY",
        description =
            "Sent as the Idempotency-Key header: run the same command with the same key again"
                + " and the gateway answers what it made the first time, instead of making a"
                + " second (up to 255 characters; default: a new random key).")
    String key;

    String orRandom() {
      return key != null ? key : "cli-" + UUID.randomUUID();
    }
  }
}
