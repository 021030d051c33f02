package io.github.darajakit.gateway.reversals;

import io.github.darajakit.client.transactions.TransactionStatusRequest;
import io.github.darajakit.gateway.initiator.Operations;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Reversals, as the shared initiator lifecycle sees them. */
final class ReversalOperations implements Operations<Reversal> {

  private final ReversalStore store;
  private final ReversalService service;

  ReversalOperations(ReversalStore store, ReversalService service) {
    this.store = store;
    this.service = service;
  }

  @Override
  public String noun(Reversal reversal) {
    return "reversal";
  }

  @Override
  public String metricPrefix() {
    return "reversal";
  }

  @Override
  public List<Reversal> claimDue(String owner, long now, long leaseUntil, int limit) {
    return store.claimDue(owner, now, leaseUntil, limit);
  }

  @Override
  public Optional<Sending<Reversal>> bySending(
      Connection c, String originatorConversationId, String conversationId) throws SQLException {
    // A reversal is sent once: there is no later sending for a callback to be late for.
    return store
        .byConversation(c, originatorConversationId, conversationId)
        .map(reversal -> new Sending<>(reversal, reversal.sending()));
  }

  @Override
  public Reversal update(String id, Function<Reversal, Optional<Reversal>> decide) {
    return service.update(id, decide);
  }

  @Override
  public Reversal update(Connection c, Reversal read, Function<Reversal, Optional<Reversal>> decide)
      throws SQLException {
    return service.update(c, read, decide);
  }

  @Override
  public Reversal next(Reversal reversal, Move move, long now) {
    Reversal.Builder next = reversal.toBuilder();
    if (move.unknownReason() != null) {
      next.status(ReversalStatus.UNKNOWN).failureReason(move.unknownReason());
    }
    if (move.result()) {
      next.result(move.resultCode(), move.resultDesc());
    }
    next.nextCheck(move.nextCheckAt(), move.attempts());
    if (move.attention() != null) {
      next.addAttention(move.attention());
    }
    return next.build(now);
  }

  @Override
  public Question question(Reversal reversal) {
    TransactionStatusRequest.Builder question =
        TransactionStatusRequest.builder()
            .partyA(reversal.shortCode())
            .remarks("Reversal reconciliation");
    // By Daraja's id when it acknowledged the reversal, else by the receipt it reverses.
    if (reversal.originatorConversationId() != null) {
      question.originalConversationId(reversal.originatorConversationId());
    } else {
      question.transactionId(reversal.originalReceipt());
    }
    return Question.ask(question);
  }

  @Override
  public void recordStatusQuery(String id, String queryId) {
    store.recordStatusQuery(id, queryId);
  }

  @Override
  public String onTheStatement(Reversal reversal) {
    return reversal.shortCode() + " for a reversal of " + reversal.originalReceipt();
  }
}
