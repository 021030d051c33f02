package io.github.darajakit.cli;

import io.github.darajakit.client.ResultCodes;
import io.github.darajakit.client.callbacks.TransactionStatusResult;
import io.github.darajakit.client.transactions.TransactionStatusRequest;
import java.math.BigDecimal;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code daraja status RECEIPT}: what M-Pesa says about a transaction. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    header = "What M-Pesa says about a receipt (Transaction Status).",
    description = {
      "Asks Transaction Status about a receipt (or, with --originator-conversation-id, about a",
      "request whose answer was lost) and shows what M-Pesa says. Moves no money.",
      "Exit 0: M-Pesa has it (Completed, Reversed); 3: its record says it failed, the only",
      "proof of failure; 4: not found (yet) or the query was refused: not proof of anything.",
      "",
      "Examples:",
      "  daraja status UKS1AB2CD3",
      "  daraja status --originator-conversation-id 8f7b2c0e-3f5e-4b7e-9a51-2b8c1f0d6e42"
    })
final class StatusCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin DarajaOptions daraja;
  @Mixin ResultOptions results;
  @Mixin Output output;

  @Parameters(
      paramLabel = "RECEIPT",
      arity = "0..1",
      description = "The M-Pesa receipt, e.g. UKS1AB2CD3.")
  String receipt;

  @Option(
      names = "--originator-conversation-id",
      paramLabel = "ID",
      description = "Ask about the request sent under this OriginatorConversationID instead.")
  String originatorConversationId;

  @Option(
      names = "--short-code",
      description = "The shortcode asking: a party to the transaction (default as for balance).")
  String shortCode;

  @Override
  public Integer call() {
    if ((receipt == null) == (originatorConversationId == null)) {
      throw new UsageException("give a RECEIPT or --originator-conversation-id (one of them)");
    }
    String party = shortCode != null ? shortCode : BalanceCommand.defaultShortCode(daraja);
    TransactionStatusRequest.Builder question =
        TransactionStatusRequest.builder()
            .partyA(party)
            .remarks("Status")
            .resultUrl("https://example.com/r")
            .queueTimeOutUrl("https://example.com/t");
    if (receipt != null) {
      question.transactionId(receipt.trim().toUpperCase(java.util.Locale.ROOT));
    } else {
      question.originalConversationId(originatorConversationId);
    }
    question.build(); // validated before anything is sent
    return InitiatorRun.run(
        spec,
        output,
        daraja,
        results,
        "status query",
        ResultCodes.Family.TRANSACTION_STATUS,
        (client, resultUrl, timeoutUrl) ->
            client
                .transactions()
                .status(question.resultUrl(resultUrl).queueTimeOutUrl(timeoutUrl).build()),
        (result, data) -> {
          TransactionStatusResult status = (TransactionStatusResult) result;
          data.put("finding", status.finding().name().toLowerCase(java.util.Locale.ROOT))
              .put("receipt", status.receiptNo().orElse(null))
              .put("transaction_status", status.transactionStatus().orElse(null))
              .put("amount", status.amount().map(BigDecimal::toPlainString).orElse(null))
              .put("debit_party", status.debitPartyName().orElse(null))
              .put("credit_party", status.creditPartyName().orElse(null))
              .put("reason_type", status.reasonType().orElse(null))
              .put("finalised_at", status.finalisedTime().map(Object::toString).orElse(null));
          return status.receiptNo().orElse("?")
              + ": "
              + status.transactionStatus().orElse("status not given")
              + "\nAmount:    KES "
              + status.amount().map(BigDecimal::toPlainString).orElse("?")
              + "\nFrom:      "
              + status.debitPartyName().orElse("?")
              + "\nTo:        "
              + status.creditPartyName().orElse("?")
              + "\nType:      "
              + status.reasonType().orElse("?")
              + "\nFinalised: "
              + status.finalisedTime().map(t -> t + " (EAT)").orElse("?");
        });
  }
}
