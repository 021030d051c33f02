package io.github.darajakit.gateway.reversals;

import io.github.darajakit.client.DarajaCallbackParseException;
import io.github.darajakit.client.Outcome;
import io.github.darajakit.client.ResultCode;
import io.github.darajakit.client.ResultCodes;
import io.github.darajakit.client.callbacks.DarajaCallbacks;
import io.github.darajakit.client.callbacks.ResultEnvelope;
import io.github.darajakit.client.callbacks.ReversalResult;
import io.github.darajakit.client.callbacks.TransactionStatusResult;
import io.github.darajakit.gateway.callbacks.Verdict;
import io.github.darajakit.gateway.initiator.Evidence;
import io.github.darajakit.gateway.initiator.InitiatorResults;
import io.github.darajakit.gateway.store.Receipts;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Applies Reversal Results, queue timeouts and the reconciler's Transaction Status Results to
 * reversals, inside the transaction that stores them. A Result is evidence: it settles a reversal
 * only if it names one (by Daraja's ids, or by the receipt reversed) and, when it says reversed,
 * for the receipt and amount asked. A settled reversal never changes again.
 */
public final class ReversalResults {

  private final ReversalStore reversals;
  private final ReversalService service;
  private final Clock clock;
  private final Receipts receipts;

  public ReversalResults(
      ReversalStore reversals, ReversalService service, Clock clock, Receipts receipts) {
    this.receipts = receipts;
    this.reversals = reversals;
    this.service = service;
    this.clock = clock;
  }

  /** Applies a post to the Reversal ResultURL. */
  public Verdict result(Connection c, byte[] body) throws SQLException {
    ReversalResult result;
    try {
      result = (ReversalResult) DarajaCallbacks.parseResult(body, ResultCodes.Family.REVERSAL);
    } catch (DarajaCallbackParseException e) {
      return Verdict.of(Verdict.Outcome.UNPARSEABLE, e.getMessage(), null, null);
    }
    ResultEnvelope envelope = result.envelope();
    String key = envelope.originatorConversationId();
    Optional<Reversal> found =
        reversals.byConversation(c, envelope.originatorConversationId(), envelope.conversationId());
    if (found.isEmpty() && result.originalTransactionId().isPresent()) {
      // The acknowledgement (with Daraja's ids) may have been lost: the receipt still names it.
      found = reversals.openFor(c, result.originalTransactionId().get());
    }
    if (found.isEmpty()) {
      return Verdict.of(
          Verdict.Outcome.UNMATCHED, "a Reversal Result naming no reversal we know", null, key);
    }
    Reversal reversal = found.get();
    ResultCode code = envelope.resultCode();
    if (code.outcome() == Outcome.PENDING) {
      return Verdict.of(
          Verdict.Outcome.DUPLICATE, "a pending code changes nothing", reversal.id(), key);
    }
    if (code.isSuccess()) {
      Optional<String> disagreement = disagreement(reversal, result);
      if (disagreement.isPresent()) {
        service
            .records()
            .flag(
                c,
                reversal.id(),
                "a Reversal Result disagreed with the reversal: " + disagreement.get());
        return Verdict.of(Verdict.Outcome.MISMATCH, disagreement.get(), reversal.id(), key);
      }
      return reversed(
          c,
          reversal,
          envelope.transactionId(),
          "Result " + code.code(),
          key,
          next ->
              next.conversation(envelope.originatorConversationId(), envelope.conversationId())
                  .result(code.code(), envelope.resultDesc())
                  .reversed(
                      envelope.transactionId(), Evidence.millis(result.completedTime(), clock)));
    }
    if (reversal.status().isTerminal()) {
      boolean same = reversal.status() == ReversalStatus.FAILED;
      return Verdict.of(
          same ? Verdict.Outcome.DUPLICATE : Verdict.Outcome.LATE,
          "the reversal is already "
              + reversal.status().apiName()
              + (same ? "" : "; this Result says failed: recorded, not applied"),
          reversal.id(),
          key);
    }
    boolean changed =
        settle(
            c,
            reversal,
            next ->
                next.status(ReversalStatus.FAILED)
                    .conversation(envelope.originatorConversationId(), envelope.conversationId())
                    .result(code.code(), envelope.resultDesc())
                    .failureReason(code.meaning()));
    return Verdict.of(
        changed ? Verdict.Outcome.APPLIED : Verdict.Outcome.DUPLICATE,
        "reversal failed (" + code.code() + ")",
        reversal.id(),
        key);
  }

  /**
   * Applies proof that the money went back: it settles a reversal waiting for its outcome, and
   * overrides one recorded failed (flagged: a failed reversal invites asking for another, which
   * would give the money back twice). Its receipt (if it names one) must belong to nothing else.
   */
  private Verdict reversed(
      Connection c,
      Reversal reversal,
      String receipt,
      String source,
      String key,
      UnaryOperator<Reversal.Builder> evidence)
      throws SQLException {
    if (receipt != null) {
      Optional<Verdict> taken =
          service
              .records()
              .claimReceipt(
                  c, receipts, receipt, "reversal", reversal, source, key, clock.millis());
      if (taken.isPresent()) {
        return taken.get();
      }
    }
    if (reversal.status() == ReversalStatus.SUCCEEDED) {
      return Verdict.of(
          Verdict.Outcome.DUPLICATE, "the reversal is already succeeded", reversal.id(), key);
    }
    if (reversal.status() == ReversalStatus.FAILED) {
      Optional<Reversal> other = reversals.openFor(c, reversal.originalReceipt());
      String reason =
          "it was recorded failed, but a "
              + source
              + " says receipt "
              + reversal.originalReceipt()
              + " was reversed"
              + other
                  .map(
                      o ->
                          "; reversal "
                              + o.id()
                              + " of the same receipt was asked for since: if it succeeds too,"
                              + " the money went back twice")
                  .orElse("")
              + ". Do not ask for another reversal of it";
      if (other.isPresent()) {
        // At most one reversal of a receipt may stand; both need a person.
        service.records().flag(c, reversal.id(), reason);
        service
            .records()
            .flag(
                c,
                other.get().id(),
                "reversal " + reversal.id() + " of the same receipt: " + reason);
        return Verdict.of(Verdict.Outcome.LATE, reason, reversal.id(), key);
      }
      service
          .records()
          .update(
              c,
              reversal,
              r ->
                  r.status() != ReversalStatus.FAILED
                      ? Optional.empty()
                      : Optional.of(
                          evidence
                              .apply(
                                  r.toBuilder()
                                      .status(ReversalStatus.SUCCEEDED)
                                      .failureReason(null)
                                      .nextCheck(null, r.checkAttempts())
                                      .addAttention(reason))
                              .build(clock.millis())));
      return Verdict.of(Verdict.Outcome.APPLIED, reason, reversal.id(), key);
    }
    boolean changed =
        settle(
            c,
            reversal,
            next ->
                evidence.apply(
                    next.status(ReversalStatus.SUCCEEDED).failureReason(null).clearAttention()));
    return Verdict.of(
        changed ? Verdict.Outcome.APPLIED : Verdict.Outcome.DUPLICATE,
        "reversal succeeded (" + source + ")",
        reversal.id(),
        key);
  }

  /**
   * Applies a Transaction Status Result the reconciler asked for: about the reversal itself (asked
   * by Daraja's OriginatorConversationID: "Completed" with a receipt proves it), or about the
   * receipt reversed (asked by receipt when Daraja's ids were never learnt: ⚠ "Reversed" proves it,
   * as the emulator reports; the real Daraja's wording is not documented). Any other answer changes
   * nothing: the reconciler keeps asking, then asks a person.
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
    String key = envelope.conversationId();
    Optional<Reversal> found =
        reversals.byStatusQuery(c, envelope.conversationId(), envelope.originatorConversationId());
    if (found.isEmpty()) {
      return Verdict.of(
          Verdict.Outcome.UNMATCHED,
          "a Transaction Status Result about no reversal we know",
          null,
          key);
    }
    Reversal reversal = found.get();
    String status = result.transactionStatus().orElse("");
    String receipt = result.receiptNo().orElse("");
    boolean aboutOriginal = receipt.equals(reversal.originalReceipt());
    boolean proven =
        envelope.resultCode().isSuccess()
            && (aboutOriginal
                ? status.equalsIgnoreCase("Reversed")
                : status.equalsIgnoreCase("Completed") && !receipt.isEmpty());
    if (!proven) {
      return InitiatorResults.unproven(envelope, status, reversal.id(), key);
    }
    Optional<BigDecimal> amount = result.amount();
    if (amount.isEmpty() || amount.get().compareTo(BigDecimal.valueOf(reversal.amount())) != 0) {
      String reason =
          "Transaction Status disagreed with the reversal: amount "
              + amount.map(BigDecimal::toPlainString).orElse("none");
      service.records().flag(c, reversal.id(), reason);
      return Verdict.of(Verdict.Outcome.MISMATCH, reason, reversal.id(), key);
    }
    return reversed(
        c,
        reversal,
        aboutOriginal ? null : receipt,
        "Transaction Status answer",
        key,
        next ->
            next.result("0", "Reversed, according to Transaction Status")
                .reversed(
                    aboutOriginal ? null : receipt,
                    Evidence.millis(result.finalisedTime(), clock)));
  }

  private boolean settle(Connection c, Reversal reversal, UnaryOperator<Reversal.Builder> evidence)
      throws SQLException {
    boolean[] changed = new boolean[1];
    service
        .records()
        .update(
            c,
            reversal,
            r -> {
              changed[0] = !r.status().isTerminal();
              return changed[0]
                  ? Optional.of(
                      evidence
                          .apply(r.toBuilder().nextCheck(null, r.checkAttempts()))
                          .build(clock.millis()))
                  : Optional.empty();
            });
    return changed[0];
  }

  /** What in evidence of a reversal is missing or does not match it, if anything. */
  private static Optional<String> disagreement(Reversal reversal, ReversalResult result) {
    Optional<String> amount = Evidence.amountDisagreement(result.amount(), reversal.amount());
    if (amount.isPresent()) {
      return amount;
    }
    Optional<String> original = result.originalTransactionId();
    if (original.isPresent() && !original.get().equalsIgnoreCase(reversal.originalReceipt())) {
      return Optional.of("it reversed " + original.get() + ", not " + reversal.originalReceipt());
    }
    String receipt = result.envelope().transactionId();
    if (receipt == null || receipt.isBlank()) {
      return Optional.of("no M-Pesa receipt");
    }
    if (!Receipts.wellFormed(receipt)) {
      return Optional.of("a malformed M-Pesa receipt");
    }
    return Optional.empty();
  }
}
