package io.github.darajakit.gateway.initiator;

import io.github.darajakit.client.DarajaClient;
import io.github.darajakit.client.DarajaException;
import io.github.darajakit.client.InitiatorAcknowledgement;
import io.github.darajakit.gateway.callbacks.CallbackKind;
import io.github.darajakit.gateway.flow.FlowContext;
import io.github.darajakit.gateway.reconciler.Reconciler;
import io.github.darajakit.gateway.reconciler.Rounds;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure every initiator operation of a flow reaches a final state or a person's list, without
 * ever sending one twice.
 *
 * <p>One recorded but never known to be sent (the gateway stopped in between) becomes UNKNOWN: it
 * may have reached Daraja, so it is never sent again. One whose Result has not come in time, or
 * whose outcome is unknown, is asked about with Transaction Status; the answer comes back as a
 * Result, which the flow applies. The questions follow the reconciler schedule; when it runs out,
 * the operation is flagged for a person — and one still waiting on Daraja is UNKNOWN, never left
 * pending for ever.
 *
 * @param <O> the flow's record
 */
public final class InitiatorReconciler<O extends Operation> implements Reconciler {

  private static final Logger log = LoggerFactory.getLogger(InitiatorReconciler.class);
  private static final Duration LEASE = Duration.ofMinutes(2);

  private final Operations<O> operations;
  private final DarajaClient daraja;
  private final Clock clock;
  private final List<Duration> schedule;
  private final String owner;
  private final String statusResultUrl;
  private final String statusTimeoutUrl;
  private final Consumer<String> observer;
  private final Rounds rounds;

  /**
   * A reconciler of one flow's operations, acting for the business of {@code context}: it asks
   * Transaction Status on the context's schedule, as the business's initiator, and has the answers
   * posted to {@code statusResult}'s URL.
   *
   * @param statusResult the callback kind whose handler applies the Transaction Status Results
   */
  public InitiatorReconciler(
      Operations<O> operations, FlowContext context, CallbackKind statusResult) {
    this.operations = operations;
    this.daraja = context.business().daraja();
    this.clock = context.clock();
    this.schedule = context.reconcileSchedule();
    this.owner = context.instanceId();
    this.statusResultUrl = context.callbackUrls().url(statusResult);
    this.statusTimeoutUrl = context.callbackUrls().url(CallbackKind.QUEUE_TIMEOUT);
    this.observer = context.metrics()::reconciler;
    this.rounds = new Rounds("daraja-gateway-" + operations.metricPrefix() + "-reconciler");
  }

  @Override
  public void start(Duration every) {
    rounds.start(
        every, this::reconcileDue, ROUND, log, operations.metricPrefix() + " reconciliation");
  }

  /** Looks at every operation due now; returns how many. Tests call it with a moved clock. */
  @Override
  public int reconcileDue() {
    long now = clock.millis();
    List<O> due = operations.claimDue(owner, now, now + LEASE.toMillis(), ROUND);
    for (O operation : due) {
      try {
        reconcile(operation);
      } catch (RuntimeException e) {
        log.warn(
            "could not reconcile {} {}; will look again",
            operations.noun(operation),
            operation.id(),
            e);
      }
    }
    return due.size();
  }

  private void reconcile(O operation) {
    if (operation.stage() == Stage.FINAL) {
      operations.update(operation.id(), this::clearing);
      return;
    }
    if (operation.stage() == Stage.CREATED) {
      String noun = operations.noun(operation);
      operation =
          operations.update(
              operation.id(),
              o ->
                  o.stage() != Stage.CREATED
                      ? Optional.empty()
                      : Optional.of(
                          operations.next(
                              o,
                              Operations.Move.checkAt(o.nextCheckAt(), o.checkAttempts())
                                  .unknown(
                                      "The gateway stopped after recording this "
                                          + noun
                                          + " and before recording Daraja's answer; it may or"
                                          + " may not have been sent, and it will not be sent"
                                          + " again."),
                              clock.millis())));
      observer.accept(operations.metricPrefix() + "_unknown");
      if (operation.stage() == Stage.FINAL) {
        return;
      }
    }
    Operations.Question question = operations.question(operation);
    if (question.cannotAsk() != null) {
      later(operation, question.cannotAsk());
      return;
    }
    try {
      InitiatorAcknowledgement ack =
          daraja
              .transactions()
              .status(
                  question
                      .request()
                      .occasion(operation.id())
                      .resultUrl(statusResultUrl)
                      .queueTimeOutUrl(statusTimeoutUrl)
                      .build());
      String queryId =
          ack.conversationId() == null || ack.conversationId().isBlank()
              ? ack.originatorConversationId()
              : ack.conversationId();
      operations.recordStatusQuery(operation.id(), queryId);
      later(operation, null);
      observer.accept(operations.metricPrefix() + "_status_query");
    } catch (DarajaException e) {
      later(operation, "Transaction Status failed: " + e.getMessage());
    }
  }

  /** Schedules the next look, or flags the operation when the schedule is spent. */
  private void later(O operation, String problem) {
    int attempts = operation.checkAttempts() + 1;
    boolean exhausted = attempts >= schedule.size();
    operations.update(
        operation.id(),
        o -> {
          if (o.stage() == Stage.FINAL) {
            return clearing(o);
          }
          long now = clock.millis();
          if (!exhausted) {
            return Optional.of(
                operations.next(
                    o,
                    Operations.Move.checkAt(now + schedule.get(attempts).toMillis(), attempts),
                    now));
          }
          Operations.Move flagged =
              Operations.Move.checkAt(null, attempts)
                  .flag(
                      "no final answer after "
                          + attempts
                          + " looks"
                          + (problem == null ? "" : " (last: " + problem + ")")
                          + "; check the M-Pesa statement of "
                          + operations.onTheStatement(o)
                          + " and settle it by hand; it will never be sent again");
          if (o.stage() == Stage.SUBMITTED) {
            // Accepted, and neither a Result nor any answer came: its outcome is unknown, not
            // "pending" (a batch waiting on it would never complete).
            flagged =
                flagged.unknown(
                    "Daraja accepted it, but nothing Daraja sent since (its Result, or an answer"
                        + " to a question about it) said what became of it; it will not be sent"
                        + " again.");
          }
          return Optional.of(operations.next(o, flagged, now));
        });
    observer.accept(operations.metricPrefix() + (exhausted ? "_flagged" : "_rescheduled"));
  }

  private Optional<O> clearing(O o) {
    return o.nextCheckAt() == null
        ? Optional.empty()
        : Optional.of(
            operations.next(o, Operations.Move.checkAt(null, o.checkAttempts()), clock.millis()));
  }

  @Override
  public void close() {
    rounds.close();
  }
}
