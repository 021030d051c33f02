package io.github.darajakit.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.darajakit.client.DarajaClient;
import io.github.darajakit.client.Outcome;
import io.github.darajakit.client.stk.StkPushRequest;
import io.github.darajakit.client.stk.StkPushResponse;
import io.github.darajakit.client.stk.StkQueryResult;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code daraja stk push|query}: M-Pesa Express prompts on a customer's phone. */
@Command(
    name = "stk",
    mixinStandardHelpOptions = true,
    description =
        "M-Pesa Express (STK push): prompt a customer's phone to pay, and ask how it went.",
    subcommands = {StkCommand.Push.class, StkCommand.Query.class})
final class StkCommand {

  /** How often {@code --wait} asks STK Query. */
  static final Duration POLL = Duration.ofSeconds(2);

  @Command(
      name = "push",
      mixinStandardHelpOptions = true,
      description = {
        "Sends an STK push: the customer gets a prompt to pay with their M-Pesa PIN.",
        "Sent once and never repeated: if the answer is lost the exit code is 4.",
        "",
        "Example:",
        "  daraja stk push --phone 0708374149 --amount 10 --reference INV-1 --wait"
      })
  static final class Push implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin DarajaOptions daraja;
    @Mixin Output output;

    @Option(names = "--phone", required = true, description = "The customer: 07…, 2547…, +254 7…")
    String phone;

    @Option(names = "--amount", required = true, description = "Whole KES, 1 to 250,000.")
    long amount;

    @Option(
        names = "--reference",
        required = true,
        description =
            "AccountReference: the account or invoice, at most 20 characters (the portal says 12).")
    String reference;

    @Option(
        names = "--description",
        defaultValue = "Payment",
        description = "TransactionDesc, at most 100 characters (default: ${DEFAULT-VALUE}).")
    String description;

    @Option(
        names = "--callback-url",
        paramLabel = "URL",
        description =
            "Where Daraja posts the outcome (default: DARAJA_CALLBACK_URL, else a placeholder:"
                + " --wait asks STK Query instead).")
    String callbackUrl;

    @Option(names = "--till", paramLabel = "TILL", description = "Pay this Buy Goods till.")
    String till;

    @Option(
        names = "--wait",
        description = "Wait for the customer to answer and show the outcome (asks STK Query).")
    boolean waitForOutcome;

    @Option(
        names = "--timeout",
        paramLabel = "DURATION",
        defaultValue = "120s",
        description = "How long --wait waits (default: ${DEFAULT-VALUE}).")
    String timeout;

    @Override
    public Integer call() {
      Duration wait = ResultOptions.duration("--timeout", timeout);
      StkPushRequest.Builder request =
          StkPushRequest.builder()
              .phone(phone)
              .amount(amount)
              .accountReference(reference)
              .description(description)
              .callbackUrl(
                  callbackUrl != null
                      ? callbackUrl
                      : daraja.variable(
                          "DARAJA_CALLBACK_URL", "https://example.com/daraja-cli/stk"));
      if (till != null) {
        request.buyGoods(till);
      }
      StkPushRequest push = request.build(); // validated before anything is sent
      try (DarajaClient client = daraja.client()) {
        StkPushResponse sent = client.stk().push(push);
        ObjectNode data = Output.object();
        data.put("checkout_request_id", sent.checkoutRequestId())
            .put("merchant_request_id", sent.merchantRequestId())
            .put("customer_message", sent.customerMessage());
        if (!waitForOutcome) {
          output.print(
              spec.commandLine().getOut(),
              data,
              "Prompt sent to "
                  + push.phone().value()
                  + " for KES "
                  + amount
                  + ".\nCheckoutRequestID: "
                  + sent.checkoutRequestId()
                  + "\nAsk how it went: daraja stk query "
                  + sent.checkoutRequestId());
          return 0;
        }
        if (!output.json) {
          spec.commandLine()
              .getOut()
              .println(
                  "Prompt sent to "
                      + push.phone().value()
                      + " for KES "
                      + amount
                      + " ("
                      + sent.checkoutRequestId()
                      + "); waiting for the customer…");
        }
        return outcome(spec, output, client, sent.checkoutRequestId(), till, wait, data);
      }
    }
  }

  @Command(
      name = "query",
      mixinStandardHelpOptions = true,
      description = {
        "Asks where an STK push stands (STK Query), with the result code's meaning.",
        "",
        "Example:",
        "  daraja stk query ws_CO_28112026104512345708374149 --wait"
      })
  static final class Query implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin DarajaOptions daraja;
    @Mixin Output output;

    @Parameters(paramLabel = "CHECKOUT_REQUEST_ID", description = "From the push's answer.")
    String checkoutRequestId;

    @Option(names = "--short-code", description = "The shortcode the push used (default: yours).")
    String shortCode;

    @Option(names = "--wait", description = "Ask again until the customer has answered.")
    boolean waitForOutcome;

    @Option(
        names = "--timeout",
        paramLabel = "DURATION",
        defaultValue = "120s",
        description = "How long --wait waits (default: ${DEFAULT-VALUE}).")
    String timeout;

    @Override
    public Integer call() {
      Duration wait = waitForOutcome ? ResultOptions.duration("--timeout", timeout) : Duration.ZERO;
      try (DarajaClient client = daraja.client()) {
        ObjectNode data = Output.object();
        data.put("checkout_request_id", checkoutRequestId);
        return outcome(spec, output, client, checkoutRequestId, shortCode, wait, data);
      }
    }
  }

  /**
   * Asks STK Query until the push is final or {@code wait} has passed, prints the outcome and
   * returns its exit code: 0 paid, 3 not paid, 4 still pending.
   */
  static int outcome(
      CommandSpec spec,
      Output output,
      DarajaClient client,
      String checkoutRequestId,
      String shortCode,
      Duration wait,
      ObjectNode data) {
    long deadline = System.nanoTime() + wait.toNanos();
    StkQueryResult result = client.stk().query(checkoutRequestId, shortCode);
    while (result.isPending() && System.nanoTime() < deadline) {
      try {
        TimeUnit.MILLISECONDS.sleep(POLL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      result = client.stk().query(checkoutRequestId, shortCode);
    }
    Outcome outcome = result.outcome();
    data.put("status", outcome.name().toLowerCase(java.util.Locale.ROOT))
        .put("result_code", result.resultCode().code())
        .put("result_desc", result.resultDesc())
        .put("meaning", result.resultCode().meaning());
    String text =
        switch (outcome) {
          case SUCCESS -> "Paid.";
          case PENDING -> "Still waiting for the customer.";
          case CANCELLED -> "Not paid: the customer cancelled.";
          case TIMEOUT -> "Not paid: the customer did not answer in time.";
          case FAILED -> "Not paid.";
        };
    output.print(
        spec.commandLine().getOut(),
        data,
        text
            + "\nResult code "
            + result.resultCode().code()
            + ": "
            + result.resultCode().meaning()
            + (result.resultDesc().isEmpty() ? "" : "\nDaraja said: " + result.resultDesc()));
    return switch (outcome) {
      case SUCCESS -> 0;
      case PENDING -> DarajaCli.EXIT_UNKNOWN;
      default -> DarajaCli.EXIT_DECLINED;
    };
  }
}
