package io.github.darajakit.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.darajakit.client.DarajaClient;
import io.github.darajakit.client.InitiatorAcknowledgement;
import io.github.darajakit.client.ResultCodes;
import io.github.darajakit.client.callbacks.DarajaCallbacks;
import io.github.darajakit.client.callbacks.DarajaResult;
import io.github.darajakit.client.callbacks.QueueTimeout;
import io.github.darajakit.client.callbacks.ResultEnvelope;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Runs one initiator request (B2C, balance, status, reversal): sends it once, then, unless told not
 * to, waits for its Result on a {@link ResultCatcher} and shows it. Exit codes: 0 the Result says
 * done, 3 it says failed, 4 no Result came in time or Daraja's queue timed out (it may still run),
 * 1 Daraja refused the request (nothing ran).
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
      if (post.isEmpty()) {
        data.put("status", "unknown");
        output.print(
            spec.commandLine().getOut(),
            data,
            accepted
                + "\nNo Result within "
                + results.timeout().toSeconds()
                + " s: the outcome is unknown. Do not repeat it before checking (daraja status).");
        return DarajaCli.EXIT_UNKNOWN;
      }
      byte[] body = post.get().body().toString().getBytes(StandardCharsets.UTF_8);
      if (post.get().queueTimeout()) {
        QueueTimeout timeout = DarajaCallbacks.parseQueueTimeout(body);
        data.put("status", "unknown").put("result_code", timeout.resultCode());
        output.print(
            spec.commandLine().getOut(),
            data,
            accepted
                + "\nDaraja's queue timed out on it: it may or may not have run. Do not repeat it"
                + " before checking (daraja status).");
        return DarajaCli.EXIT_UNKNOWN;
      }
      DarajaResult result = DarajaCallbacks.parseResult(body, family);
      ResultEnvelope envelope = result.envelope();
      data.put("result_code", envelope.resultCode().code())
          .put("result_desc", envelope.resultDesc())
          .put("meaning", envelope.resultCode().meaning());
      if (!envelope.resultCode().isSuccess()) {
        data.put("status", "failed");
        output.print(
            spec.commandLine().getOut(),
            data,
            "Failed: result code "
                + envelope.resultCode().code()
                + ": "
                + envelope.resultCode().meaning()
                + "\nDaraja said: "
                + envelope.resultDesc());
        return DarajaCli.EXIT_DECLINED;
      }
      data.put("status", "succeeded");
      String text = describe.describe(result, data);
      output.print(spec.commandLine().getOut(), data, text);
      return 0;
    }
  }
}
