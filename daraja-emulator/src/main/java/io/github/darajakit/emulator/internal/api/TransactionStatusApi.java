package io.github.darajakit.emulator.internal.api;

import io.github.darajakit.emulator.internal.EmulatorClock;
import io.github.darajakit.emulator.internal.Mpesa;
import io.github.darajakit.emulator.internal.http.ApiCall;
import io.github.darajakit.emulator.internal.http.ApiResponse;
import io.github.darajakit.emulator.internal.http.DarajaError;
import io.github.darajakit.emulator.internal.http.Fields;
import io.github.darajakit.emulator.internal.world.Party;
import io.github.darajakit.emulator.internal.world.Transaction;
import io.github.darajakit.emulator.internal.world.World;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Optional;

/**
 * Transaction Status (REFERENCE §9): the real details of a ledger entry, found by receipt or by the
 * OriginatorConversationID / ConversationID of the request that made it.
 */
public final class TransactionStatusApi {

  private final Mpesa mpesa;

  public TransactionStatusApi(Mpesa mpesa) {
    this.mpesa = mpesa;
  }

  /** {@code POST /mpesa/transactionstatus/v1/query}. */
  public ApiResponse query(ApiCall call) {
    Fields f = call.fields();
    String initiator = f.text("Initiator");
    String credential = f.text("SecurityCredential");
    f.oneOf("CommandID", "TransactionStatusQuery");
    String receipt = f.optionalText("TransactionID", 64).trim();
    String originalId = f.optionalText("OriginalConversationID", 128).trim();
    if (originalId.isEmpty()) {
      // Older documentation names the field OriginatorConversationID.
      originalId = f.optionalText("OriginatorConversationID", 128).trim();
    }
    if (receipt.isEmpty() && originalId.isEmpty()) {
      throw DarajaError.invalidField("TransactionID");
    }
    String partyA = f.digits("PartyA", 5, 12);
    f.oneOf("IdentifierType", "1", "2", "4");
    String resultUrl = f.url("ResultURL");
    f.url("QueueTimeOutURL");
    f.optionalText("Remarks", 100);
    f.optionalText("Occasion", 100);

    InitiatorRequest request = InitiatorRequest.accept(mpesa, null);
    mpesa.deliver(
        "result",
        resultUrl,
        process(request, initiator, credential, receipt, originalId, partyA).json());
    return request.acknowledgement();
  }

  private Results process(
      InitiatorRequest request,
      String initiator,
      String credential,
      String receipt,
      String originalId,
      String partyA) {
    Optional<InitiatorRequest.Rejection> rejection =
        InitiatorRequest.checkCredential(mpesa, initiator, credential);
    if (rejection.isPresent()) {
      return failure(request, rejection.get().code(), rejection.get().desc());
    }
    World world = mpesa.world();
    Optional<Transaction> found;
    if (!receipt.isEmpty()) {
      found = world.transaction(receipt);
      if (found.isEmpty()) {
        return failure(request, "2032", "The transaction receipt number does not exist.");
      }
    } else {
      found =
          world.byOriginatorConversationId(originalId).or(() -> world.byConversationId(originalId));
      if (found.isEmpty()) {
        return failure(
            request,
            "2033",
            "The transaction receipt number cannot be found by the specified"
                + " OriginatorConversationID or ConversationID.");
      }
    }
    Transaction t = found.get();
    if (!isParty(t.debit(), partyA) && !isParty(t.credit(), partyA)) {
      // M-Pesa only tells a party to a transaction about it.
      return failure(request, "2032", "The transaction receipt number does not exist.");
    }
    Results success =
        Results.envelope(
            Results.CodeStyle.NUMBERS,
            "0",
            "The service request is processed successfully.",
            request.originatorConversationId,
            request.conversationId,
            t.receipt().substring(0, 3) + "0000000");
    success
        .parameters()
        .add("DebitPartyName", t.debit().publicName())
        .add("CreditPartyName", t.credit().publicName())
        .add("OriginatorConversationID", t.originatorConversationId())
        .add("InitiatedTime", compact(t.initiatedAt()))
        .add(
            "DebitAccountType",
            t.debit().account() == null ? "Customer Account" : t.debit().account().alias())
        .add("DebitPartyCharges", "")
        .add("TransactionReason", null)
        .add("ReasonType", t.kind().reasonType())
        .add("TransactionStatus", t.status().text())
        .add("FinalisedTime", compact(t.completedAt()))
        .add("Amount", wholeOrDecimal(t.amount()))
        .add("ConversationID", t.conversationId())
        .add("ReceiptNo", t.receipt());
    success.referenceItem("Occasion", null);
    return success;
  }

  private static boolean isParty(Party party, String identifier) {
    return party.identifier().equals(identifier);
  }

  private static String compact(Instant at) {
    return InitiatorRequest.COMPACT_TIME.format(LocalDateTime.ofInstant(at, EmulatorClock.EAT));
  }

  private static String wholeOrDecimal(long cents) {
    return cents % 100 == 0
        ? Long.toString(cents / 100)
        : io.github.darajakit.emulator.internal.world.Money.text(cents);
  }

  private Results failure(InitiatorRequest request, String code, String desc) {
    return Results.envelope(
            Results.CodeStyle.NUMBERS,
            code,
            desc,
            request.originatorConversationId,
            request.conversationId,
            mpesa.placeholderTransactionId())
        .referenceItem("Occasion", null);
  }
}
