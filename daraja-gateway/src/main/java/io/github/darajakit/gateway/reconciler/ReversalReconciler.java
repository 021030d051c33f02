package io.github.darajakit.gateway.reconciler;

import io.github.darajakit.client.DarajaClient;
import io.github.darajakit.client.DarajaException;
import io.github.darajakit.client.InitiatorAcknowledgement;
import io.github.darajakit.client.transactions.TransactionStatusRequest;
import io.github.darajakit.gateway.reversals.Reversal;
import io.github.darajakit.gateway.reversals.ReversalService;
import io.github.darajakit.gateway.reversals.ReversalStatus;
import io.github.darajakit.gateway.reversals.ReversalStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure every reversal reaches a final state or a person's list, without ever sending one
 * twice.
 *
 * <p>A reversal whose Result has not come in time, or whose outcome is unknown, is asked about with
 * Transaction Status: by Daraja's OriginatorConversationID when Daraja acknowledged it, else by the
 * receipt it reverses. The answer comes back as a Result ({@code ReversalResults.status}). The
 * questions follow the reconciler schedule; when it runs out, the reversal is flagged for a person.
 */
public final class ReversalReconciler implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ReversalReconciler.class);
  private static final Duration LEASE = Duration.ofMinutes(2);
  private static final int BATCH = 50;

  private final ReversalStore reversals;
  private final ReversalService service;
  private final DarajaClient daraja;
  private final Clock clock;
  private final List<Duration> schedule;
  private final String owner;
  private final String statusResultUrl;
  private final String statusTimeoutUrl;
  private final Consumer<String> observer;
  private final Rounds rounds = new Rounds("daraja-gateway-reversal-reconciler");

  /**
   * @param schedule delays between questions; when exhausted the reversal is flagged
   * @param owner this instance's lease name
   * @param statusResultUrl where Daraja posts the Transaction Status Results
   * @param statusTimeoutUrl where Daraja posts if a query times out in its queue
   * @param observer told the action taken for each reversal, for metrics
   */
  public ReversalReconciler(
      ReversalStore reversals,
      ReversalService service,
      DarajaClient daraja,
      Clock clock,
      List<Duration> schedule,
      String owner,
      String statusResultUrl,
      String statusTimeoutUrl,
      Consumer<String> observer) {
    this.reversals = reversals;
    this.service = service;
    this.daraja = daraja;
    this.clock = clock;
    this.schedule = List.copyOf(schedule);
    this.owner = owner;
    this.statusResultUrl = statusResultUrl;
    this.statusTimeoutUrl = statusTimeoutUrl;
    this.observer = observer;
  }

  /** Starts looking every {@code every}. */
  public void start(Duration every) {
    rounds.start(every, this::reconcileDue, BATCH, log, "reversal reconciliation");
  }

  /** Looks at every reversal due now; returns how many. Tests call it with a moved clock. */
  public int reconcileDue() {
    long now = clock.millis();
    List<Reversal> due = reversals.claimDue(owner, now, now + LEASE.toMillis(), BATCH);
    for (Reversal reversal : due) {
      try {
        reconcile(reversal);
      } catch (RuntimeException e) {
        log.warn("could not reconcile reversal {}; will look again", reversal.id(), e);
      }
    }
    return due.size();
  }

  private void reconcile(Reversal reversal) {
    if (reversal.status().isTerminal()) {
      service.update(reversal.id(), this::clearing);
      return;
    }
    if (reversal.status() == ReversalStatus.CREATED) {
      reversal =
          service.update(
              reversal.id(),
              r ->
                  r.status() != ReversalStatus.CREATED
                      ? Optional.empty()
                      : Optional.of(
                          r.toBuilder()
                              .status(ReversalStatus.UNKNOWN)
                              .failureReason(
                                  "The gateway stopped after recording this reversal and before"
                                      + " recording Daraja's answer; it may or may not have been"
                                      + " sent, and it will not be sent again.")
                              .build(clock.millis())));
      observer.accept("reversal_unknown");
      if (reversal.status().isTerminal()) {
        return;
      }
    }
    try {
      TransactionStatusRequest.Builder question =
          TransactionStatusRequest.builder()
              .partyA(reversal.shortCode())
              .remarks("Reversal reconciliation")
              .occasion(reversal.id())
              .resultUrl(statusResultUrl)
              .queueTimeOutUrl(statusTimeoutUrl);
      if (reversal.originatorConversationId() != null) {
        question.originalConversationId(reversal.originatorConversationId());
      } else {
        question.transactionId(reversal.originalReceipt());
      }
      InitiatorAcknowledgement ack = daraja.transactions().status(question.build());
      String queryId =
          ack.conversationId() == null || ack.conversationId().isBlank()
              ? ack.originatorConversationId()
              : ack.conversationId();
      reversals.recordStatusQuery(reversal.id(), queryId);
      later(reversal, null);
      observer.accept("reversal_status_query");
    } catch (DarajaException e) {
      later(reversal, "Transaction Status failed: " + e.getMessage());
    }
  }

  /** Schedules the next question, or flags the reversal when the schedule is spent. */
  private void later(Reversal reversal, String problem) {
    int attempts = reversal.checkAttempts() + 1;
    boolean exhausted = attempts >= schedule.size();
    service.update(
        reversal.id(),
        r -> {
          if (r.status().isTerminal()) {
            return clearing(r);
          }
          Reversal.Builder next = r.toBuilder();
          if (exhausted) {
            next.nextCheck(null, attempts)
                .addAttention(
                    "no final answer after "
                        + attempts
                        + " Transaction Status queries"
                        + (problem == null ? "" : " (last: " + problem + ")")
                        + "; check the M-Pesa statement of "
                        + r.shortCode()
                        + " for a reversal of "
                        + r.originalReceipt()
                        + " and settle it by hand; it will never be sent again");
          } else {
            next.nextCheck(clock.millis() + schedule.get(attempts).toMillis(), attempts);
          }
          return Optional.of(next.build(clock.millis()));
        });
    observer.accept(exhausted ? "reversal_flagged" : "reversal_rescheduled");
  }

  private Optional<Reversal> clearing(Reversal r) {
    return r.nextCheckAt() == null
        ? Optional.empty()
        : Optional.of(r.toBuilder().nextCheck(null, r.checkAttempts()).build(clock.millis()));
  }

  @Override
  public void close() {
    rounds.close();
  }
}
