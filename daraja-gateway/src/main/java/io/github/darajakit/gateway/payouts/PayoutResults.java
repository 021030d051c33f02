package io.github.darajakit.gateway.payouts;

import io.github.darajakit.client.DarajaCallbackParseException;
import io.github.darajakit.client.Outcome;
import io.github.darajakit.client.ResultCode;
import io.github.darajakit.client.ResultCodes;
import io.github.darajakit.client.callbacks.B2bResult;
import io.github.darajakit.client.callbacks.B2cResult;
import io.github.darajakit.client.callbacks.DarajaCallbacks;
import io.github.darajakit.client.callbacks.QueueTimeout;
import io.github.darajakit.client.callbacks.ResultEnvelope;
import io.github.darajakit.client.callbacks.StkPayment;
import io.github.darajakit.client.callbacks.TransactionStatusResult;
import io.github.darajakit.gateway.callbacks.Verdict;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Applies B2C and B2B Results and queue timeouts to payouts and B2B payments, inside the
 * transaction that stores them.
 *
 * <p>A Result is evidence, like any callback: it settles a payout only if it names one we sent (by
 * OriginatorConversationID or ConversationID) and, when it says paid, for the amount we sent. A
 * payout already settled is never changed again: copies are duplicates, contradictions are recorded
 * as late and not applied.
 */
public final class PayoutResults {

  private final PayoutStore payouts;
  private final PayoutService service;
  private final Clock clock;

  public PayoutResults(PayoutStore payouts, PayoutService service, Clock clock) {
    this.payouts = payouts;
    this.service = service;
    this.clock = clock;
  }

  /** What a B2C or B2B Result says was paid, as far as it says. */
  private record Paid(
      Optional<BigDecimal> amount,
      Optional<String> receipt,
      Optional<String> partyName,
      Optional<LocalDateTime> completedTime) {}

  /** Applies a post to the B2C ResultURL. */
  public Verdict result(Connection c, byte[] body) throws SQLException {
    B2cResult result;
    try {
      result = (B2cResult) DarajaCallbacks.parseResult(body, ResultCodes.Family.B2C);
    } catch (DarajaCallbackParseException e) {
      return Verdict.of(Verdict.Outcome.UNPARSEABLE, e.getMessage(), null, null);
    }
    ResultEnvelope envelope = result.envelope();
    Optional<Payout> found =
        payouts.byConversation(c, envelope.originatorConversationId(), envelope.conversationId());
    return apply(
        c,
        envelope,
        found,
        new Paid(
            result.amount(),
            result.receipt(),
            result.receiverPartyPublicName(),
            result.completedTime()));
  }

  /**
   * Applies a post to the B2B ResultURL. Daraja assigns a B2B request's OriginatorConversationID,
   * so a payment whose acknowledgement was lost is not known by it: a successful Result is then
   * matched to the one such payment (UNKNOWN, never acknowledged) to the same receiver for the same
   * amount, if there is exactly one.
   */
  public Verdict b2bResult(Connection c, byte[] body) throws SQLException {
    B2bResult result;
    try {
      result = (B2bResult) DarajaCallbacks.parseResult(body, ResultCodes.Family.B2B);
    } catch (DarajaCallbackParseException e) {
      return Verdict.of(Verdict.Outcome.UNPARSEABLE, e.getMessage(), null, null);
    }
    ResultEnvelope envelope = result.envelope();
    Optional<Payout> found =
        payouts.byConversation(c, envelope.originatorConversationId(), envelope.conversationId());
    if (found.isEmpty()
        && envelope.resultCode().isSuccess()
        && result.amount().isPresent()
        && result.receiverPartyPublicName().isPresent()) {
      String receiver = result.receiverPartyPublicName().get().split(" - ", 2)[0].trim();
      found = payouts.unacknowledgedB2b(c, receiver, result.amount().get());
    }
    return apply(
        c,
        envelope,
        found,
        new Paid(
            result.amount(),
            Optional.ofNullable(envelope.transactionId()),
            result.receiverPartyPublicName(),
            result.completedTime()));
  }

  private Verdict apply(Connection c, ResultEnvelope envelope, Optional<Payout> found, Paid paid)
      throws SQLException {
    String key = envelope.originatorConversationId();
    if (found.isEmpty()) {
      return Verdict.of(
          Verdict.Outcome.UNMATCHED,
          "no payout has OriginatorConversationID "
              + key
              + " or ConversationID "
              + envelope.conversationId(),
          null,
          key);
    }
    Payout payout = found.get();
    ResultCode code = envelope.resultCode();
    if (code.outcome() == Outcome.PENDING) {
      return Verdict.of(
          Verdict.Outcome.DUPLICATE, "a pending code changes nothing", payout.id(), key);
    }
    PayoutStatus target = code.isSuccess() ? PayoutStatus.SUCCEEDED : PayoutStatus.FAILED;
    String noun = payout.kind().noun();
    if (payout.status().isTerminal()) {
      boolean same =
          payout.status() == target
              && (target != PayoutStatus.SUCCEEDED
                  || paid.receipt().orElse("").equals(payout.receipt()));
      return Verdict.of(
          same ? Verdict.Outcome.DUPLICATE : Verdict.Outcome.LATE,
          same
              ? "the " + noun + " is already " + payout.status().apiName()
              : "the "
                  + noun
                  + " is already "
                  + payout.status().apiName()
                  + "; this Result says "
                  + target.apiName()
                  + " ("
                  + code.code()
                  + "): recorded, not applied",
          payout.id(),
          key);
    }
    if (target == PayoutStatus.SUCCEEDED) {
      Optional<String> disagreement = disagreement(payout, paid);
      if (disagreement.isPresent()) {
        flag(c, payout, "a Result disagreed with the " + noun + ": " + disagreement.get());
        return Verdict.of(Verdict.Outcome.MISMATCH, disagreement.get(), payout.id(), key);
      }
    }
    boolean changed =
        settle(
            c,
            payout,
            next -> {
              next.status(target)
                  .originatorConversationId(
                      payout.kind() == Payout.Kind.B2B ? envelope.originatorConversationId() : null)
                  .conversationId(envelope.conversationId())
                  .result(code.code(), envelope.resultDesc());
              if (target == PayoutStatus.SUCCEEDED) {
                next.failureReason(null)
                    .paid(
                        paid.receipt().orElseThrow(),
                        paid.partyName().map(PayoutResults::nameOnly).orElse(null),
                        millis(paid.completedTime()));
              } else {
                next.failureReason(code.meaning());
              }
            });
    return Verdict.of(
        changed ? Verdict.Outcome.APPLIED : Verdict.Outcome.DUPLICATE,
        noun + " " + target.apiName() + " (" + code.code() + ")",
        payout.id(),
        key);
  }

  /**
   * Applies a post to the B2C QueueTimeOutURL: the request waited too long in Daraja's queue. ⚠
   * Daraja does not say whether it then ran, so the payout becomes UNKNOWN (for Transaction Status
   * to settle), never FAILED: failing it would invite a second payment of something paid.
   */
  public Verdict queueTimeout(Connection c, byte[] body) throws SQLException {
    QueueTimeout timeout;
    try {
      timeout = DarajaCallbacks.parseQueueTimeout(body);
    } catch (DarajaCallbackParseException e) {
      return Verdict.of(Verdict.Outcome.UNPARSEABLE, e.getMessage(), null, null);
    }
    String key = timeout.originatorConversationId();
    Optional<Payout> found =
        payouts.byConversation(c, timeout.originatorConversationId(), timeout.conversationId());
    if (found.isEmpty()) {
      return Verdict.of(
          Verdict.Outcome.UNMATCHED, "a queue timeout naming no payout we know", null, key);
    }
    Payout payout = found.get();
    if (payout.status() != PayoutStatus.SUBMITTED && payout.status() != PayoutStatus.CREATED) {
      return Verdict.of(
          Verdict.Outcome.LATE,
          "the payout is already " + payout.status().apiName() + ": recorded, not applied",
          payout.id(),
          key);
    }
    service.update(
        c,
        payout,
        p ->
            p.status() != PayoutStatus.SUBMITTED && p.status() != PayoutStatus.CREATED
                ? Optional.empty()
                : Optional.of(
                    p.toBuilder()
                        .status(PayoutStatus.UNKNOWN)
                        .result(
                            timeout.resultCode().isEmpty() ? null : timeout.resultCode(),
                            timeout.resultDesc().isEmpty() ? null : timeout.resultDesc())
                        .failureReason(
                            "Daraja's queue timed out on the request; it may or may not have"
                                + " been paid, and it will not be sent again.")
                        .nextCheck(clock.millis(), p.checkAttempts())
                        .build(clock.millis())));
    return Verdict.of(Verdict.Outcome.APPLIED, "payout unknown (queue timeout)", payout.id(), key);
  }

  /**
   * Applies a Transaction Status Result asked for by the reconciler. "Completed" with a receipt is
   * proof of payment and settles the payout. Any other answer changes nothing: "no such
   * transaction" shortly after a request is not proof that it will never run, so the reconciler
   * keeps asking on its schedule and then asks a person.
   */
  public Verdict status(Connection c, byte[] body) throws SQLException {
    TransactionStatusResult result;
    try {
      result =
          (TransactionStatusResult)
              DarajaCallbacks.parseResult(body, ResultCodes.Family.TRANSACTION_STATUS);
    } catch (DarajaCallbackParseException e) {
      return Verdict.of(Verdict.Outcome.UNPARSEABLE, e.getMessage(), null, null);
    }
    ResultEnvelope envelope = result.envelope();
    Optional<Payout> found = Optional.empty();
    if (result.originalOriginatorConversationId().isPresent()) {
      found = payouts.byConversation(c, result.originalOriginatorConversationId().get(), null);
    }
    if (found.isEmpty()) {
      found =
          payouts.byStatusQuery(c, envelope.conversationId(), envelope.originatorConversationId());
    }
    String key = envelope.conversationId();
    if (found.isEmpty()) {
      return Verdict.of(
          Verdict.Outcome.UNMATCHED,
          "a Transaction Status Result about no payout we know",
          null,
          key);
    }
    Payout payout = found.get();
    String status = result.transactionStatus().orElse("");
    if (!envelope.resultCode().isSuccess() || !status.equalsIgnoreCase("Completed")) {
      return Verdict.of(
          Verdict.Outcome.RECORDED,
          "Transaction Status: "
              + (envelope.resultCode().isSuccess()
                  ? "transaction " + (status.isEmpty() ? "status not given" : status)
                  : envelope.resultCode().code() + " " + envelope.resultDesc())
              + "; the reconciler keeps asking",
          payout.id(),
          key);
    }
    if (payout.status().isTerminal()) {
      boolean same =
          payout.status() == PayoutStatus.SUCCEEDED
              && result.receiptNo().orElse("").equals(payout.receipt());
      return Verdict.of(
          same ? Verdict.Outcome.DUPLICATE : Verdict.Outcome.LATE,
          "the payout is already " + payout.status().apiName(),
          payout.id(),
          key);
    }
    Optional<BigDecimal> amount = result.amount();
    if (result.receiptNo().isEmpty()
        || (amount.isPresent()
            && amount.get().compareTo(BigDecimal.valueOf(payout.amount())) != 0)) {
      String reason =
          "Transaction Status disagreed with the payout: amount "
              + amount.map(BigDecimal::toPlainString).orElse("none")
              + ", receipt "
              + result.receiptNo().orElse("none");
      flag(c, payout, reason);
      return Verdict.of(Verdict.Outcome.MISMATCH, reason, payout.id(), key);
    }
    boolean changed =
        settle(
            c,
            payout,
            next ->
                next.status(PayoutStatus.SUCCEEDED)
                    .result("0", "Completed, according to Transaction Status")
                    .failureReason(null)
                    .paid(
                        result.receiptNo().get(),
                        result.creditPartyName().map(PayoutResults::nameOnly).orElse(null),
                        millis(result.finalisedTime())));
    return Verdict.of(
        changed ? Verdict.Outcome.APPLIED : Verdict.Outcome.DUPLICATE,
        "payout succeeded (Transaction Status)",
        payout.id(),
        key);
  }

  /**
   * Moves a payout not yet final to what the evidence says (and off the reconciler's list).
   *
   * @return false if it was final already: another writer applied a copy of this evidence first
   */
  private boolean settle(Connection c, Payout payout, Consumer<Payout.Builder> evidence)
      throws SQLException {
    boolean[] changed = new boolean[1];
    service.update(
        c,
        payout,
        p -> {
          changed[0] = !p.status().isTerminal();
          if (!changed[0]) {
            return Optional.empty();
          }
          Payout.Builder next = p.toBuilder().nextCheck(null, p.checkAttempts());
          evidence.accept(next);
          return Optional.of(next.build(clock.millis()));
        });
    return changed[0];
  }

  /** Flags a payout for a person, once. */
  private void flag(Connection c, Payout payout, String reason) throws SQLException {
    service.update(
        c,
        payout,
        p ->
            p.attention() != null
                ? Optional.empty()
                : Optional.of(p.toBuilder().addAttention(reason).build(clock.millis())));
  }

  /** A time Daraja gives in East Africa Time, as epoch ms; now if it gave none. */
  long millis(Optional<LocalDateTime> eat) {
    return eat.map(t -> t.atZone(StkPayment.EAT).toInstant().toEpochMilli()).orElse(clock.millis());
  }

  private static Optional<String> disagreement(Payout payout, Paid paid) {
    Optional<BigDecimal> amount = paid.amount();
    if (amount.isPresent() && amount.get().compareTo(BigDecimal.valueOf(payout.amount())) != 0) {
      return Optional.of("amount " + amount.get() + " instead of " + payout.amount());
    }
    if (paid.receipt().isEmpty() || paid.receipt().get().isBlank()) {
      return Optional.of("no M-Pesa receipt");
    }
    return Optional.empty();
  }

  /** {@code "254705912645 - NICK NAME"} → {@code "NICK NAME"}: the number is ours already. */
  private static String nameOnly(String publicName) {
    int dash = publicName.indexOf(" - ");
    return dash < 0 ? publicName.trim() : publicName.substring(dash + 3).trim();
  }
}
