package io.github.darajakit.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.darajakit.client.DarajaClient;
import io.github.darajakit.client.InitiatorAcknowledgement;
import io.github.darajakit.client.ResultCodes;
import io.github.darajakit.client.c2b.C2bRegisterRequest;
import io.github.darajakit.client.c2b.C2bRegisterResponse;
import io.github.darajakit.client.c2b.C2bResponseType;
import io.github.darajakit.client.c2b.C2bSimulateRequest;
import io.github.darajakit.client.c2b.C2bSimulateResponse;
import io.github.darajakit.client.callbacks.DarajaCallbacks;
import io.github.darajakit.client.callbacks.TransactionStatusResult;
import io.github.darajakit.client.transactions.TransactionStatusRequest;
import io.github.darajakit.emulator.Sandbox;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code daraja c2b register|simulate}: customers paying your PayBill or till. */
@Command(
    name = "c2b",
    mixinStandardHelpOptions = true,
    description = "Customer to business: register where M-Pesa tells you of payments, and test it.",
    subcommands = {C2bCommand.Register.class, C2bCommand.Simulate.class})
final class C2bCommand {

  /** The C2B shortcode when none is given: MPESA_C2B_SHORTCODE, else the emulator's PayBill. */
  static String shortCode(DarajaOptions daraja, String given) {
    String code =
        given != null
            ? given
            : daraja.variable(
                "MPESA_C2B_SHORTCODE", daraja.isEmulator() ? Sandbox.SHORTCODE_1 : null);
    if (code == null) {
      throw new UsageException("give --short-code or set MPESA_C2B_SHORTCODE");
    }
    return code;
  }

  @Command(
      name = "register",
      mixinStandardHelpOptions = true,
      description = {
        "Registers the confirmation and validation URLs of a shortcode (C2B v2).",
        "Production accepts one registration per shortcode: change it through Safaricom.",
        "",
        "Example:",
        "  daraja c2b register --short-code 600992 \\",
        "      --confirmation-url https://pay.example.com/daraja/SECRET/c2b/confirmation \\",
        "      --validation-url https://pay.example.com/daraja/SECRET/c2b/validation"
      })
  static final class Register implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin DarajaOptions daraja;
    @Mixin Output output;

    @Option(
        names = "--short-code",
        description = "The PayBill or till (default: MPESA_C2B_SHORTCODE).")
    String shortCode;

    @Option(names = "--confirmation-url", required = true, paramLabel = "URL")
    String confirmationUrl;

    @Option(names = "--validation-url", required = true, paramLabel = "URL")
    String validationUrl;

    @Option(
        names = "--response-type",
        defaultValue = "completed",
        description =
            "What M-Pesa does when validation does not answer: completed or cancelled (default:"
                + " ${DEFAULT-VALUE}).")
    String responseType;

    @Override
    public Integer call() {
      C2bResponseType type =
          switch (responseType.toLowerCase(Locale.ROOT)) {
            case "completed" -> C2bResponseType.COMPLETED;
            case "cancelled" -> C2bResponseType.CANCELLED;
            default ->
                throw new UsageException(
                    "--response-type must be completed or cancelled; got '" + responseType + "'");
          };
      C2bRegisterRequest request =
          C2bRegisterRequest.builder()
              .shortCode(shortCode(daraja, shortCode))
              .responseType(type)
              .confirmationUrl(confirmationUrl)
              .validationUrl(validationUrl)
              .build();
      try (DarajaClient client = daraja.client()) {
        C2bRegisterResponse registered = client.c2b().registerUrls(request);
        ObjectNode data = Output.object();
        data.put("short_code", request.shortCode())
            .put("response_code", registered.responseCode())
            .put("response_description", registered.responseDescription());
        output.print(
            spec.commandLine().getOut(),
            data,
            "Registered the URLs of "
                + request.shortCode()
                + ": "
                + registered.responseDescription());
        return 0;
      }
    }
  }

  @Command(
      name = "simulate",
      mixinStandardHelpOptions = true,
      description = {
        "Makes a test customer pay your shortcode (sandbox and emulator only: production has no",
        "simulation). M-Pesa then calls your registered URLs.",
        "On the emulator it then finds the payment's M-Pesa receipt with Transaction Status and",
        "prints it, with the status and reverse commands that take it; elsewhere the receipt",
        "arrives on the registered confirmation URL.",
        "",
        "Example:",
        "  daraja c2b simulate --short-code 600992 --phone 254708374149 --amount 250 --bill-ref ACC-1"
      })
  static final class Simulate implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin DarajaOptions daraja;
    @Mixin Output output;

    @Option(
        names = "--short-code",
        description = "The PayBill or till (default: MPESA_C2B_SHORTCODE).")
    String shortCode;

    @Option(
        names = "--phone",
        defaultValue = Sandbox.TEST_MSISDN,
        description = "The paying customer (default: ${DEFAULT-VALUE}).")
    String phone;

    @Option(names = "--amount", required = true, description = "Whole KES.")
    long amount;

    @Option(names = "--bill-ref", description = "The account number the customer types (PayBill).")
    String billRef;

    @Option(names = "--buy-goods", description = "Pay a till (CustomerBuyGoodsOnline).")
    boolean buyGoods;

    @Option(
        names = "--timeout",
        paramLabel = "DURATION",
        defaultValue = "30s",
        description =
            "On the emulator, how long to wait for the payment's receipt (default:"
                + " ${DEFAULT-VALUE}).")
    String timeout;

    @Override
    public Integer call() throws InterruptedException {
      if (daraja.environment().equals("production")) {
        throw new UsageException("production has no C2B simulation: pay from a real phone");
      }
      Duration wait = ResultOptions.duration("--timeout", timeout);
      C2bSimulateRequest request =
          C2bSimulateRequest.builder()
              .shortCode(shortCode(daraja, shortCode))
              .command(
                  buyGoods
                      ? io.github.darajakit.client.c2b.C2bCommand.BUY_GOODS
                      : io.github.darajakit.client.c2b.C2bCommand.PAY_BILL)
              .amount(amount)
              .phone(phone)
              .billRefNumber(billRef)
              .build();
      try (DarajaClient client = daraja.client()) {
        C2bSimulateResponse simulated = client.c2b().simulate(request);
        ObjectNode data = Output.object();
        data.put("originator_conversation_id", simulated.originatorConversationId())
            .put("response_code", simulated.responseCode())
            .put("response_description", simulated.responseDescription());
        String text =
            "Simulated KES "
                + amount
                + " from "
                + request.phone().value()
                + " to "
                + request.shortCode()
                + ": "
                + simulated.responseDescription();
        if (!daraja.isEmulator()) {
          // Daraja's simulate answer has no TransID, and sandbox Transaction Status cannot be
          // relied on to find a simulation: only the confirmation carries the receipt.
          data.putNull("receipt");
          output.print(
              spec.commandLine().getOut(),
              data,
              text
                  + "\nIts M-Pesa receipt (TransID) arrives on the C2B confirmation URL registered"
                  + " for "
                  + request.shortCode()
                  + ".");
          return 0;
        }
        Optional<String> receipt =
            receipt(client, request.shortCode(), simulated.originatorConversationId(), wait);
        data.put("receipt", receipt.orElse(null));
        if (receipt.isEmpty()) {
          output.print(
              spec.commandLine().getOut(),
              data,
              text
                  + "\nTransaction Status found no payment within "
                  + wait.toSeconds()
                  + " s: the customer may lack the funds, or it is late; the emulator's ledger"
                  + " (GET /__admin/transactions) shows what happened.\n"
                  + UnknownOutcome.recipe(
                      UnknownOutcome.lookUp(simulated.originatorConversationId())));
          return DarajaCli.EXIT_UNKNOWN;
        }
        output.print(
            spec.commandLine().getOut(),
            data,
            text
                + "\nReceipt: "
                + receipt.get()
                + "\nLook it up: daraja status "
                + receipt.get()
                + " --short-code "
                + request.shortCode()
                + "\nReverse it: daraja reverse "
                + receipt.get()
                + " --amount "
                + amount
                + " --short-code "
                + request.shortCode());
        return 0;
      }
    }

    /**
     * The simulated payment's M-Pesa receipt, from Transaction Status asked by the simulation's
     * OriginatorConversationID (empty if it is not found in time). The emulator makes the payment
     * after its result delay, so the first answers may be "not found".
     */
    private static Optional<String> receipt(
        DarajaClient client, String shortCode, String originatorConversationId, Duration wait)
        throws InterruptedException {
      long deadline = System.nanoTime() + wait.toNanos();
      try (ResultCatcher catcher = ResultCatcher.start("127.0.0.1", 0, null)) {
        while (true) {
          Duration left = Duration.ofNanos(deadline - System.nanoTime());
          if (left.isNegative()) {
            return Optional.empty();
          }
          InitiatorAcknowledgement ack =
              client
                  .transactions()
                  .status(
                      TransactionStatusRequest.builder()
                          .partyA(shortCode)
                          .originalConversationId(originatorConversationId)
                          .remarks("Receipt")
                          .resultUrl(catcher.resultUrl())
                          .queueTimeOutUrl(catcher.timeoutUrl())
                          .build());
          Optional<ResultCatcher.Received> post =
              catcher.await(ack.conversationId(), ack.originatorConversationId(), left);
          if (post.isEmpty()) {
            return Optional.empty();
          }
          if (!post.get().queueTimeout()) {
            TransactionStatusResult status =
                (TransactionStatusResult)
                    DarajaCallbacks.parseResult(
                        post.get().body().toString().getBytes(StandardCharsets.UTF_8),
                        ResultCodes.Family.TRANSACTION_STATUS);
            if (status.finding() == TransactionStatusResult.Finding.COMPLETED
                && status.receiptNo().isPresent()) {
              return status.receiptNo();
            }
          }
          Thread.sleep(Math.min(RETRY_PAUSE.toMillis(), Math.max(left.toMillis(), 0)));
        }
      }
    }
  }

  /** Between two Transaction Status questions about a simulation not found yet. */
  private static final Duration RETRY_PAUSE = Duration.ofMillis(200);
}
