package io.github.darajakit.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.darajakit.client.DarajaClient;
import io.github.darajakit.client.Outcome;
import io.github.darajakit.client.callbacks.DarajaCallbacks;
import io.github.darajakit.client.callbacks.StkCallback;
import io.github.darajakit.client.callbacks.StkPayment;
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

  /** How long a paid push's callback, with its receipt, is awaited past {@code --timeout}. */
  private static final Duration CALLBACK_GRACE = Duration.ofSeconds(5);

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
            "Where Daraja posts the outcome (default: DARAJA_CALLBACK_URL; else with --wait on"
                + " the emulator this command receives it and shows the receipt, and otherwise a"
                + " placeholder: --wait asks STK Query, which does not give the receipt).")
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
      String configured =
          callbackUrl != null ? callbackUrl : daraja.variable("DARAJA_CALLBACK_URL", null);
      StkPushRequest.Builder request =
          StkPushRequest.builder()
              .phone(phone)
              .amount(amount)
              .accountReference(reference)
              .description(description)
              .callbackUrl(configured != null ? configured : "https://example.com/daraja-cli/stk");
      if (till != null) {
        request.buyGoods(till);
      }
      request.build(); // validated before anything is sent, and before a port is opened
      // The receipt is only in the callback: receive it here when the emulator can reach us.
      boolean catchCallback = waitForOutcome && configured == null && daraja.isEmulator();
      try (ResultCatcher catcher =
              catchCallback ? ResultCatcher.start("127.0.0.1", 0, null) : null;
          DarajaClient client = daraja.client()) {
        if (catcher != null) {
          request.callbackUrl(catcher.resultUrl());
        }
        StkPushRequest push = request.build();
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
        long deadline = System.nanoTime() + wait.toNanos();
        Answer answer = outcome(client, sent.checkoutRequestId(), till, wait, data);
        String text = answer.text();
        if (answer.exit() == 0) {
          String receipt = receipt(catcher, sent.checkoutRequestId(), deadline);
          data.put("receipt", receipt);
          text +=
              receipt != null
                  ? "\nReceipt: "
                      + receipt
                      + "\nLook it up: daraja status "
                      + receipt
                      + " --short-code "
                      + (till != null ? till : client.shortCode())
                      + "\nReverse it: daraja reverse "
                      + receipt
                      + " --amount "
                      + amount
                  : "\n" + noReceipt(catcher != null, configured);
        }
        output.print(spec.commandLine().getOut(), data, text);
        return answer.exit();
      }
    }

    /** Why no receipt is shown: only the callback carries it. */
    private static String noReceipt(boolean awaited, String configured) {
      if (awaited) {
        return "No callback with the M-Pesa receipt came in time; the emulator's ledger"
            + " (GET /__admin/transactions) shows it.";
      }
      return configured != null
          ? "The M-Pesa receipt is in the callback posted to " + configured + "."
          : "STK Query does not give the M-Pesa receipt; the callback does: give --callback-url"
              + " (or DARAJA_CALLBACK_URL) to receive it.";
    }

    /**
     * The M-Pesa receipt, from the callback if this command receives it ({@code null} if not): the
     * receipt is what {@code daraja status} and {@code daraja reverse} take.
     */
    private static String receipt(ResultCatcher catcher, String checkoutRequestId, long deadline) {
      if (catcher == null) {
        return null;
      }
      // STK Query can say "paid" a moment before the callback is posted: allow it a little.
      Duration left = Duration.ofNanos(Math.max(deadline - System.nanoTime(), 0));
      return catcher
          .awaitStkCallback(checkoutRequestId, left.plus(CALLBACK_GRACE))
          .map(post -> DarajaCallbacks.parseStkCallback(post.body().toString()))
          .flatMap(StkCallback::payment)
          .map(StkPayment::mpesaReceiptNumber)
          .orElse(null);
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
        Answer answer = outcome(client, checkoutRequestId, shortCode, wait, data);
        output.print(spec.commandLine().getOut(), data, answer.text());
        return answer.exit();
      }
    }
  }

  /** How a push ended, for people ({@code text}) and as the exit code: 0 paid, 3 not, 4 pending. */
  record Answer(int exit, String text) {}

  /**
   * Asks STK Query until the push is final or {@code wait} has passed; puts the outcome in {@code
   * data} and answers it.
   */
  static Answer outcome(
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
    return new Answer(
        switch (outcome) {
          case SUCCESS -> 0;
          case PENDING -> DarajaCli.EXIT_UNKNOWN;
          default -> DarajaCli.EXIT_DECLINED;
        },
        text
            + "\nResult code "
            + result.resultCode().code()
            + ": "
            + result.resultCode().meaning()
            + (result.resultDesc().isEmpty() ? "" : "\nDaraja said: " + result.resultDesc()));
  }
}
