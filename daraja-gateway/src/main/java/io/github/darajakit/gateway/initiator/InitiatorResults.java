package io.github.darajakit.gateway.initiator;

import io.github.darajakit.client.DarajaCallbackParseException;
import io.github.darajakit.client.callbacks.DarajaCallbacks;
import io.github.darajakit.client.callbacks.QueueTimeout;
import io.github.darajakit.client.callbacks.ResultEnvelope;
import io.github.darajakit.gateway.callbacks.Verdict;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Optional;

/**
 * The parts of applying initiator callbacks that every flow shares: queue timeouts, and Transaction
 * Status answers that prove nothing.
 *
 * @param <O> the flow's record
 */
public final class InitiatorResults<O extends Operation> {

  private final Operations<O> operations;
  private final Clock clock;

  public InitiatorResults(Operations<O> operations, Clock clock) {
    this.operations = operations;
    this.clock = clock;
  }

  /**
   * Applies a post to a QueueTimeOutURL: the request waited too long in Daraja's queue. ⚠ Daraja
   * does not say whether it then ran, so an operation still awaiting its Result becomes UNKNOWN
   * (for Transaction Status to settle), never FAILED: failing it would invite sending again what
   * may have run. One already settled, or sent again since, is not moved.
   */
  public Verdict queueTimeout(Connection c, byte[] body) throws SQLException {
    QueueTimeout timeout;
    try {
      timeout = DarajaCallbacks.parseQueueTimeout(body);
    } catch (DarajaCallbackParseException e) {
      return Verdict.of(Verdict.Outcome.UNPARSEABLE, e.getMessage(), null, null);
    }
    String key = timeout.originatorConversationId();
    Optional<Operations.Sending<O>> found =
        operations.bySending(c, timeout.originatorConversationId(), timeout.conversationId());
    if (found.isEmpty()) {
      return Verdict.of(
          Verdict.Outcome.UNMATCHED, "a queue timeout naming nothing we sent", null, key);
    }
    O operation = found.get().operation();
    String noun = operations.noun(operation);
    int sending = found.get().sending();
    if (!found.get().current() || !operation.stage().awaitingResult()) {
      return Verdict.of(
          Verdict.Outcome.LATE,
          "the "
              + noun
              + " is already "
              + operation.statusName()
              + (found.get().current() ? "" : " on a later sending")
              + ": recorded, not applied",
          operation.id(),
          key);
    }
    operations.update(
        c,
        operation,
        o ->
            !o.stage().awaitingResult() || o.sending() != sending
                ? Optional.empty()
                : Optional.of(
                    operations.next(
                        o,
                        Operations.Move.checkAt(clock.millis(), o.checkAttempts())
                            .unknown(
                                "Daraja's queue timed out on the request; it may or may not have"
                                    + " run, and it will not be sent again.")
                            .result(
                                timeout.resultCode().isEmpty() ? null : timeout.resultCode(),
                                timeout.resultDesc().isEmpty() ? null : timeout.resultDesc()),
                        clock.millis())));
    return Verdict.of(
        Verdict.Outcome.APPLIED, noun + " unknown (queue timeout)", operation.id(), key);
  }

  /**
   * The verdict on a Transaction Status answer that proves nothing: "no such transaction" shortly
   * after a request is not proof that it will never run, so the reconciler keeps asking on its
   * schedule, then asks a person.
   *
   * @param status the TransactionStatus it gave, or empty
   */
  public static Verdict unproven(
      ResultEnvelope envelope, String status, String operationId, String key) {
    return Verdict.of(
        Verdict.Outcome.RECORDED,
        "Transaction Status: "
            + (envelope.resultCode().isSuccess()
                ? "transaction " + (status.isEmpty() ? "status not given" : status)
                : envelope.resultCode().code() + " " + envelope.resultDesc())
            + "; the reconciler keeps asking",
        operationId,
        key);
  }
}
