package io.github.darajakit.gateway.b2bcollections;

import io.github.darajakit.gateway.initiator.OperationRecords;
import io.github.darajakit.gateway.initiator.Operations;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/**
 * B2B collections, as the shared lifecycle sees them: recorded, pushed once, acknowledged, settled
 * by a callback — or put before a person. Its reconciler asks nothing: B2B Express Checkout has no
 * query API, and Transaction Status needs the M-Pesa receipt, which only the callback carries. So a
 * collection whose callback has not come by the deadline (or whose push's answer was lost, or that
 * the gateway stopped before recording) is flagged, and one still pending becomes UNKNOWN.
 */
final class B2bCollectionOperations implements Operations<B2bCollection> {

  private final B2bCollectionStore store;
  private final B2bCollectionService service;

  B2bCollectionOperations(B2bCollectionStore store, B2bCollectionService service) {
    this.store = store;
    this.service = service;
  }

  @Override
  public String noun(B2bCollection collection) {
    return "B2B collection";
  }

  @Override
  public String metricPrefix() {
    return "b2b_collection";
  }

  @Override
  public Optional<Sending<B2bCollection>> bySending(
      Connection c, String originatorConversationId, String conversationId) throws SQLException {
    // Pushed once, under one RequestRefID: there is no later sending for a message to be late for.
    return store
        .byRequestRefId(c, originatorConversationId)
        .map(collection -> new Sending<>(collection, collection.sending()));
  }

  @Override
  public OperationRecords<B2bCollection, B2bCollectionStatus> records() {
    return service.records();
  }

  @Override
  public B2bCollection next(B2bCollection collection, Move move, long now) {
    return collection.toBuilder().apply(move, B2bCollectionStatus.UNKNOWN).build(now);
  }

  @Override
  public Question question(B2bCollection collection) {
    return Question.cannotAsk(
        "no callback came, and B2B Express Checkout has no query API to ask with");
  }

  @Override
  public String onTheStatement(B2bCollection collection) {
    return collection.receiverShortCode()
        + " for KES "
        + collection.amount()
        + " from till "
        + collection.primaryShortCode()
        + " (payment reference "
        + collection.paymentReference()
        + ")";
  }
}
