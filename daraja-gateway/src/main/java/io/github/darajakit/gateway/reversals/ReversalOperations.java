package io.github.darajakit.gateway.reversals;

import io.github.darajakit.client.transactions.TransactionStatusRequest;
import io.github.darajakit.gateway.initiator.OperationRecords;
import io.github.darajakit.gateway.initiator.Operations;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

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
  public Optional<Sending<Reversal>> bySending(
      Connection c, String originatorConversationId, String conversationId) throws SQLException {
    // A reversal is sent once: there is no later sending for a callback to be late for.
    return store
        .byConversation(c, originatorConversationId, conversationId)
        .map(reversal -> new Sending<>(reversal, reversal.sending()));
  }

  @Override
  public OperationRecords<Reversal, ReversalStatus> records() {
    return service.records();
  }

  @Override
  public Reversal next(Reversal reversal, Move move, long now) {
    return reversal.toBuilder().apply(move, ReversalStatus.UNKNOWN).build(now);
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
  public String onTheStatement(Reversal reversal) {
    return reversal.shortCode() + " for a reversal of " + reversal.originalReceipt();
  }
}
