package io.github.darajakit.emulator.internal.api;

import io.github.darajakit.emulator.internal.Mpesa;
import io.github.darajakit.emulator.internal.http.ApiCall;
import io.github.darajakit.emulator.internal.http.ApiResponse;
import io.github.darajakit.emulator.internal.http.Fields;
import io.github.darajakit.emulator.internal.world.AccountType;
import io.github.darajakit.emulator.internal.world.Money;
import io.github.darajakit.emulator.internal.world.Organisation;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

/** Account Balance (REFERENCE §10): the organisation's accounts as Daraja's pipe string. */
public final class AccountBalanceApi {

  private final Mpesa mpesa;

  public AccountBalanceApi(Mpesa mpesa) {
    this.mpesa = mpesa;
  }

  /**
   * One account as {@code Alias|KES|current|available|reserved|unclear}; the emulator reserves
   * nothing, so current and available are equal.
   */
  static String pipeAccount(AccountType account, long cents) {
    return account.alias() + "|KES|" + Money.text(cents) + "|" + Money.text(cents) + "|0.00|0.00";
  }

  /** All accounts of an organisation joined by {@code &}, in Daraja's order. */
  static String pipeAccounts(Map<AccountType, Long> balances) {
    StringJoiner joined = new StringJoiner("&");
    for (AccountType account : AccountType.values()) {
      joined.add(pipeAccount(account, balances.getOrDefault(account, 0L)));
    }
    return joined.toString();
  }

  /** {@code POST /mpesa/accountbalance/v1/query}. */
  public ApiResponse query(ApiCall call) {
    Fields f = call.fields();
    String initiator = f.text("Initiator");
    String credential = f.text("SecurityCredential");
    f.text("CommandID", 64);
    f.oneOf("CommandID", "AccountBalance");
    String partyA = f.digits("PartyA", 5, 9);
    f.oneOf("IdentifierType", "4", "2");
    f.text("Remarks", "Remarks", 1, 100);
    String queueTimeOutUrl = f.url("QueueTimeOutURL");
    String resultUrl = f.url("ResultURL");

    InitiatorRequest request = InitiatorRequest.accept(mpesa, null);
    mpesa.deliver("result", resultUrl, process(request, initiator, credential, partyA).json());
    // REFERENCE §10's sample, unlike the other initiator APIs', has no final full stop.
    return request.acknowledgement("Accept the service request successfully");
  }

  private Results process(
      InitiatorRequest request, String initiator, String credential, String partyA) {
    String completedTime = InitiatorRequest.compactNow(mpesa);
    Optional<InitiatorRequest.Rejection> rejection =
        InitiatorRequest.checkCredential(mpesa, initiator, credential);
    if (rejection.isPresent()) {
      Results failure =
          Results.envelope(
              Results.CodeStyle.NUMBERS,
              rejection.get().code(),
              rejection.get().desc(),
              request.originatorConversationId,
              request.conversationId,
              mpesa.placeholderTransactionId());
      // As captured from the sandbox with a locked credential: parameters stay, the reference
      // item loses its value.
      failure
          .parameters()
          .add("ActionType", "AccountBalance")
          .add(
              "ErrorMsg",
              rejection.get().code().equals("8006")
                  ? "API Password is locked. "
                  : "Initiator authentication failed. ")
          .add("BOCompletedTime", completedTime);
      failure.referenceItem("QueueTimeoutURL", null);
      return failure;
    }
    Optional<Organisation> organisation = mpesa.world().organisation(partyA);
    if (organisation.isEmpty()) {
      return Results.envelope(
              Results.CodeStyle.NUMBERS,
              "2028",
              "The request is not permitted according to product assignment.",
              request.originatorConversationId,
              request.conversationId,
              mpesa.placeholderTransactionId())
          .referenceItem("QueueTimeoutURL", InitiatorRequest.internalQueueUrl("abresults"));
    }
    Results success =
        Results.envelope(
            Results.CodeStyle.STRINGS,
            "0",
            "The service request is processed successfully",
            request.originatorConversationId,
            request.conversationId,
            mpesa.placeholderTransactionId());
    success
        .parameters()
        .add("AccountBalance", pipeAccounts(mpesa.world().balances(organisation.get())))
        .add("BOCompletedTime", completedTime);
    success.referenceItem("QueueTimeoutURL", InitiatorRequest.internalQueueUrl("abresults"));
    return success;
  }
}
