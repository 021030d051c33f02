package io.github.darajakit.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.darajakit.client.DarajaClient;
import io.github.darajakit.client.IdentifierType;
import io.github.darajakit.client.bonga.BongaCalculation;
import io.github.darajakit.client.hakikisha.HakikishaResponse;
import io.github.darajakit.client.orginfo.OrgInfoResponse;
import io.github.darajakit.client.sim.ImsiResponse;
import io.github.darajakit.client.sim.SimSwapResponse;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code daraja lookup}: what Daraja knows about a number or a shortcode before money moves to it.
 * Every lookup is a query: nothing moves, and it is safe to run again.
 */
@Command(
    name = "lookup",
    mixinStandardHelpOptions = true,
    header = "Look up a number or a shortcode before paying it (moves no money).",
    description = {
      "Asks Daraja what it knows before money moves: whether a number's SIM was",
      "swapped lately (a sign of account takeover), the name registered to a number",
      "(Hakikisha), the organisation behind a shortcode, or what Bonga points are",
      "worth in shillings (Lipa na Bonga). Safe to run again.",
      "",
      "Examples:",
      "  daraja lookup sim-swap 0712345678 --days 7",
      "  daraja lookup name 0712345678",
      "  daraja lookup org 600000",
      "  daraja lookup bonga 40"
    },
    subcommands = {
      LookupCommand.SimSwap.class,
      LookupCommand.Imsi.class,
      LookupCommand.Name.class,
      LookupCommand.Org.class,
      LookupCommand.Bonga.class
    })
final class LookupCommand {

  /** What every lookup takes: where Daraja is, how to print, and the number or code asked about. */
  abstract static class Lookup implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin DarajaOptions daraja;
    @Mixin Output output;

    /** Prints the answer as JSON (with --json) or as text. */
    void print(ObjectNode data, String text) {
      output.print(spec.commandLine().getOut(), data, text);
    }
  }

  /** {@code daraja lookup sim-swap PHONE}: SIM swap check (IMSI v2). */
  @Command(
      name = "sim-swap",
      mixinStandardHelpOptions = true,
      header = "When the number's SIM was last swapped (Daraja's SIM swap check).",
      description = {
        "Prints when the SIM was last swapped, or that it was not swapped in the last",
        "three months (Daraja says no more). With --days N it exits 3 when the SIM was",
        "swapped in the last N days: a payout to it should wait for a second look."
      })
  static final class SimSwap extends Lookup {
    @Parameters(paramLabel = "PHONE", description = "The number, e.g. 0712345678.")
    String phone;

    @Option(
        names = "--days",
        paramLabel = "N",
        description = "Exit 3 if the SIM was swapped in the last N days (1 to 90).")
    Integer days;

    @Override
    public Integer call() {
      if (days != null && (days < 1 || days > 90)) {
        throw new UsageException(
            "--days: give 1 to 90 (Daraja reports swaps of the last 3 months)");
      }
      SimSwapResponse answer;
      try (DarajaClient client = daraja.client()) {
        answer = client.simSwap().check(phone);
      }
      LocalDate today = LocalDate.now(BillingText.EAT);
      boolean recent = days != null && answer.swappedOnOrAfter(today.minusDays(days));
      boolean withinThreeMonths = answer.swappedOnOrAfter(today.minusMonths(3));
      ObjectNode data = Output.object();
      data.put("phone", answer.customerNumber())
          .put("last_swap", answer.lastSwapText())
          .put("swapped_within_3_months", withinThreeMonths);
      if (days != null) {
        data.put("swapped_within_days", recent).put("days", days);
      }
      String text =
          answer.customerNumber()
              + ": "
              + (withinThreeMonths
                  ? "SIM last swapped " + answer.lastSwapText() + " (EAT)"
                  : "SIM not swapped in the last 3 months")
              + (recent ? "\nSwapped in the last " + days + " days: hold payouts to it." : "");
      print(data, text);
      return recent ? DarajaCli.EXIT_DECLINED : 0;
    }
  }

  /** {@code daraja lookup imsi PHONE}: IMSI check (v1). */
  @Command(
      name = "imsi",
      mixinStandardHelpOptions = true,
      header = "The number's IMSI, registration date and last SIM swap (Daraja's IMSI check).")
  static final class Imsi extends Lookup {
    @Parameters(paramLabel = "PHONE", description = "The number, e.g. 0712345678.")
    String phone;

    @Override
    public Integer call() {
      ImsiResponse answer;
      try (DarajaClient client = daraja.client()) {
        answer = client.imsi().check(phone);
      }
      ObjectNode data = Output.object();
      data.put("phone", answer.customerNumber())
          .put("imsi", answer.imsi())
          .put("registered", String.valueOf(answer.registrationDate()))
          .put("last_swap", String.valueOf(answer.lastSwapDate()));
      print(
          data,
          answer.customerNumber()
              + ": IMSI "
              + answer.imsi()
              + ", registered "
              + answer.registrationDate()
              + ", SIM last swapped "
              + answer.lastSwapDate());
      return 0;
    }
  }

  /** {@code daraja lookup name PHONE}: B2C Hakikisha. */
  @Command(
      name = "name",
      mixinStandardHelpOptions = true,
      header = "The name registered to a number (B2C Hakikisha), as M-Pesa masks it.")
  static final class Name extends Lookup {
    @Parameters(paramLabel = "PHONE", description = "The number, e.g. 0712345678.")
    String phone;

    @Override
    public Integer call() {
      HakikishaResponse answer;
      try (DarajaClient client = daraja.client()) {
        answer = client.hakikisha().lookup(phone);
      }
      ObjectNode data = Output.object();
      data.put("first_name", answer.firstName())
          .put("middle_name", answer.middleName())
          .put("last_name", answer.lastName())
          .put("name", answer.maskedName());
      print(data, answer.maskedName());
      return 0;
    }
  }

  /** {@code daraja lookup org SHORTCODE}: Query Org Info. */
  @Command(
      name = "org",
      mixinStandardHelpOptions = true,
      header = "The organisation behind a PayBill or till (Daraja's Query Org Info).")
  static final class Org extends Lookup {
    @Parameters(paramLabel = "SHORTCODE", description = "The PayBill or till number.")
    String shortCode;

    @Option(names = "--till", description = "It is a till (Buy Goods), not a PayBill.")
    boolean till;

    @Override
    public Integer call() {
      OrgInfoResponse answer;
      try (DarajaClient client = daraja.client()) {
        answer =
            client
                .orgInfo()
                .query(till ? IdentifierType.TILL : IdentifierType.SHORTCODE, shortCode);
      }
      ObjectNode data = Output.object();
      data.put("short_code", answer.organizationShortCode())
          .put("name", answer.organizationName())
          .put("conversation_id", answer.conversationId());
      print(data, answer.organizationShortCode() + ": " + answer.organizationName());
      return 0;
    }
  }

  /** {@code daraja lookup bonga POINTS}: Lipa na Bonga's points calculation. */
  @Command(
      name = "bonga",
      mixinStandardHelpOptions = true,
      header = "What a number of Bonga points is worth in KES (Lipa na Bonga's calculation).")
  static final class Bonga extends Lookup {
    @Parameters(paramLabel = "POINTS", description = "The points, e.g. 40.")
    long points;

    @Override
    public Integer call() {
      if (points < 1) {
        throw new UsageException("POINTS: give a whole number of points, 1 or more");
      }
      BongaCalculation answer;
      try (DarajaClient client = daraja.client()) {
        answer = client.bonga().calculate(points);
      }
      ObjectNode data = Output.object();
      // Exact decimals as strings: a rate such as 0.2 must not become 0.2000000000000000111.
      data.put("points", answer.points())
          .put("amount", answer.amount().toPlainString())
          .put("rate", answer.rate().toPlainString())
          .put("request_ref_id", answer.requestRefId());
      print(
          data,
          answer.points()
              + " Bonga points are worth KES "
              + answer.amount().toPlainString()
              + " (KES "
              + answer.rate().toPlainString()
              + " a point)");
      return 0;
    }
  }
}
