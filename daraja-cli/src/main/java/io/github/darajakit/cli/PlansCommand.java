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
import picocli.CommandLine.Spec;

/** {@code daraja plans}: the price lists subscriptions bill by, in a running gateway. */
@Command(
    name = "plans",
    mixinStandardHelpOptions = true,
    description = "Plans of a running gateway: what subscribers pay, and how often.",
    subcommands = {PlansCommand.Create.class, PlansCommand.ListPlans.class})
final class PlansCommand {

  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      description = {
        "Creates a plan: an amount billed every interval.",
        "",
        "Example:",
        "  daraja plans create --name 'Gym monthly' --amount 1500 --interval month --trial-days 7"
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
        JsonNode plan = gw.post("/v1/plans", body, "cli-" + UUID.randomUUID());
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
}
