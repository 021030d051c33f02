package io.github.darajakit.emulator.internal.api;

import io.github.darajakit.emulator.internal.Mpesa;
import io.github.darajakit.emulator.internal.http.ApiCall;
import io.github.darajakit.emulator.internal.http.ApiResponse;
import io.github.darajakit.emulator.internal.http.DarajaError;
import io.github.darajakit.emulator.internal.http.Fields;
import io.github.darajakit.emulator.internal.world.AccountType;
import io.github.darajakit.emulator.internal.world.Money;
import io.github.darajakit.emulator.internal.world.Organisation;
import io.github.darajakit.emulator.internal.world.OrganisationType;
import io.github.darajakit.emulator.internal.world.Party;
import io.github.darajakit.emulator.internal.world.SandboxWorld;
import io.github.darajakit.emulator.internal.world.Transaction;
import io.github.darajakit.emulator.internal.world.TransactionKind;
import io.github.darajakit.emulator.internal.world.World;
import java.time.Instant;
import java.util.Optional;

/**
 * Business to Business (pay bill, buy goods, B2C account top-up) and tax remittance to KRA
 * (REFERENCE §7): the organisation's Working account pays another organisation.
 */
public final class BusinessPaymentApi {

  private final Mpesa mpesa;

  public BusinessPaymentApi(Mpesa mpesa) {
    this.mpesa = mpesa;
  }

  /** {@code POST /mpesa/b2b/v1/paymentrequest}. */
  public ApiResponse b2b(ApiCall call) {
    return pay(call, false);
  }

  /** {@code POST /mpesa/b2b/v1/remittax}. */
  public ApiResponse remitTax(ApiCall call) {
    return pay(call, true);
  }

  private ApiResponse pay(ApiCall call, boolean tax) {
    Fields f = call.fields();
    String initiator = f.text("Initiator");
    String credential = f.text("SecurityCredential");
    String commandId =
        tax
            ? f.oneOf("CommandID", "PayTaxToKRA")
            : f.oneOf("CommandID", "BusinessPayBill", "BusinessBuyGoods", "BusinessPayToBulk");
    f.oneOf("SenderIdentifierType", "4");
    String receiverType =
        tax || !commandId.equals("BusinessBuyGoods")
            ? f.oneOf("RecieverIdentifierType", "4")
            : f.oneOf("RecieverIdentifierType", "2", "4");
    long amount = f.wholeAmount("Amount", 1);
    String partyA = f.digits("PartyA", 5, 9);
    String partyB = f.digits("PartyB", 5, 9);
    if (tax && !partyB.equals(SandboxWorld.KRA_SHORTCODE)) {
      throw DarajaError.invalidField("PartyB");
    }
    boolean needsReference = tax || commandId.equals("BusinessPayBill");
    String accountReference =
        needsReference ? f.text("AccountReference", 13) : f.optionalText("AccountReference", 13);
    if (f.has("Requester")) {
      f.msisdnLenient("Requester");
    }
    f.text("Remarks", "Remarks", 1, 100);
    String queueTimeOutUrl = f.url("QueueTimeOutURL");
    String resultUrl = f.url("ResultURL");
    f.optionalText("Occassion", 100);

    InitiatorRequest request = InitiatorRequest.accept(mpesa, null);
    Results result =
        process(
            request,
            initiator,
            credential,
            commandId,
            receiverType,
            amount,
            partyA,
            partyB,
            accountReference);
    mpesa.deliver("result", resultUrl, result.json());
    return request.acknowledgement();
  }

  private Results process(
      InitiatorRequest request,
      String initiator,
      String credential,
      String commandId,
      String receiverType,
      long amount,
      String partyA,
      String partyB,
      String accountReference) {
    Optional<InitiatorRequest.Rejection> rejection =
        InitiatorRequest.checkCredential(mpesa, initiator, credential);
    if (rejection.isPresent()) {
      return failure(request, rejection.get().code(), rejection.get().desc());
    }
    World world = mpesa.world();
    Optional<Organisation> payer = world.organisation(partyA);
    if (payer.isEmpty()) {
      return failure(
          request, "2028", "The request is not permitted according to product assignment.");
    }
    Optional<Organisation> receiver =
        world.organisation(partyB).filter(o -> accepts(o, commandId, receiverType));
    if (receiver.isEmpty()) {
      return failure(request, "SFC_IC0003", "Receiver party is invalid");
    }
    TransactionKind kind =
        switch (commandId) {
          case "BusinessBuyGoods" -> TransactionKind.B2B_BUY_GOODS;
          case "BusinessPayToBulk" -> TransactionKind.B2C_TOP_UP;
          case "PayTaxToKRA" -> TransactionKind.TAX_REMITTANCE;
          default -> TransactionKind.B2B_PAY_BILL;
        };
    Organisation from = payer.get();
    Organisation to = receiver.get();
    long cents = Money.cents(amount);
    return world.atomically(
        () -> {
          if (from.balance(AccountType.WORKING) < cents) {
            return failure(request, "1", "The balance is insufficient for the transaction.");
          }
          world.adjust(from, AccountType.WORKING, -cents);
          world.adjust(to, AccountType.UTILITY, cents);
          Instant now = mpesa.clock().instant();
          Transaction t =
              world.record(
                  mpesa.newReceipt(),
                  kind,
                  Transaction.Status.COMPLETED,
                  cents,
                  Party.of(from, AccountType.WORKING),
                  Party.of(to, AccountType.UTILITY),
                  now,
                  now,
                  request.originatorConversationId,
                  request.conversationId,
                  accountReference,
                  "");
          long working = from.balance(AccountType.WORKING);
          String debitAccountBalance =
              "{Amount={CurrencyCode=KES, MinimumAmount="
                  + working
                  + ", BasicAmount="
                  + Money.text(working)
                  + "}}";
          Results success =
              Results.envelope(
                  Results.CodeStyle.STRINGS,
                  "0",
                  "The service request is processed successfully",
                  request.originatorConversationId,
                  request.conversationId,
                  t.receipt());
          success
              .parameters()
              .add("DebitAccountBalance", debitAccountBalance)
              .add("Amount", Money.text(cents))
              .add(
                  "DebitPartyAffectedAccountBalance",
                  AccountBalanceApi.pipeAccount(AccountType.WORKING, working))
              .add("TransCompletedTime", InitiatorRequest.compactNow(mpesa))
              .add("DebitPartyCharges", "")
              .add("ReceiverPartyPublicName", to.publicName())
              .add("Currency", "KES")
              .add("InitiatorAccountCurrentBalance", debitAccountBalance);
          Results.Parameters references = success.referenceItems();
          if (kind == TransactionKind.B2B_PAY_BILL || kind == TransactionKind.TAX_REMITTANCE) {
            references.add("BillReferenceNumber", accountReference);
          }
          references
              .add("QueueTimeoutURL", InitiatorRequest.internalQueueUrl("b2bresults"))
              .add("Occassion", null);
          return success;
        });
  }

  private static boolean accepts(Organisation receiver, String commandId, String receiverType) {
    return switch (commandId) {
      case "BusinessBuyGoods" -> receiver.type() == OrganisationType.BUY_GOODS;
      case "PayTaxToKRA" -> receiver.shortCode().equals(SandboxWorld.KRA_SHORTCODE);
      default -> receiver.type() == OrganisationType.PAYBILL && receiverType.equals("4");
    };
  }

  private Results failure(InitiatorRequest request, String code, String desc) {
    return Results.envelope(
            Results.CodeStyle.NUMBERS,
            code,
            desc,
            request.originatorConversationId,
            request.conversationId,
            mpesa.placeholderTransactionId())
        .singleParameter("BOCompletedTime", Long.parseLong(InitiatorRequest.compactNow(mpesa)))
        .referenceItem("QueueTimeoutURL", InitiatorRequest.internalQueueUrl("b2bresults"));
  }
}
