package io.github.darajakit.gateway.payouts;

import io.github.darajakit.client.DarajaCallbackParseException;
import io.github.darajakit.client.Outcome;
import io.github.darajakit.client.ResultCode;
import io.github.darajakit.client.ResultCodes;
import io.github.darajakit.client.callbacks.B2bResult;
import io.github.darajakit.client.callbacks.B2cResult;
import io.github.darajakit.client.callbacks.DarajaCallbacks;
import io.github.darajakit.client.callbacks.ResultEnvelope;
import io.github.darajakit.client.callbacks.TransactionStatusResult;
import io.github.darajakit.gateway.callbacks.PhoneEvidence;
import io.github.darajakit.gateway.callbacks.Verdict;
import io.github.darajakit.gateway.initiator.Evidence;
import io.github.darajakit.gateway.initiator.InitiatorResults;
import io.github.darajakit.gateway.store.Receipts;
import io.github.darajakit.gateway.transactions.ReceiptChecks;
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

  /**
   * A Result code saying M-Pesa saw this OriginatorConversationID before (REFERENCE §17.4): not
   * proof that nothing was paid.
   */
  private static final String DUPLICATE_DETECTED = "15";

  private final PayoutStore payouts;
  private final PayoutService service;
  private final Clock clock;
  private final Receipts receipts;
  private final ReceiptChecks receiptChecks;

  public PayoutResults(
      PayoutStore payouts,
      PayoutService service,
      Clock clock,
      Receipts receipts,
      ReceiptChecks receiptChecks) {
    this.receipts = receipts;
    this.receiptChecks = receiptChecks;
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
    Optional<PayoutStore.Attempt> found =
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
    Optional<PayoutStore.Attempt> found =
        payouts.byConversation(c, envelope.originatorConversationId(), envelope.conversationId());
    if (found.isEmpty()
        && envelope.resultCode().isSuccess()
        && result.amount().isPresent()
        && result.receiverPartyPublicName().isPresent()) {
      String receiver = result.receiverPartyPublicName().get().split(" - ", 2)[0].trim();
      found =
          payouts
              .unacknowledgedB2b(c, receiver, result.amount().get())
              .map(p -> new PayoutStore.Attempt(p, p.resubmissions()));
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

  private Verdict apply(
      Connection c, ResultEnvelope envelope, Optional<PayoutStore.Attempt> found, Paid paid)
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
    PayoutStore.Attempt attempt = found.get();
    ResultCode code = envelope.resultCode();
    if (code.outcome() == Outcome.PENDING) {
      return Verdict.of(
          Verdict.Outcome.DUPLICATE, "a pending code changes nothing", attempt.payout().id(), key);
    }
    if (code.isSuccess()) {
      return paid(
          c,
          attempt,
          paid,
          key,
          "Result " + code.code(),
          true, // a Result is a callback's word: M-Pesa is asked about its receipt later
          next ->
              next.originatorConversationId(
                      attempt.payout().kind() == Payout.Kind.B2B && attempt.current()
                          ? envelope.originatorConversationId()
                          : null)
                  .conversationId(attempt.current() ? envelope.conversationId() : null)
                  .result(code.code(), envelope.resultDesc()));
    }
    return failed(c, attempt, code, envelope, key);
  }

  /**
   * Applies evidence that a payout was paid — a success Result, or Transaction Status saying
   * "Completed". The evidence must carry the amount (ours) and a receipt no other record owns. It
   * settles a payout still waiting for its outcome; it also overrides a payout recorded failed,
   * cancelled or unsent, or paid by an attempt it was sent again after — money that moved is never
   * hidden behind a status that invites paying again — and then flags it for a person.
   */
  private Verdict paid(
      Connection c,
      PayoutStore.Attempt attempt,
      Paid paid,
      String key,
      String source,
      boolean checkLater,
      Consumer<Payout.Builder> details)
      throws SQLException {
    Payout payout = attempt.payout();
    String noun = payout.kind().noun();
    Optional<String> disagreement = disagreement(payout, paid);
    if (disagreement.isPresent()) {
      service
          .records()
          .flag(
              c,
              payout.id(),
              "a " + source + " disagreed with the " + noun + ": " + disagreement.get());
      return Verdict.of(Verdict.Outcome.MISMATCH, disagreement.get(), payout.id(), key);
    }
    String receipt = paid.receipt().orElseThrow();
    Optional<Verdict> taken =
        service
            .records()
            .claimReceipt(
                c, receipts, receipt, payout.kind().object(), payout, source, key, clock.millis());
    if (taken.isPresent()) {
      return taken.get();
    }
    if (payout.status() == PayoutStatus.SUCCEEDED) {
      if (receipt.equals(payout.receipt())) {
        return Verdict.of(
            Verdict.Outcome.DUPLICATE, "the " + noun + " is already succeeded", payout.id(), key);
      }
      String reason =
          "paid twice? The "
              + noun
              + " was paid with receipt "
              + payout.receipt()
              + ", and a "
              + source
              + " reports a second payment, receipt "
              + receipt
              + " (attempt "
              + (attempt.attempt() + 1)
              + "): check the M-Pesa statement and recover the second payment";
      service.records().flag(c, payout.id(), reason);
      return Verdict.of(Verdict.Outcome.LATE, reason, payout.id(), key);
    }
    boolean[] changed = new boolean[1];
    service
        .records()
        .update(
            c,
            payout,
            p -> {
              changed[0] = p.status() != PayoutStatus.SUCCEEDED;
              if (!changed[0]) {
                return Optional.empty();
              }
              Payout.Builder next = p.toBuilder().status(PayoutStatus.SUCCEEDED);
              details.accept(next);
              next.failureReason(null)
                  .nextCheck(null, p.checkAttempts())
                  .paid(
                      receipt,
                      paid.partyName().map(PayoutResults::nameOnly).orElse(null),
                      Evidence.millis(paid.completedTime(), clock));
              Optional<String> contradiction = contradiction(p, attempt, receipt);
              if (contradiction.isPresent()) {
                next.addAttention(contradiction.get());
              } else {
                next.clearAttention();
              }
              return Optional.of(next.build(clock.millis()));
            });
    if (changed[0] && checkLater) {
      receiptChecks.expect(
          c,
          new ReceiptChecks.Check(
              receipt,
              payout.kind().object(),
              payout.id(),
              payout.recipient(),
              payout.amount(),
              payout.shortCode(),
              0));
    }
    return Verdict.of(
        changed[0] ? Verdict.Outcome.APPLIED : Verdict.Outcome.DUPLICATE,
        noun + " succeeded (" + source + ")",
        payout.id(),
        key);
  }

  /**
   * Why proof of payment contradicts what was believed of the payout, if it does: it was recorded
   * failed, cancelled or unsent, or another attempt of it has been sent since.
   */
  private static Optional<String> contradiction(
      Payout p, PayoutStore.Attempt attempt, String receipt) {
    String paid = "Daraja reports it paid (receipt " + receipt + ")";
    return switch (p.status()) {
      case FAILED ->
          Optional.of(
              "it was recorded failed ("
                  + p.resultCode()
                  + " "
                  + p.resultDesc()
                  + "), but "
                  + paid
                  + ": recorded as succeeded. Do not pay it again; if it was also paid another"
                  + " way, recover that payment");
      case HELD ->
          Optional.of(
              attempt.current()
                  ? "it was held by the checks before sending and never sent, but "
                      + paid
                      + ": recorded as succeeded; find out how it was sent"
                  : "attempt "
                      + (attempt.attempt() + 1)
                      + " was paid (receipt "
                      + receipt
                      + ") while attempt "
                      + (p.resubmissions() + 1)
                      + " waited, held by the checks before sending: recorded as succeeded, so"
                      + " the held attempt can no longer be approved and sent");
      case CANCELLED, QUEUED ->
          Optional.of(
              "it was recorded "
                  + p.status().apiName()
                  + " and never sent, but "
                  + paid
                  + ": recorded as succeeded; find out how it was sent");
      default ->
          attempt.current()
              ? Optional.empty()
              : Optional.of(
                  "attempt "
                      + (attempt.attempt() + 1)
                      + " was paid (receipt "
                      + receipt
                      + ") after the payment was sent again as attempt "
                      + (p.resubmissions() + 1)
                      + " (OriginatorConversationID "
                      + p.originatorConversationId()
                      + "); if that attempt is paid too, the recipient was paid twice");
    };
  }

  /**
   * Applies a failure Result: it settles a payout waiting for the outcome of that very attempt.
   * About an attempt sent again since, or a payout already settled, it is recorded and changes
   * nothing.
   */
  private Verdict failed(
      Connection c,
      PayoutStore.Attempt attempt,
      ResultCode code,
      ResultEnvelope envelope,
      String key)
      throws SQLException {
    Payout payout = attempt.payout();
    String noun = payout.kind().noun();
    if (!attempt.current()) {
      return Verdict.of(
          Verdict.Outcome.LATE,
          "this failure ("
              + code.code()
              + ") is about attempt "
              + (attempt.attempt() + 1)
              + " of the "
              + noun
              + ", which was sent again since: recorded, not applied",
          payout.id(),
          key);
    }
    if (!waiting(payout.status())) {
      boolean same = payout.status() == PayoutStatus.FAILED;
      return Verdict.of(
          same ? Verdict.Outcome.DUPLICATE : Verdict.Outcome.LATE,
          "the "
              + noun
              + " is already "
              + payout.status().apiName()
              + (same
                  ? ""
                  : "; this Result says failed (" + code.code() + "): recorded, not applied"),
          payout.id(),
          key);
    }
    if (DUPLICATE_DETECTED.equals(code.code())) {
      // "Duplicate Detected" speaks of this copy of the request, not of the one M-Pesa saw first:
      // that one may have paid. Transaction Status settles it; it is never failed on this.
      service
          .records()
          .update(
              c,
              payout,
              p ->
                  p.status() == PayoutStatus.UNKNOWN
                          || !waiting(p.status())
                          || p.resubmissions() != attempt.attempt()
                      ? Optional.empty()
                      : Optional.of(
                          p.toBuilder()
                              .status(PayoutStatus.UNKNOWN)
                              .result(code.code(), envelope.resultDesc())
                              .failureReason(
                                  "M-Pesa reported the request a duplicate of one it had already"
                                      + " seen, which may have been paid; Transaction Status settles"
                                      + " it, and it will not be sent again.")
                              .nextCheck(clock.millis(), p.checkAttempts())
                              .build(clock.millis())));
      return Verdict.of(
          Verdict.Outcome.APPLIED,
          noun + " unknown (" + code.code() + " " + envelope.resultDesc() + ")",
          payout.id(),
          key);
    }
    boolean[] changed = new boolean[1];
    service
        .records()
        .update(
            c,
            payout,
            p -> {
              changed[0] = waiting(p.status()) && p.resubmissions() == attempt.attempt();
              if (!changed[0]) {
                return Optional.empty();
              }
              return Optional.of(
                  p.toBuilder()
                      .status(PayoutStatus.FAILED)
                      .originatorConversationId(
                          p.kind() == Payout.Kind.B2B ? envelope.originatorConversationId() : null)
                      .conversationId(envelope.conversationId())
                      .result(code.code(), envelope.resultDesc())
                      .failureReason(code.meaning())
                      .nextCheck(null, p.checkAttempts())
                      .clearAttention()
                      .build(clock.millis()));
            });
    return Verdict.of(
        changed[0] ? Verdict.Outcome.APPLIED : Verdict.Outcome.DUPLICATE,
        noun + " failed (" + code.code() + ")",
        payout.id(),
        key);
  }

  /** Sent (or being sent) and waiting for its outcome. */
  private static boolean waiting(PayoutStatus status) {
    return status == PayoutStatus.CREATED
        || status == PayoutStatus.SUBMITTED
        || status == PayoutStatus.UNKNOWN;
  }

  /**
   * Applies a Transaction Status Result asked for by the reconciler. "Completed" with a receipt and
   * our amount is proof of payment and settles the payout. Any other answer changes nothing: "no
   * such transaction" shortly after a request is not proof that it will never run, so the
   * reconciler keeps asking on its schedule and then asks a person.
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
    Optional<PayoutStore.Attempt> found = Optional.empty();
    if (result.originalOriginatorConversationId().isPresent()) {
      found = payouts.byConversation(c, result.originalOriginatorConversationId().get(), null);
    }
    if (found.isEmpty()) {
      found =
          payouts
              .byStatusQuery(c, envelope.conversationId(), envelope.originatorConversationId())
              .map(p -> new PayoutStore.Attempt(p, p.resubmissions()));
    }
    String key = envelope.conversationId();
    if (found.isEmpty()) {
      return Verdict.of(
          Verdict.Outcome.UNMATCHED,
          "a Transaction Status Result about no payout we know",
          null,
          key);
    }
    Payout payout = found.get().payout();
    String status = result.transactionStatus().orElse("");
    if (!envelope.resultCode().isSuccess() || !status.equalsIgnoreCase("Completed")) {
      return InitiatorResults.unproven(envelope, status, payout.id(), key);
    }
    return paid(
        c,
        found.get(),
        new Paid(
            result.amount(), result.receiptNo(), result.creditPartyName(), result.finalisedTime()),
        key,
        "Transaction Status answer",
        false, // M-Pesa's own answer to our question
        next -> next.result("0", "Completed, according to Transaction Status"));
  }

  /** What in evidence of payment is missing or does not match the payout, if anything. */
  private static Optional<String> disagreement(Payout payout, Paid paid) {
    Optional<String> amount = Evidence.amountDisagreement(paid.amount(), payout.amount());
    if (amount.isPresent()) {
      return amount;
    }
    Optional<String> recipient = recipientDisagreement(payout, paid.partyName());
    if (recipient.isPresent()) {
      return recipient;
    }
    if (paid.receipt().isEmpty() || !Receipts.wellFormed(paid.receipt().get())) {
      return Optional.of(
          paid.receipt().map(r -> "a malformed M-Pesa receipt").orElse("no M-Pesa receipt"));
    }
    return Optional.empty();
  }

  /**
   * Whether evidence of payment names whom we paid. M-Pesa names the party credited as {@code
   * "254708374149 - John Doe"} (a customer: ReceiverPartyPublicName, Transaction Status's
   * CreditPartyName) or {@code "600000 - Shop"} (a business). A payout's evidence must name its
   * phone, in any form Daraja writes it; a B2B payment's, when it names the receiver, its
   * shortcode.
   */
  private static Optional<String> recipientDisagreement(Payout payout, Optional<String> party) {
    if (payout.kind() == Payout.Kind.B2C) {
      if (party.isEmpty() || party.get().isBlank()) {
        return Optional.of(
            "no recipient named, so it cannot be checked against the payout's phone");
      }
      return PhoneEvidence.problem(party.get().split(" - ", 2)[0].trim(), payout.recipient())
          .map(problem -> "the recipient named: " + problem);
    }
    String receiver = party.map(name -> name.split(" - ", 2)[0].trim()).orElse("");
    return receiver.isEmpty() || receiver.equals(payout.recipient())
        ? Optional.empty()
        : Optional.of("receiver " + receiver + " instead of " + payout.recipient());
  }

  /** {@code "254705912645 - NICK NAME"} → {@code "NICK NAME"}: the number is ours already. */
  private static String nameOnly(String publicName) {
    int dash = publicName.indexOf(" - ");
    return dash < 0 ? publicName.trim() : publicName.substring(dash + 3).trim();
  }
}
