package io.github.darajakit.gateway.payouts;

import io.github.darajakit.client.transactions.TransactionStatusRequest;
import io.github.darajakit.gateway.initiator.OperationRecords;
import io.github.darajakit.gateway.initiator.Operations;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/** Payouts and B2B payments, as the shared initiator lifecycle sees them. */
final class PayoutOperations implements Operations<Payout> {

  private final PayoutStore store;
  private final PayoutService service;

  PayoutOperations(PayoutStore store, PayoutService service) {
    this.store = store;
    this.service = service;
  }

  @Override
  public String noun(Payout payout) {
    return payout.kind().noun();
  }

  @Override
  public String metricPrefix() {
    return "payout";
  }

  @Override
  public Optional<Sending<Payout>> bySending(
      Connection c, String originatorConversationId, String conversationId) throws SQLException {
    return store
        .byConversation(c, originatorConversationId, conversationId)
        .map(found -> new Sending<>(found.payout(), found.attempt()));
  }

  @Override
  public OperationRecords<Payout, PayoutStatus> records() {
    return service.records();
  }

  @Override
  public Payout next(Payout payout, Move move, long now) {
    return payout.toBuilder().apply(move, PayoutStatus.UNKNOWN).build(now);
  }

  @Override
  public Question question(Payout payout) {
    if (payout.kind() == Payout.Kind.B2B && payout.conversationId() == null) {
      // Daraja names a B2B request when it acknowledges it; unacknowledged, there is nothing to
      // ask Transaction Status by. Its Result can still settle it (PayoutResults.b2bResult).
      return Question.cannotAsk(
          "Daraja never acknowledged this B2B payment, so there is no OriginatorConversationID to"
              + " ask Transaction Status by");
    }
    return Question.ask(
        TransactionStatusRequest.builder()
            .originalConversationId(payout.originatorConversationId())
            .partyA(payout.shortCode())
            .remarks("Payout reconciliation"));
  }

  @Override
  public String onTheStatement(Payout payout) {
    return payout.shortCode()
        + " for KES "
        + payout.amount()
        + " to "
        + payout.recipient()
        + (payout.kind() == Payout.Kind.B2B && payout.conversationId() == null
            ? ""
            : " (OriginatorConversationID " + payout.originatorConversationId() + ")");
  }
}
