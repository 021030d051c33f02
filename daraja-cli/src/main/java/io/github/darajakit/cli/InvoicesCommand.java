package io.github.darajakit.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code daraja invoices}: what subscriptions were billed, in a running gateway. */
@Command(
    name = "invoices",
    mixinStandardHelpOptions = true,
    description = "Invoices of a running gateway: one per subscription and billing period.",
    subcommands = InvoicesCommand.ListInvoices.class)
final class InvoicesCommand {

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = {
        "Lists invoices, newest first.",
        "",
        "Example:",
        "  daraja invoices list --status open"
      })
  static final class ListInvoices implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin GatewayOptions gateway;
    @Mixin Output output;
    @Mixin PlansCommand.Page page;

    @Option(names = "--subscription", paramLabel = "ID", description = "Only this one's.")
    String subscription;

    @Option(names = "--status", description = "Only these: open, paid, void or uncollectible.")
    String status;

    @Override
    public Integer call() {
      try (PayoutsCommand.Gateway gw = gateway.connect()) {
        JsonNode answer =
            gw.json(
                gw.get(
                    BillingText.query(
                        "/v1/invoices",
                        page.namesAndValues("subscription", subscription, "status", status))));
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode invoice : answer.path("data")) {
          rows.add(
              List.of(
                  invoice.path("id").asText(),
                  invoice.path("status").asText(),
                  BillingText.money(invoice.path("amount")),
                  invoice.path("subscription").asText(),
                  invoice.path("period_start").asText()
                      + " to "
                      + invoice.path("period_end").asText(),
                  String.valueOf(invoice.path("attempts").asInt()),
                  BillingText.time(invoice.path("paid_at"))));
        }
        output.print(
            spec.commandLine().getOut(),
            (ObjectNode) answer,
            BillingText.table(
                List.of("ID", "STATUS", "AMOUNT", "SUBSCRIPTION", "PERIOD", "TRIES", "PAID"),
                rows,
                answer,
                "No invoices."));
        return 0;
      }
    }
  }
}
