package io.github.darajakit.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.darajakit.client.DarajaClient;
import io.github.darajakit.client.billmanager.BillManagerAnswer;
import io.github.darajakit.client.billmanager.OptInRequest;
import io.github.darajakit.client.billmanager.OptInResponse;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code daraja bill-manager}: a PayBill's M-Pesa Bill Manager opt-in, the one step an operator
 * takes by hand before the gateway receives Bill Manager's payments. Nothing here moves money.
 */
@Command(
    name = "bill-manager",
    mixinStandardHelpOptions = true,
    header = "Opt a PayBill in to M-Pesa Bill Manager, or change its opt-in (moves no money).",
    description = {
      "Bill Manager texts your customers e-invoices and pushes each payment to your",
      "callback URL. Opting in answers an app key: give it to the gateway as",
      "DARAJA_BILL_MANAGER_APP_KEY. It is printed once here and never logged.",
      "",
      "Examples:",
      "  daraja bill-manager opt-in --short-code 600992 --email billing@shop.example.com \\",
      "      --contact 0710123456 --callback-url https://pay.example.co.ke/daraja/SECRET/bill-manager/payment",
      "  daraja bill-manager update --short-code 600992 --email accounts@shop.example.com \\",
      "      --contact 0710123456 --callback-url https://pay.example.co.ke/daraja/SECRET/bill-manager/payment"
    },
    subcommands = {BillManagerCommand.OptIn.class, BillManagerCommand.Update.class})
final class BillManagerCommand {

  /** Where the app key is read from, as the gateway reads it. */
  static final String APP_KEY_VARIABLE = "DARAJA_BILL_MANAGER_APP_KEY";

  /** What an opt-in and its update both take. */
  abstract static class OptInOptions implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin DarajaOptions daraja;
    @Mixin Output output;

    @Option(
        names = "--short-code",
        required = true,
        description = "The PayBill to opt in (5 or 6 digits).")
    String shortCode;

    @Option(
        names = "--email",
        required = true,
        description = "Where Bill Manager writes to you about invoices.")
    String email;

    @Option(
        names = "--contact",
        required = true,
        description = "Your official phone number, shown to customers (07…, 01…, 2547…).")
    String contact;

    @Option(
        names = "--callback-url",
        required = true,
        description =
            "Where Bill Manager pushes payments: the gateway's"
                + " <publicUrl>/daraja/<callback secret>/bill-manager/payment.")
    String callbackUrl;

    @Option(
        names = "--reminders",
        negatable = true,
        defaultValue = "true",
        description =
            "Text customers reminders 7 and 3 days before and on the due date (default: on).")
    boolean reminders;

    OptInRequest request() {
      return OptInRequest.builder()
          .shortCode(shortCode)
          .email(email)
          .officialContact(contact)
          .sendReminders(reminders)
          .callbackUrl(callbackUrl)
          .build();
    }

    void print(ObjectNode data, String text) {
      output.print(spec.commandLine().getOut(), data, text);
    }
  }

  /** {@code daraja bill-manager opt-in}. */
  @Command(
      name = "opt-in",
      mixinStandardHelpOptions = true,
      header = "Opt a PayBill in to Bill Manager and print its app key once.")
  static final class OptIn extends OptInOptions {
    @Override
    public Integer call() {
      OptInResponse answer;
      try (DarajaClient client = daraja.client()) {
        answer = client.billManager().optIn(request());
      }
      ObjectNode data = Output.object();
      data.put("short_code", shortCode)
          .put("app_key", answer.appKey())
          .put("resmsg", answer.resmsg());
      print(
          data,
          shortCode
              + " is opted in to Bill Manager. Its app key (shown once; keep it secret):\n"
              + answer.appKey()
              + "\nStart the gateway with DARAJA_BILL_MANAGER_APP_KEY set to it.");
      return 0;
    }
  }

  /** {@code daraja bill-manager update}. */
  @Command(
      name = "update",
      mixinStandardHelpOptions = true,
      header = "Change a PayBill's Bill Manager opt-in (email, contact, reminders, callback URL).",
      description = {
        "Bill Manager asks for the opt-in's app key: it is read from",
        "DARAJA_BILL_MANAGER_APP_KEY (never an option, which other users could see in ps)."
      })
  static final class Update extends OptInOptions {
    @Override
    public Integer call() {
      String appKey = daraja.variable(APP_KEY_VARIABLE, null);
      if (appKey == null) {
        throw new UsageException(
            APP_KEY_VARIABLE + ": set it to the app key the opt-in printed; an update needs it");
      }
      BillManagerAnswer answer;
      try (DarajaClient client = daraja.client()) {
        answer = client.billManager().withAppKey(appKey).updateOptIn(request());
      }
      ObjectNode data = Output.object();
      data.put("short_code", shortCode).put("resmsg", answer.resmsg());
      print(data, shortCode + ": Bill Manager opt-in updated (" + answer.resmsg() + ")");
      return 0;
    }
  }
}
