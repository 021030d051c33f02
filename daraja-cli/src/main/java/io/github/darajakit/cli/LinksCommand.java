package io.github.darajakit.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code daraja links}: the payment links of a running gateway, and their QR codes. */
@Command(
    name = "links",
    mixinStandardHelpOptions = true,
    description =
        "Payment links of a running gateway: a public address, and its QR code, anyone can pay.",
    subcommands = {
      LinksCommand.Create.class,
      LinksCommand.ListLinks.class,
      LinksCommand.Show.class,
      LinksCommand.Deactivate.class
    })
final class LinksCommand {

  /**
   * The option each field of {@code /v1/payment-links} comes from: a refusal by the gateway names
   * the field, and the person at the terminal typed the option.
   */
  private static final Map<String, String> OPTIONS =
      Map.of(
          "amount", "--amount",
          "min_amount", "--min-amount",
          "max_amount", "--max-amount",
          "reference", "--reference",
          "description", "--description",
          "expires_at", "--expires",
          "max_uses", "--max-uses",
          "status", "--status");

  /** What every link command has: the gateway, --json, and refusals named by option. */
  abstract static class LinkCall extends SubscriptionsCommand.GatewayCall {
    @Override
    public Integer call() {
      try {
        return super.call();
      } catch (UsageException e) {
        throw byOption(e);
      }
    }
  }

  /** The gateway's "field: why" as "--option: why"; any other refusal as it is. */
  static UsageException byOption(UsageException refusal) {
    String message = refusal.getMessage();
    for (Map.Entry<String, String> field : OPTIONS.entrySet()) {
      if (message.startsWith(field.getKey() + ": ")) {
        return new UsageException(
            field.getValue() + ": " + message.substring(field.getKey().length() + 2));
      }
    }
    return refusal;
  }

  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      description = {
        "Creates a payment link, and prints its address and its QR code.",
        "A phone's camera opens the address, where the customer pays by M-Pesa. Give a fixed",
        "--amount, or --min-amount and/or --max-amount for an amount the customer enters.",
        "",
        "Examples:",
        "  daraja links create --amount 500 --reference LUNCH",
        "  daraja links create --min-amount 100 --max-amount 5000 --max-uses 1 \\",
        "      --reference INV-2041 --description 'Invoice 2041' --expires 7d \\",
        "      --idempotency-key invoice-2041"
      })
  static final class Create extends LinkCall {
    @Option(
        names = "--amount",
        paramLabel = "KES",
        description = "A fixed amount, whole shillings, 1 to 250,000.")
    Long amount;

    @Option(
        names = "--min-amount",
        paramLabel = "KES",
        description = "The least the customer may enter (default: 1).")
    Long minAmount;

    @Option(
        names = "--max-amount",
        paramLabel = "KES",
        description = "The most the customer may enter (default: 250,000).")
    Long maxAmount;

    @Option(
        names = "--reference",
        required = true,
        paramLabel = "REF",
        description = "The account reference on the customer's prompt, 1 to 12 characters.")
    String reference;

    @Option(
        names = "--description",
        paramLabel = "TEXT",
        description =
            "What is paid for, shown to the customer, 1 to 100 characters (default: the"
                + " reference).")
    String description;

    @Option(
        names = "--max-uses",
        paramLabel = "N",
        description = "At most N payments: 1 for a one-off invoice (default: no limit).")
    Integer maxUses;

    @Option(
        names = "--expires",
        paramLabel = "WHEN",
        description =
            "When it stops taking payments: an instant (2026-12-31T21:00:00Z,"
                + " 2027-01-01T00:00+03:00) or a time from now (30m, 12h, 7d) (default: never).")
    String expires;

    @Option(names = "--no-qr", description = "Print the address without the QR code.")
    boolean noQr;

    @Mixin PlansCommand.IdempotencyKey idempotency;

    @Override
    Integer call(PayoutsCommand.Gateway gw) {
      ObjectNode body = Output.object();
      if (amount != null && (minAmount != null || maxAmount != null)) {
        throw new UsageException(
            "--amount is a fixed amount, --min-amount and --max-amount the limits of one the"
                + " customer enters: give one or the other");
      }
      if (amount == null && minAmount == null && maxAmount == null) {
        throw new UsageException(
            "say how much: --amount KES for a fixed amount, or --min-amount and --max-amount"
                + " for one the customer enters");
      }
      if (amount != null) {
        body.put("amount", amount);
      }
      if (minAmount != null) {
        body.put("min_amount", minAmount);
      }
      if (maxAmount != null) {
        body.put("max_amount", maxAmount);
      }
      body.put("reference", reference)
          .put("description", description != null ? description : reference);
      if (expires != null) {
        body.put("expires_at", expiresAt(expires, Instant.now()).toString());
      }
      if (maxUses != null) {
        body.put("max_uses", maxUses);
      }
      JsonNode link = gw.post("/v1/payment-links", body, idempotency.orRandom());
      String text =
          "Payment link "
              + link.path("id").asText()
              + " created: "
              + terms(link)
              + ".\n"
              + (noQr ? "" : "\n" + TerminalQr.picture(link.path("url").asText()))
              + link.path("url").asText();
      print(link, text);
      return 0;
    }
  }

  /**
   * {@code --expires}: an ISO-8601 instant, with {@code Z} or an offset, or a time from {@code
   * now}.
   */
  static Instant expiresAt(String text, Instant now) {
    try {
      return OffsetDateTime.parse(text.strip()).toInstant();
    } catch (DateTimeParseException notAnInstant) {
      // Then a time from now.
    }
    String rule =
        "--expires must be an instant such as 2026-12-31T21:00:00Z or a time from now such as"
            + " 30m, 12h or 7d; got '"
            + text
            + "'";
    Duration fromNow;
    try {
      fromNow = ResultOptions.longDuration("--expires", text);
    } catch (UsageException notADuration) {
      throw new UsageException(rule);
    }
    if (fromNow.isNegative() || fromNow.isZero()) {
      throw new UsageException(rule);
    }
    try {
      return now.plus(fromNow);
    } catch (DateTimeException | ArithmeticException beyondAnyDate) {
      throw new UsageException(rule);
    }
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = {"Lists payment links, newest first.", "", "Example:", "  daraja links list"})
  static final class ListLinks extends LinkCall {
    @Option(
        names = "--status",
        description = "Only these: active, inactive, expired or used_up (as of now).")
    String status;

    @Mixin PlansCommand.Page page;

    @Override
    Integer call(PayoutsCommand.Gateway gw) {
      JsonNode answer =
          gw.json(
              gw.get(
                  BillingText.query("/v1/payment-links", page.namesAndValues("status", status))));
      List<List<String>> rows = new ArrayList<>();
      for (JsonNode link : answer.path("data")) {
        rows.add(
            List.of(
                link.path("id").asText(),
                link.path("status").asText(),
                amount(link),
                link.path("reference").asText(),
                uses(link),
                BillingText.money(link.path("paid_amount")),
                link.path("url").asText()));
      }
      print(
          answer,
          BillingText.table(
              List.of("ID", "STATUS", "AMOUNT", "REFERENCE", "USES", "PAID", "URL"),
              rows,
              answer,
              "No payment links."));
      return 0;
    }
  }

  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      description = {
        "Shows a payment link: its status, its uses and what it has been paid.",
        "",
        "Example:",
        "  daraja links show plink_… --qr"
      })
  static final class Show extends LinkCall {
    @Parameters(paramLabel = "ID", description = "The link, plink_….")
    String id;

    @Option(names = "--qr", description = "Print its QR code too.")
    boolean qr;

    @Override
    Integer call(PayoutsCommand.Gateway gw) {
      JsonNode link = gw.json(gw.get(linkPath(id, null)));
      StringBuilder t = BillingText.heading("Payment link", link, link.path("status").asText());
      BillingText.fact(t, "URL", link.path("url").asText());
      BillingText.fact(
          t,
          "Amount",
          amount(link)
              + (BillingText.isSet(link.path("amount")) ? "" : ", entered by the customer"));
      BillingText.fact(t, "Reference", BillingText.text(link.path("reference")));
      BillingText.fact(t, "Description", BillingText.text(link.path("description")));
      BillingText.fact(t, "Uses", uses(link));
      BillingText.fact(
          t,
          "Payments",
          link.path("payments_count").asLong()
              + " started, "
              + link.path("paid_count").asLong()
              + " paid: "
              + BillingText.money(link.path("paid_amount")));
      BillingText.fact(
          t,
          "Expires",
          BillingText.isSet(link.path("expires_at"))
              ? BillingText.time(link.path("expires_at"))
              : "never");
      if (BillingText.isSet(link.path("metadata")) && !link.path("metadata").isEmpty()) {
        BillingText.fact(t, "Metadata", link.path("metadata").toString());
      }
      BillingText.fact(t, "Created", BillingText.time(link.path("created_at")));
      if (qr) {
        t.append('\n').append(TerminalQr.picture(link.path("url").asText()));
      }
      print(link, t.toString().stripTrailing());
      return 0;
    }
  }

  @Command(
      name = "deactivate",
      mixinStandardHelpOptions = true,
      description = {
        "Stops a payment link taking payments.",
        "The checkouts already opened from it stop too (a prompt already sent still settles).",
        "Deactivating an inactive link changes nothing.",
        "",
        "Example:",
        "  daraja links deactivate plink_…"
      })
  static final class Deactivate extends LinkCall {
    @Parameters(paramLabel = "ID", description = "The link, plink_….")
    String id;

    @Override
    Integer call(PayoutsCommand.Gateway gw) {
      JsonNode link = gw.post(linkPath(id, "deactivate"), null, "cli-" + UUID.randomUUID());
      print(
          link,
          "Payment link " + link.path("id").asText() + " deactivated: it takes no more payments.");
      return 0;
    }
  }

  /** The path of one link; an id is checked before it goes into a URL. */
  static String linkPath(String id, String action) {
    return BillingText.objectPath("payment-links", "a payment link", "plink_", id)
        + (action == null ? "" : "/" + action);
  }

  /** {@code KES 500}, or the limits of an amount the customer enters. */
  static String amount(JsonNode link) {
    return BillingText.isSet(link.path("amount"))
        ? BillingText.money(link.path("amount"))
        : BillingText.money(link.path("min_amount"))
            + " to "
            + BillingText.money(link.path("max_amount"));
  }

  /** {@code 3} (no limit) or {@code 1 of 1}. */
  static String uses(JsonNode link) {
    return link.path("uses").asLong()
        + (BillingText.isSet(link.path("max_uses"))
            ? " of " + link.path("max_uses").asLong()
            : " (no limit)");
  }

  /** {@code KES 500, reference LUNCH}, with its limits when it has them. */
  static String terms(JsonNode link) {
    StringBuilder terms = new StringBuilder(amount(link));
    if (!BillingText.isSet(link.path("amount"))) {
      terms.append(" (the customer enters it)");
    }
    terms.append(", reference ").append(link.path("reference").asText());
    if (BillingText.isSet(link.path("max_uses"))) {
      long max = link.path("max_uses").asLong();
      terms.append(", at most ").append(max).append(max == 1 ? " payment" : " payments");
    }
    if (BillingText.isSet(link.path("expires_at"))) {
      terms.append(", until ").append(BillingText.time(link.path("expires_at")));
    }
    return terms.toString();
  }
}
