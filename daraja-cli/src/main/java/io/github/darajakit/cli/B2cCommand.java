package io.github.darajakit.cli;

import io.github.darajakit.client.ResultCodes;
import io.github.darajakit.client.b2c.B2cPaymentRequest;
import io.github.darajakit.client.callbacks.B2cResult;
import io.github.darajakit.emulator.Sandbox;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code daraja b2c pay}: pays a customer's M-Pesa wallet. */
@Command(
    name = "b2c",
    mixinStandardHelpOptions = true,
    description = "Business to customer: pay an M-Pesa wallet.",
    subcommands = B2cCommand.Pay.class)
final class B2cCommand {

  @Command(
      name = "pay",
      mixinStandardHelpOptions = true,
      description = {
        "Pays a customer with B2C v3 and waits for the Result.",
        "Sent once and never repeated: a lost answer or a missing Result is exit code 4. Then",
        "never pay again under a new id without proof that it failed: run the same command with",
        "the same --originator-conversation-id (Daraja refuses a repeat it already has: still",
        "exit 4), or look it up with daraja status --originator-conversation-id ID.",
        "",
        "Example:",
        "  daraja b2c pay --phone 0708374149 --amount 1500 --type salary --remarks 'November' \\",
        "      --originator-conversation-id salary-2026-11-0042"
      })
  static final class Pay implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin DarajaOptions daraja;
    @Mixin ResultOptions results;
    @Mixin Output output;

    @Option(names = "--phone", required = true, description = "The customer: 07…, 2547…, +254 7…")
    String phone;

    @Option(names = "--amount", required = true, description = "Whole KES, 10 to 250,000.")
    long amount;

    @Option(
        names = "--type",
        defaultValue = "business",
        description = "business, salary or promotion (default: ${DEFAULT-VALUE}).")
    String type;

    @Option(names = "--remarks", required = true, description = "2 to 100 characters.")
    String remarks;

    @Option(names = "--occasion", description = "At most 100 characters.")
    String occasion;

    @Option(
        names = "--short-code",
        description =
            "The B2C shortcode paying (default: MPESA_B2C_SHORTCODE; 600000 on the emulator).")
    String shortCode;

    @Option(
        names = "--originator-conversation-id",
        paramLabel = "ID",
        description =
            "Your id for this payment, chosen and noted before paying (default: a new UUID,"
                + " printed). Daraja refuses a second payment with the same id.")
    String originatorConversationId;

    @Override
    public Integer call() {
      String from =
          shortCode != null
              ? shortCode
              : daraja.variable(
                  "MPESA_B2C_SHORTCODE", daraja.isEmulator() ? Sandbox.SHORTCODE_2 : null);
      if (from == null) {
        throw new UsageException("give --short-code or set MPESA_B2C_SHORTCODE");
      }
      io.github.darajakit.client.b2c.B2cCommand command =
          switch (type.toLowerCase(Locale.ROOT)) {
            case "business" -> io.github.darajakit.client.b2c.B2cCommand.BUSINESS_PAYMENT;
            case "salary" -> io.github.darajakit.client.b2c.B2cCommand.SALARY_PAYMENT;
            case "promotion" -> io.github.darajakit.client.b2c.B2cCommand.PROMOTION_PAYMENT;
            default ->
                throw new UsageException(
                    "--type must be business, salary or promotion; got '" + type + "'");
          };
      // Validated before anything is sent (the URLs are placeholders until the catcher starts).
      B2cPaymentRequest.Builder request =
          B2cPaymentRequest.builder()
              .phone(phone)
              .amount(amount)
              .commandId(command)
              .remarks(remarks)
              .occasion(occasion)
              .partyA(from)
              .originatorConversationId(originatorConversationId);
      request.resultUrl("https://example.com/r").queueTimeOutUrl("https://example.com/t").build();
      return InitiatorRun.run(
          spec,
          output,
          daraja,
          results,
          "payment",
          ResultCodes.Family.B2C,
          (client, resultUrl, timeoutUrl) ->
              client.b2c().pay(request.resultUrl(resultUrl).queueTimeOutUrl(timeoutUrl).build()),
          (result, data) -> {
            B2cResult paid = (B2cResult) result;
            data.put("receipt", paid.receipt().orElse(null))
                .put("recipient", paid.receiverPartyPublicName().orElse(null))
                .put("amount", paid.amount().map(BigDecimal::toPlainString).orElse(null));
            return "Paid KES "
                + paid.amount().map(BigDecimal::toPlainString).orElse(Long.toString(amount))
                + " to "
                + paid.receiverPartyPublicName().orElse(phone)
                + ".\nReceipt: "
                + paid.receipt().orElse("(none given)");
          });
    }
  }
}
