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
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code daraja invoices}: what subscriptions were billed, in a running gateway. */
@Command(
    name = "invoices",
    mixinStandardHelpOptions = true,
    description = "Invoices of a running gateway: one per subscription and billing period.",
    subcommands = {InvoicesCommand.ListInvoices.class, InvoicesCommand.Show.class})
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

  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      description = {
        "Shows an invoice and each attempt to charge it (the payment, its status, M-Pesa's",
        "result and the receipt).",
        "",
        "Example:",
        "  daraja invoices show inv_…"
      })
  static final class Show extends SubscriptionsCommand.GatewayCall {
    @Parameters(paramLabel = "ID", description = "The invoice, inv_….")
    String id;

    @Override
    Integer call(PayoutsCommand.Gateway gw) {
      JsonNode invoice =
          gw.json(gw.get(BillingText.objectPath("invoices", "an invoice", "inv_", id)));
      StringBuilder t = BillingText.heading("Invoice", invoice, invoice.path("status").asText());
      BillingText.fact(t, "Amount", BillingText.money(invoice.path("amount")));
      BillingText.fact(t, "Subscription", invoice.path("subscription").asText());
      BillingText.fact(
          t,
          "Period",
          invoice.path("period_start").asText() + " to " + invoice.path("period_end").asText());
      BillingText.fact(t, "Due", BillingText.time(invoice.path("due_at")));
      BillingText.fact(t, "Tries", String.valueOf(invoice.path("attempts").asInt()));
      if (invoice.path("status").asText().equals("open")
          && BillingText.isSet(invoice.path("next_attempt_at"))) {
        BillingText.fact(t, "Next try", BillingText.time(invoice.path("next_attempt_at")));
      }
      if (BillingText.isSet(invoice.path("payment_in_flight"))) {
        BillingText.fact(t, "Charge in flight", invoice.path("payment_in_flight").asText());
      }
      if (BillingText.isSet(invoice.path("paid_at"))) {
        BillingText.fact(t, "Paid", BillingText.time(invoice.path("paid_at")));
      }
      if (BillingText.isSet(invoice.path("mpesa_receipt"))) {
        BillingText.fact(t, "Receipt", invoice.path("mpesa_receipt").asText());
      }
      if (BillingText.result(invoice) != null) {
        BillingText.fact(t, "Last result", BillingText.result(invoice));
      }
      if (BillingText.isSet(invoice.path("needs_attention"))) {
        BillingText.fact(t, "Needs attention", invoice.path("needs_attention").asText());
      }
      BillingText.fact(t, "Created", BillingText.time(invoice.path("created_at")));
      t.append("\nCharges:");
      BillingText.charges(t, invoice, "  ");
      print(invoice, t.toString());
      return 0;
    }
  }
}
