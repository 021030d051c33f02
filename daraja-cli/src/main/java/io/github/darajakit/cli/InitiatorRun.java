package io.github.darajakit.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.darajakit.client.DarajaClient;
import io.github.darajakit.client.InitiatorAcknowledgement;
import io.github.darajakit.client.Outcome;
import io.github.darajakit.client.ResultCodes;
import io.github.darajakit.client.callbacks.DarajaCallbacks;
import io.github.darajakit.client.callbacks.DarajaResult;
import io.github.darajakit.client.callbacks.QueueTimeout;
import io.github.darajakit.client.callbacks.ResultEnvelope;
import io.github.darajakit.client.callbacks.TransactionStatusResult;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Runs one initiator request (B2C, balance, status, reversal): sends it once, then, unless told not
 * to, waits for its Result on a {@link ResultCatcher} and shows it. Exit codes: 0 the Result says
 * done, 3 it says failed, 4 no Result came in time, Daraja's queue timed out (it may still run) or
 * the Result is not final (a Transaction Status "not found", say), 1 Daraja refused the request
 * (nothing ran). A code 4 about money states the SDK's recipe for an unknown outcome.
 */
final class InitiatorRun {

  /** Sends the request with these Result URLs. */
  @FunctionalInterface
  interface Request {
    InitiatorAcknowledgement send(DarajaClient client, String resultUrl, String timeoutUrl);
  }

  /** What a successful Result says, for people and for scripts. */
  @FunctionalInterface
  interface Describe {
    String describe(DarajaResult result, ObjectNode data);
  }

  private InitiatorRun() {}

  static int run(
      CommandSpec spec,
      Output output,
      DarajaOptions daraja,
      ResultOptions results,
      String what,
      ResultCodes.Family family,
      Request request,
      Describe describe) {
    boolean waits = results.waits(daraja);
    // Balance and status queries move nothing themselves; what a status query is about may have.
    boolean sendMovesMoney =
        family != ResultCodes.Family.ACCOUNT_BALANCE
            && family != ResultCodes.Family.TRANSACTION_STATUS;
    try (DarajaClient client = daraja.client();
        ResultCatcher catcher = waits ? results.catcher() : null) {
      InitiatorAcknowledgement ack =
          waits
              ? request.send(client, catcher.resultUrl(), catcher.timeoutUrl())
              : request.send(client, results.resultUrl, results.resultUrl);
      ObjectNode data = Output.object();
      data.put("conversation_id", ack.conversationId())
          .put("originator_conversation_id", ack.originatorConversationId());
      String accepted =
          "Daraja accepted the "
              + what
              + " (ConversationID "
              + ack.conversationId()
              + ", OriginatorConversationID "
              + ack.originatorConversationId()
              + ").";
      if (!waits) {
        data.put("status", "accepted");
        output.print(
            spec.commandLine().getOut(),
            data,
            accepted + "\nIts Result goes to " + results.resultUrl);
        return 0;
      }
      Optional<ResultCatcher.Received> post =
          catcher.await(ack.conversationId(), ack.originatorConversationId(), results.timeout());
      String unknown =
          sendMovesMoney
              ? UnknownOutcome.recipe(UnknownOutcome.lookUp(ack.originatorConversationId()))
              : "It moves no money: ask again.";
      if (post.isEmpty()) {
        data.put("status", "unknown");
        output.print(
            spec.commandLine().getOut(),
            data,
            accepted
                + "\nNo Result within "
                + results.timeout().toSeconds()
                + " s: the outcome is unknown.\n"
                + unknown);
        return DarajaCli.EXIT_UNKNOWN;
      }
      byte[] body = post.get().body().toString().getBytes(StandardCharsets.UTF_8);
      if (post.get().queueTimeout()) {
        QueueTimeout timeout = DarajaCallbacks.parseQueueTimeout(body);
        data.put("status", "unknown").put("result_code", timeout.resultCode());
        output.print(
            spec.commandLine().getOut(),
            data,
            accepted + "\nDaraja's queue timed out on it: it may or may not have run.\n" + unknown);
        return DarajaCli.EXIT_UNKNOWN;
      }
      DarajaResult result = DarajaCallbacks.parseResult(body, family);
      ResultEnvelope envelope = result.envelope();
      data.put("result_code", envelope.resultCode().code())
          .put("result_desc", envelope.resultDesc())
          .put("meaning", envelope.resultCode().meaning());
      // The result's outcome, not its code's: a Transaction Status Result's code is about the
      // query, and only its finding says whether the transaction asked about failed.
      Outcome outcome = result.outcome();
      String said =
          "result code "
              + envelope.resultCode().code()
              + ": "
              + envelope.resultCode().meaning()
              + "\nDaraja said: "
              + envelope.resultDesc();
      if (outcome == Outcome.PENDING) {
        data.put("status", "unknown");
        output.print(
            spec.commandLine().getOut(),
            data,
            "Not final: "
                + said
                + "\n"
                + (family == ResultCodes.Family.ACCOUNT_BALANCE
                    ? "Ask again later."
                    : UnknownOutcome.recipe(
                        sendMovesMoney
                            ? UnknownOutcome.lookUp(ack.originatorConversationId())
                            : "")));
        return DarajaCli.EXIT_UNKNOWN;
      }
      if (outcome != Outcome.SUCCESS) {
        data.put("status", "failed");
        output.print(
            spec.commandLine().getOut(),
            data,
            result instanceof TransactionStatusResult status
                ? "Failed: M-Pesa's record of it says "
                    + status.transactionStatus().orElse("")
                    + ", proof that it did not happen"
                : "Failed: " + said);
        return DarajaCli.EXIT_DECLINED;
      }
      data.put("status", "succeeded");
      String text = describe.describe(result, data);
      output.print(spec.commandLine().getOut(), data, text);
      return 0;
    }
  }
}
