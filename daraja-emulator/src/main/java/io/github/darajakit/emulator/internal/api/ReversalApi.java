package io.github.darajakit.emulator.internal.api;

import io.github.darajakit.emulator.internal.Mpesa;
import io.github.darajakit.emulator.internal.http.ApiCall;
import io.github.darajakit.emulator.internal.http.ApiResponse;
import io.github.darajakit.emulator.internal.http.Fields;
import io.github.darajakit.emulator.internal.world.AccountType;
import io.github.darajakit.emulator.internal.world.Customer;
import io.github.darajakit.emulator.internal.world.Money;
import io.github.darajakit.emulator.internal.world.Organisation;
import io.github.darajakit.emulator.internal.world.Party;
import io.github.darajakit.emulator.internal.world.Transaction;
import io.github.darajakit.emulator.internal.world.TransactionKind;
import io.github.darajakit.emulator.internal.world.World;
import java.time.Instant;
import java.util.Optional;

/**
 * Reversal (REFERENCE §11): gives a customer payment (STK or C2B) back, once. The organisation's
 * Utility account pays the customer; the original is marked reversed.
 */
public final class ReversalApi {

  private static final String INVALID = "The OriginalTransactionID is invalid.";

  private final Mpesa mpesa;

  public ReversalApi(Mpesa mpesa) {
    this.mpesa = mpesa;
  }

  /** {@code POST /mpesa/reversal/v1/request}. */
  public ApiResponse reverse(ApiCall call) {
    Fields f = call.fields();
    String initiator = f.text("Initiator");
    String credential = f.text("SecurityCredential");
    f.oneOf("CommandID", "TransactionReversal");
    String receipt = f.text("TransactionID", 64);
    long amount = f.wholeAmount("Amount", 1);
    String receiverParty = f.digits("ReceiverParty", 5, 9);
    // "11" today; legacy documentation used "4" (REFERENCE §11 ⚠): accept both.
    f.oneOf("RecieverIdentifierType", "11", "4");
    String resultUrl = f.url("ResultURL");
    f.url("QueueTimeOutURL");
    f.text("Remarks", "Remarks", 2, 100);
    f.optionalText("Occasion", 100);

    InitiatorRequest request = InitiatorRequest.accept(mpesa, null);
    mpesa.deliver(
        "result",
        resultUrl,
        process(request, initiator, credential, receipt, amount, receiverParty).json());
    return request.acknowledgement();
  }

  private Results process(
      InitiatorRequest request,
      String initiator,
      String credential,
      String receipt,
      long amount,
      String receiverParty) {
    Optional<InitiatorRequest.Rejection> rejection =
        InitiatorRequest.checkCredential(mpesa, initiator, credential);
    if (rejection.isPresent()) {
      return failure(request, rejection.get().code(), rejection.get().desc());
    }
    World world = mpesa.world();
    Optional<Transaction> found = world.transaction(receipt);
    if (found.isEmpty()
        || !found.get().kind().customerPayment()
        || !found.get().credit().identifier().equals(receiverParty)
        || found.get().amount() != Money.cents(amount)) {
      return failure(request, "R000002", INVALID);
    }
    Transaction original = found.get();
    Optional<Organisation> organisation = world.organisation(receiverParty);
    Optional<Customer> customer = world.customer(original.debit().identifier());
    if (organisation.isEmpty() || customer.isEmpty()) {
      return failure(request, "R000002", INVALID);
    }
    Organisation from = organisation.get();
    Customer to = customer.get();
    long cents = original.amount();
    return world.atomically(
        () -> {
          if (original.status() == Transaction.Status.REVERSED) {
            return failure(request, "R000001", "The transaction has already been reversed");
          }
          if (from.balance(AccountType.UTILITY) < cents) {
            return failure(request, "1", "The balance is insufficient for the transaction.");
          }
          world.adjust(from, AccountType.UTILITY, -cents);
          world.adjust(to, cents);
          Instant now = mpesa.clock().instant();
          Transaction reversal =
              world.record(
                  mpesa.newReceipt(),
                  TransactionKind.REVERSAL,
                  Transaction.Status.COMPLETED,
                  cents,
                  Party.of(from, AccountType.UTILITY),
                  Party.of(to),
                  now,
                  now,
                  request.originatorConversationId,
                  request.conversationId,
                  "",
                  original.receipt());
          world.markReversed(original, reversal.receipt());
          Results success =
              Results.envelope(
                  Results.CodeStyle.NUMBERS,
                  "0",
                  "The service request is processed successfully.",
                  request.originatorConversationId,
                  request.conversationId,
                  reversal.receipt());
          success
              .parameters()
              .add(
                  "DebitAccountBalance",
                  AccountBalanceApi.pipeAccount(
                      AccountType.UTILITY, from.balance(AccountType.UTILITY)))
              .add("Amount", Money.decimal(cents))
              .add("TransCompletedTime", Long.parseLong(InitiatorRequest.compactNow(mpesa)))
              .add("OriginalTransactionID", original.receipt())
              .add("Charge", Money.decimal(0))
              .add("CreditPartyPublicName", to.publicName())
              .add("DebitPartyPublicName", from.publicName());
          success.referenceItem(
              "QueueTimeoutURL", InitiatorRequest.internalQueueUrl("reversalresults"));
          return success;
        });
  }

  private Results failure(InitiatorRequest request, String code, String desc) {
    return Results.envelope(
            Results.CodeStyle.NUMBERS,
            code,
            desc,
            request.originatorConversationId,
            request.conversationId,
            mpesa.placeholderTransactionId())
        .referenceItem("QueueTimeoutURL", InitiatorRequest.internalQueueUrl("reversalresults"));
  }
}
