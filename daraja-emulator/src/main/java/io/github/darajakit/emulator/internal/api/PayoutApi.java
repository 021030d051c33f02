package io.github.darajakit.emulator.internal.api;

import io.github.darajakit.emulator.EmulatorConfig;
import io.github.darajakit.emulator.internal.EmulatorClock;
import io.github.darajakit.emulator.internal.Mpesa;
import io.github.darajakit.emulator.internal.http.ApiCall;
import io.github.darajakit.emulator.internal.http.ApiResponse;
import io.github.darajakit.emulator.internal.http.DarajaError;
import io.github.darajakit.emulator.internal.http.Fields;
import io.github.darajakit.emulator.internal.world.AccountType;
import io.github.darajakit.emulator.internal.world.Customer;
import io.github.darajakit.emulator.internal.world.Money;
import io.github.darajakit.emulator.internal.world.Organisation;
import io.github.darajakit.emulator.internal.world.Outcome;
import io.github.darajakit.emulator.internal.world.Party;
import io.github.darajakit.emulator.internal.world.Scenario;
import io.github.darajakit.emulator.internal.world.Transaction;
import io.github.darajakit.emulator.internal.world.TransactionKind;
import io.github.darajakit.emulator.internal.world.World;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Business to Customer, v1 and v3, and Business to Pochi (REFERENCE §6): the organisation's Utility
 * account pays a customer's wallet.
 */
public final class PayoutApi {

  private static final DateTimeFormatter COMPLETED_TIME =
      DateTimeFormatter.ofPattern("dd.MM.uuuu HH:mm:ss", Locale.ROOT);
  private static final String[] B2C_COMMANDS = {
    "BusinessPayment", "SalaryPayment", "PromotionPayment"
  };
  private static final String[] POCHI_COMMANDS = {
    "BusinessPayToPochi", "BusinessPayment", "SalaryPayment", "PromotionPayment"
  };

  private final Mpesa mpesa;
  private final Map<String, Instant> usedOriginatorIds = new ConcurrentHashMap<>();

  public PayoutApi(Mpesa mpesa) {
    this.mpesa = mpesa;
  }

  /**
   * {@code POST /mpesa/b2c/v1/paymentrequest}: the gateway assigns the OriginatorConversationID.
   */
  public ApiResponse b2cV1(ApiCall call) {
    return pay(call, false, B2C_COMMANDS, false);
  }

  /** {@code POST /mpesa/b2c/v3/paymentrequest}: the caller's OriginatorConversationID, unique. */
  public ApiResponse b2cV3(ApiCall call) {
    return pay(call, true, B2C_COMMANDS, false);
  }

  /** {@code POST /mpesa/b2pochi/v1/paymentrequest}. */
  public ApiResponse pochi(ApiCall call) {
    return pay(call, true, POCHI_COMMANDS, true);
  }

  /** Forgets used OriginatorConversationIDs older than the cutoff. */
  public void prune(Instant cutoff) {
    usedOriginatorIds.values().removeIf(at -> at.isBefore(cutoff));
  }

  public void reset() {
    usedOriginatorIds.clear();
  }

  private ApiResponse pay(
      ApiCall call, boolean callerOriginatorId, String[] commands, boolean pochi) {
    Fields f = call.fields();
    String originatorId =
        callerOriginatorId
            ? f.text("OriginatorConversationID", "OriginatorConversationID", 1, 128)
            : null;
    String initiator = f.text("InitiatorName");
    String credential = f.text("SecurityCredential");
    String commandId = f.oneOf("CommandID", commands);
    long amount = f.wholeAmount("Amount", 1);
    String partyA = f.digits("PartyA", 5, 9);
    String partyB = f.msisdn("PartyB");
    f.text("Remarks", "Remarks", 2, 100);
    String queueTimeOutUrl = f.url("QueueTimeOutURL");
    String resultUrl = f.url("ResultURL");
    f.optionalText("Occassion", 100);
    f.optionalText("Occasion", 100);

    if (originatorId != null
        && usedOriginatorIds.putIfAbsent(originatorId, mpesa.clock().instant()) != null) {
      throw DarajaError.of("500.002.1001", "Duplicate OriginatorConversationID.");
    }
    InitiatorRequest request = InitiatorRequest.accept(mpesa, originatorId);
    Outcome outcome = Scenario.payoutOutcome(partyB);
    if (outcome.kind() == Outcome.Kind.QUEUE_TIMEOUT) {
      Results timeout =
          Results.envelope(
                  Results.CodeStyle.NUMBERS,
                  "26",
                  "System busy. The service request is rejected.",
                  request.originatorConversationId,
                  request.conversationId,
                  "XXXXXXXXXX")
              .resultType(1)
              .referenceItem("QueueTimeoutURL", InitiatorRequest.internalQueueUrl("b2cresults"));
      mpesa.deliver("queue_timeout", queueTimeOutUrl, timeout.json());
      return request.acknowledgement();
    }
    TransactionKind kind =
        pochi && commandId.equals("BusinessPayToPochi")
            ? TransactionKind.B2POCHI
            : switch (commandId) {
              case "SalaryPayment" -> TransactionKind.B2C_SALARY_PAYMENT;
              case "PromotionPayment" -> TransactionKind.B2C_PROMOTION_PAYMENT;
              default -> TransactionKind.B2C_BUSINESS_PAYMENT;
            };
    Results result = process(request, initiator, credential, partyA, partyB, amount, kind, outcome);
    if (outcome.kind() != Outcome.Kind.SUCCEED_SILENTLY) {
      mpesa.deliver("result", resultUrl, result.json());
    }
    return request.acknowledgement();
  }

  private Results process(
      InitiatorRequest request,
      String initiator,
      String credential,
      String partyA,
      String partyB,
      long amount,
      TransactionKind kind,
      Outcome outcome) {
    Optional<InitiatorRequest.Rejection> rejection =
        InitiatorRequest.checkCredential(mpesa, initiator, credential);
    if (rejection.isPresent()) {
      return failure(request, rejection.get().code(), rejection.get().desc(), mpesa.newReceipt());
    }
    Optional<Organisation> payer = mpesa.world().organisation(partyA);
    if (payer.isEmpty()) {
      return failure(
          request,
          "2028",
          "The request is not permitted according to product assignment.",
          mpesa.newReceipt());
    }
    if (outcome.kind() == Outcome.Kind.FAIL) {
      return failure(request, outcome.resultCode(), outcome.resultDesc(), mpesa.newReceipt());
    }
    EmulatorConfig config = mpesa.config();
    World world = mpesa.world();
    Optional<Customer> recipient =
        world.customer(
            partyB, config.autoCreateCustomers(), Money.cents(config.newCustomerBalance()));
    if (recipient.isEmpty()) {
      return failure(request, "SFC_IC0003", "The operator does not exist.", mpesa.newReceipt());
    }
    Customer customer = recipient.get();
    if (!customer.registered()) {
      return failure(
          request,
          "2040",
          "Credit Party customer type (Unregistered or Registered Customer) can't be supported by"
              + " the service.",
          mpesa.newReceipt());
    }
    if (amount < config.b2cMinAmount()) {
      return failure(
          request,
          "2",
          "Declined due to limit rule: less than the minimum transaction amount.",
          mpesa.newReceipt());
    }
    if (amount > config.b2cMaxAmount()) {
      return failure(
          request,
          "3",
          "Declined due to limit rule: greater than the maximum transaction amount.",
          mpesa.newReceipt());
    }
    Organisation organisation = payer.get();
    long cents = Money.cents(amount);
    return world.atomically(
        () -> {
          if (organisation.balance(AccountType.UTILITY) < cents) {
            return failure(
                request,
                "1",
                "The balance is insufficient for the transaction.",
                mpesa.newReceipt());
          }
          if (customer.balance() + cents > Money.cents(config.customerMaxBalance())) {
            return failure(
                request,
                "8",
                "Declined due to limit rule: would exceed the maximum balance.",
                mpesa.newReceipt());
          }
          world.adjust(organisation, AccountType.UTILITY, -cents);
          world.adjust(customer, cents);
          Instant now = mpesa.clock().instant();
          Transaction t =
              world.record(
                  mpesa.newReceipt(),
                  kind,
                  Transaction.Status.COMPLETED,
                  cents,
                  Party.of(organisation, AccountType.UTILITY),
                  Party.of(customer),
                  now,
                  now,
                  request.originatorConversationId,
                  request.conversationId,
                  "",
                  "");
          Results success =
              Results.envelope(
                  Results.CodeStyle.NUMBERS,
                  "0",
                  "The service request is processed successfully.",
                  request.originatorConversationId,
                  request.conversationId,
                  t.receipt());
          success
              .parameters()
              .add("TransactionAmount", amount)
              .add("TransactionReceipt", t.receipt())
              .add("ReceiverPartyPublicName", customer.publicName())
              .add(
                  "TransactionCompletedDateTime",
                  COMPLETED_TIME.format(LocalDateTime.ofInstant(now, EmulatorClock.EAT)))
              .add(
                  "B2CUtilityAccountAvailableFunds",
                  Money.decimal(organisation.balance(AccountType.UTILITY)))
              .add(
                  "B2CWorkingAccountAvailableFunds",
                  Money.decimal(organisation.balance(AccountType.WORKING)))
              .add("B2CRecipientIsRegisteredCustomer", customer.registered() ? "Y" : "N")
              .add(
                  "B2CChargesPaidAccountAvailableFunds",
                  Money.decimal(organisation.balance(AccountType.CHARGES_PAID)));
          success.referenceItem("QueueTimeoutURL", InitiatorRequest.internalQueueUrl("b2cresults"));
          return success;
        });
  }

  private static Results failure(
      InitiatorRequest request, String code, String desc, String transactionId) {
    return Results.envelope(
            Results.CodeStyle.NUMBERS,
            code,
            desc,
            request.originatorConversationId,
            request.conversationId,
            transactionId)
        .referenceItem("QueueTimeoutURL", InitiatorRequest.internalQueueUrl("b2cresults"));
  }
}
