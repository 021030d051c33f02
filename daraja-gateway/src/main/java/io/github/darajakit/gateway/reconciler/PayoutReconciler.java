package io.github.darajakit.gateway.reconciler;

import io.github.darajakit.client.DarajaClient;
import io.github.darajakit.client.DarajaException;
import io.github.darajakit.client.InitiatorAcknowledgement;
import io.github.darajakit.client.transactions.TransactionStatusRequest;
import io.github.darajakit.gateway.payouts.Payout;
import io.github.darajakit.gateway.payouts.PayoutService;
import io.github.darajakit.gateway.payouts.PayoutStatus;
import io.github.darajakit.gateway.payouts.PayoutStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure every payout and B2B payment reaches a final state or a person's list, without ever
 * paying twice.
 *
 * <p>A payout whose Result has not come in time, or whose outcome is unknown, is asked about with
 * Transaction Status, by the OriginatorConversationID it was sent under (committed before it was
 * sent, so even a payout whose sending the gateway did not live to record can be asked about). The
 * answer comes back as a Result ({@code PayoutResults.status}); "Completed" settles the payout. The
 * questions follow the schedule (by default 1 min, then 2, 5, 15 min and 1 h); when it runs out,
 * the payout is flagged for a person. Asking is safe to repeat: Transaction Status moves no money.
 * Sending the payout again is never done here.
 */
public final class PayoutReconciler implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(PayoutReconciler.class);
  private static final Duration LEASE = Duration.ofMinutes(2);
  private static final int BATCH = 50;

  private final PayoutStore payouts;
  private final PayoutService service;
  private final DarajaClient daraja;
  private final Clock clock;
  private final List<Duration> schedule;
  private final String owner;
  private final String statusResultUrl;
  private final String statusTimeoutUrl;
  private final Consumer<String> observer;
  private final Rounds rounds = new Rounds("daraja-gateway-payout-reconciler");

  /**
   * @param schedule delays between questions; when exhausted the payout is flagged
   * @param owner this instance's lease name
   * @param statusResultUrl where Daraja posts the Transaction Status Results
   * @param statusTimeoutUrl where Daraja posts if a query times out in its queue
   * @param observer told the action taken for each payout, for metrics
   */
  public PayoutReconciler(
      PayoutStore payouts,
      PayoutService service,
      DarajaClient daraja,
      Clock clock,
      List<Duration> schedule,
      String owner,
      String statusResultUrl,
      String statusTimeoutUrl,
      Consumer<String> observer) {
    this.payouts = payouts;
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
    rounds.start(every, this::reconcileDue, BATCH, log, "payout reconciliation");
  }

  /** Looks at every payout due now; returns how many. Tests call it with a moved clock. */
  public int reconcileDue() {
    long now = clock.millis();
    List<Payout> due = payouts.claimDue(owner, now, now + LEASE.toMillis(), BATCH);
    for (Payout payout : due) {
      try {
        reconcile(payout);
      } catch (RuntimeException e) {
        log.warn("could not reconcile payout {}; will look again", payout.id(), e);
      }
    }
    return due.size();
  }

  private void reconcile(Payout payout) {
    if (payout.status().isTerminal()) {
      clear(payout);
      return;
    }
    if (payout.status() == PayoutStatus.CREATED) {
      payout =
          service.update(
              payout.id(),
              p ->
                  p.status() != PayoutStatus.CREATED
                      ? Optional.empty()
                      : Optional.of(
                          p.toBuilder()
                              .status(PayoutStatus.UNKNOWN)
                              .failureReason(
                                  "The gateway stopped after recording this payout and before"
                                      + " recording Daraja's answer; it may or may not have been"
                                      + " sent, and it will not be sent again.")
                              .build(clock.millis())));
      observer.accept("payout_unknown");
      if (payout.status().isTerminal()) {
        return;
      }
    }
    if (payout.kind() == Payout.Kind.B2B && payout.conversationId() == null) {
      // Daraja names a B2B request when it acknowledges it; unacknowledged, there is nothing to
      // ask Transaction Status by. Its Result can still settle it (PayoutResults.b2bResult).
      later(
          payout,
          "Daraja never acknowledged this B2B payment, so there is no OriginatorConversationID to"
              + " ask Transaction Status by");
      return;
    }
    try {
      InitiatorAcknowledgement ack =
          daraja
              .transactions()
              .status(
                  TransactionStatusRequest.builder()
                      .originalConversationId(payout.originatorConversationId())
                      .partyA(payout.shortCode())
                      .remarks("Payout reconciliation")
                      .occasion(payout.id())
                      .resultUrl(statusResultUrl)
                      .queueTimeOutUrl(statusTimeoutUrl)
                      .build());
      String queryId =
          ack.conversationId() == null || ack.conversationId().isBlank()
              ? ack.originatorConversationId()
              : ack.conversationId();
      payouts.recordStatusQuery(payout.id(), queryId);
      later(payout, null);
      observer.accept("payout_status_query");
    } catch (DarajaException e) {
      later(payout, "Transaction Status failed: " + e.getMessage());
    }
  }

  /** Schedules the next question, or flags the payout when the schedule is spent. */
  private void later(Payout payout, String problem) {
    int attempts = payout.checkAttempts() + 1;
    boolean exhausted = attempts >= schedule.size();
    service.update(
        payout.id(),
        p -> {
          if (p.status().isTerminal()) {
            return clearing(p);
          }
          Payout.Builder next = p.toBuilder();
          if (exhausted) {
            if (p.status() == PayoutStatus.SUBMITTED) {
              // Accepted, and no Result came nor any answer to a question: its outcome is unknown,
              // not "sent" (a batch waiting on it would never complete).
              next.status(PayoutStatus.UNKNOWN)
                  .failureReason(
                      "Daraja accepted it, but neither its Result nor Transaction Status said"
                          + " what became of it; it will not be sent again.");
            }
            next.nextCheck(null, attempts)
                .addAttention(
                    "no final answer after "
                        + attempts
                        + " looks"
                        + (problem == null ? "" : " (last: " + problem + ")")
                        + "; check the M-Pesa statement of "
                        + p.shortCode()
                        + " for KES "
                        + p.amount()
                        + " to "
                        + p.recipient()
                        + (p.kind() == Payout.Kind.B2B && p.conversationId() == null
                            ? ""
                            : " (OriginatorConversationID " + p.originatorConversationId() + ")")
                        + " and settle it by hand; it will never be sent again");
          } else {
            next.nextCheck(clock.millis() + schedule.get(attempts).toMillis(), attempts);
          }
          return Optional.of(next.build(clock.millis()));
        });
    observer.accept(exhausted ? "payout_flagged" : "payout_rescheduled");
  }

  /** Takes a settled payout off the reconciler's list. */
  private void clear(Payout payout) {
    service.update(payout.id(), this::clearing);
  }

  private Optional<Payout> clearing(Payout p) {
    return p.nextCheckAt() == null
        ? Optional.empty()
        : Optional.of(p.toBuilder().nextCheck(null, p.checkAttempts()).build(clock.millis()));
  }

  @Override
  public void close() {
    rounds.close();
  }
}
