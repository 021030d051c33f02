package io.github.darajakit.cli;

import io.github.darajakit.client.ResultCodes;
import io.github.darajakit.client.callbacks.ReversalResult;
import io.github.darajakit.client.transactions.ReversalRequest;
import io.github.darajakit.emulator.Sandbox;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code daraja reverse RECEIPT}: gives a customer's payment back. */
@Command(
    name = "reverse",
    mixinStandardHelpOptions = true,
    description = {
      "Reverses a customer's payment to you (STK or C2B) in full, and waits for the Result.",
      "Sent once: a lost answer is exit code 4; check with daraja status before trying again",
      "(M-Pesa refuses a second reversal of one receipt with R000001).",
      "",
      "Example:",
      "  daraja reverse UKS1AB2CD3 --amount 150 --short-code 174379 --remarks 'Duplicate payment'"
    })
final class ReverseCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin DarajaOptions daraja;
  @Mixin ResultOptions results;
  @Mixin Output output;

  @Parameters(paramLabel = "RECEIPT", description = "The receipt of the payment to give back.")
  String receipt;

  @Option(names = "--amount", required = true, description = "The payment's full amount, KES.")
  long amount;

  @Option(
      names = "--short-code",
      description =
          "The shortcode that received it (default: MPESA_SHORTCODE; 174379 on the emulator).")
  String shortCode;

  @Option(
      names = "--remarks",
      defaultValue = "Reversal",
      description = "2 to 100 characters (default: ${DEFAULT-VALUE}).")
  String remarks;

  @Override
  public Integer call() {
    String receiver =
        shortCode != null
            ? shortCode
            : daraja.variable(
                "MPESA_SHORTCODE", daraja.isEmulator() ? Sandbox.STK_SHORTCODE : null);
    if (receiver == null) {
      throw new UsageException("give --short-code or set MPESA_SHORTCODE");
    }
    ReversalRequest.Builder request =
        ReversalRequest.builder()
            .transactionId(receipt.trim().toUpperCase(java.util.Locale.ROOT))
            .amount(amount)
            .receiverParty(receiver)
            .remarks(remarks)
            .resultUrl("https://example.com/r")
            .queueTimeOutUrl("https://example.com/t");
    request.build(); // validated before anything is sent
    return InitiatorRun.run(
        spec,
        output,
        daraja,
        results,
        "reversal",
        ResultCodes.Family.REVERSAL,
        (client, resultUrl, timeoutUrl) ->
            client
                .transactions()
                .reverse(request.resultUrl(resultUrl).queueTimeOutUrl(timeoutUrl).build()),
        (result, data) -> {
          ReversalResult reversal = (ReversalResult) result;
          data.put("receipt", reversal.envelope().transactionId())
              .put("original_receipt", reversal.originalTransactionId().orElse(null))
              .put("credit_party", reversal.creditPartyPublicName().orElse(null));
          return "Reversed "
              + reversal.originalTransactionId().orElse(receipt)
              + ": KES "
              + amount
              + " back to "
              + reversal.creditPartyPublicName().orElse("the customer")
              + ".\nReversal receipt: "
              + reversal.envelope().transactionId();
        });
  }
}
