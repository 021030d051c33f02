package io.github.darajakit.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.darajakit.client.b2b.B2bPaymentRequest;
import io.github.darajakit.client.b2b.B2bReceiverType;
import io.github.darajakit.client.internal.ClientContext;
import io.github.darajakit.client.internal.Json;
import io.github.darajakit.client.internal.Transport;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Business to Business (REFERENCE §7): pay a PayBill, a Buy Goods till, or top up a B2C shortcode,
 * from a shortcode's Working account. All three use {@code /mpesa/b2b/v1/paymentrequest}.
 *
 * <pre>{@code
 * String id = "supplier-2291";                      // yours, unique per payment: record it first
 * B2bPaymentRequest request = B2bPaymentRequest.builder()
 *     .partyB("600978").amount(12_500)
 *     .accountReference("ACC-2291")
 *     .remarks("Supplier invoice 2291")
 *     .resultUrl("https://shop.example.com/daraja/b2b/result/" + id)
 *     .queueTimeOutUrl("https://shop.example.com/daraja/b2b/timeout/" + id)
 *     .build();
 * try {
 *   InitiatorAcknowledgement ack = daraja.b2b().payBill(request);
 * } catch (DarajaOutcomeUnknownException e) {
 *   // Money may have moved: never pay it again on a hunch. Its Result, if any, comes to
 *   // …/b2b/result/supplier-2291; else look for it in the Working account's statement.
 * }
 * }</pre>
 *
 * <p>Every payment moves money, so none is ever re-sent once it may have reached Daraja: a lost
 * answer ends in {@link DarajaOutcomeUnknownException} carrying partyA, partyB, amount and
 * accountReference. The initiator name and SecurityCredential are the client's.
 */
public final class B2bService {

  static final String PATH = "/mpesa/b2b/v1/paymentrequest";

  private final ClientContext context;

  B2bService(ClientContext context) {
    this.context = context;
  }

  /**
   * Pays a PayBill ({@code CommandID BusinessPayBill}); {@code accountReference} is required.
   *
   * <p><b>Never retried once it may have reached Daraja.</b> On {@link
   * DarajaOutcomeUnknownException}: {@value DarajaOutcomeUnknownException#RECOVERY}
   *
   * <p>Here Daraja assigns the OriginatorConversationID, so no id of yours reaches it except in the
   * ResultURL: give each payment its own ({@code …/b2b/result/<your id>}) and record it. Nothing
   * refuses a repeat, so do not send it again; look it up by the Result at that URL (a failed one
   * is proof; it carries Daraja's ids, which Transaction Status takes) or, if none comes, the
   * Working account's statement in the M-Pesa org portal.
   *
   * @throws DarajaValidationException before sending, e.g. no {@code accountReference}, a till
   *     receiver type, an http URL in production
   * @throws DarajaApiException if Daraja refused it, nothing moved
   * @throws DarajaOutcomeUnknownException if it may have been accepted but the answer was lost
   */
  public InitiatorAcknowledgement payBill(B2bPaymentRequest request) {
    return payBill(request, RequestOptions.DEFAULT);
  }

  /**
   * {@link #payBill(B2bPaymentRequest)} with per-call options (e.g. a timeout). A call that runs
   * out of time after it may have been sent ends in {@link DarajaOutcomeUnknownException}.
   */
  public InitiatorAcknowledgement payBill(B2bPaymentRequest request, RequestOptions options) {
    return context.send(() -> payBillCall(request), options, InitiatorCalls::acknowledgement);
  }

  /**
   * {@link #payBill(B2bPaymentRequest)} without blocking: no thread waits while it is in flight.
   * Just as money-safe: never retried once it may have reached Daraja; the future then completes
   * exceptionally with {@link DarajaOutcomeUnknownException}. It fails as {@code join()} and
   * dependent stages see it: a {@link java.util.concurrent.CompletionException} (from {@code
   * get()}, an {@code ExecutionException}) whose cause is the {@link DarajaException}; {@link
   * DarajaException#unwrap} finds it. Cancelling the future aborts the exchange and fails it the
   * same way, never with a bare {@code CancellationException}; for a time limit use {@link
   * RequestOptions.Builder#timeout}.
   */
  public CompletableFuture<InitiatorAcknowledgement> payBillAsync(B2bPaymentRequest request) {
    return payBillAsync(request, RequestOptions.DEFAULT);
  }

  /** {@link #payBillAsync(B2bPaymentRequest)} with per-call options (e.g. a timeout). */
  public CompletableFuture<InitiatorAcknowledgement> payBillAsync(
      B2bPaymentRequest request, RequestOptions options) {
    return context.sendAsync(() -> payBillCall(request), options, InitiatorCalls::acknowledgement);
  }

  /**
   * Pays a Buy Goods till ({@code CommandID BusinessBuyGoods}). The receiver type is {@code "4"}
   * unless the request chooses {@link B2bReceiverType#TILL} ({@code "2"}), which production tills
   * are reported to need (REFERENCE §7.1 ⚠).
   *
   * <p><b>Never retried once it may have reached Daraja.</b> On {@link
   * DarajaOutcomeUnknownException}: {@value DarajaOutcomeUnknownException#RECOVERY}
   *
   * <p>The id is as for {@link #payBill}: yours, in the ResultURL.
   *
   * @throws DarajaValidationException before sending
   * @throws DarajaApiException if Daraja refused it, nothing moved
   * @throws DarajaOutcomeUnknownException if it may have been accepted but the answer was lost
   */
  public InitiatorAcknowledgement buyGoods(B2bPaymentRequest request) {
    return buyGoods(request, RequestOptions.DEFAULT);
  }

  /**
   * {@link #buyGoods(B2bPaymentRequest)} with per-call options (e.g. a timeout). A call that runs
   * out of time after it may have been sent ends in {@link DarajaOutcomeUnknownException}.
   */
  public InitiatorAcknowledgement buyGoods(B2bPaymentRequest request, RequestOptions options) {
    return context.send(() -> buyGoodsCall(request), options, InitiatorCalls::acknowledgement);
  }

  /**
   * {@link #buyGoods(B2bPaymentRequest)} without blocking: no thread waits while it is in flight.
   * Just as money-safe: never retried once it may have reached Daraja; the future then completes
   * exceptionally with {@link DarajaOutcomeUnknownException}. It fails as {@code join()} and
   * dependent stages see it: a {@link java.util.concurrent.CompletionException} (from {@code
   * get()}, an {@code ExecutionException}) whose cause is the {@link DarajaException}; {@link
   * DarajaException#unwrap} finds it. Cancelling the future aborts the exchange and fails it the
   * same way, never with a bare {@code CancellationException}; for a time limit use {@link
   * RequestOptions.Builder#timeout}.
   */
  public CompletableFuture<InitiatorAcknowledgement> buyGoodsAsync(B2bPaymentRequest request) {
    return buyGoodsAsync(request, RequestOptions.DEFAULT);
  }

  /** {@link #buyGoodsAsync(B2bPaymentRequest)} with per-call options (e.g. a timeout). */
  public CompletableFuture<InitiatorAcknowledgement> buyGoodsAsync(
      B2bPaymentRequest request, RequestOptions options) {
    return context.sendAsync(() -> buyGoodsCall(request), options, InitiatorCalls::acknowledgement);
  }

  /**
   * Moves money to a B2C shortcode's Utility account, from which it pays customers ({@code
   * CommandID BusinessPayToBulk}, REFERENCE §7.2); {@code partyB} is the B2C shortcode.
   *
   * <p><b>Never retried once it may have reached Daraja.</b> On {@link
   * DarajaOutcomeUnknownException}: {@value DarajaOutcomeUnknownException#RECOVERY}
   *
   * <p>The id is as for {@link #payBill}: yours, in the ResultURL; both shortcodes' statements show
   * the transfer if no Result comes.
   *
   * @throws DarajaValidationException before sending, e.g. a till receiver type
   * @throws DarajaApiException if Daraja refused it, nothing moved
   * @throws DarajaOutcomeUnknownException if it may have been accepted but the answer was lost
   */
  public InitiatorAcknowledgement topUpB2c(B2bPaymentRequest request) {
    return topUpB2c(request, RequestOptions.DEFAULT);
  }

  /**
   * {@link #topUpB2c(B2bPaymentRequest)} with per-call options (e.g. a timeout). A call that runs
   * out of time after it may have been sent ends in {@link DarajaOutcomeUnknownException}.
   */
  public InitiatorAcknowledgement topUpB2c(B2bPaymentRequest request, RequestOptions options) {
    return context.send(() -> topUpB2cCall(request), options, InitiatorCalls::acknowledgement);
  }

  /**
   * {@link #topUpB2c(B2bPaymentRequest)} without blocking: no thread waits while it is in flight.
   * Just as money-safe: never retried once it may have reached Daraja; the future then completes
   * exceptionally with {@link DarajaOutcomeUnknownException}. It fails as {@code join()} and
   * dependent stages see it: a {@link java.util.concurrent.CompletionException} (from {@code
   * get()}, an {@code ExecutionException}) whose cause is the {@link DarajaException}; {@link
   * DarajaException#unwrap} finds it. Cancelling the future aborts the exchange and fails it the
   * same way, never with a bare {@code CancellationException}; for a time limit use {@link
   * RequestOptions.Builder#timeout}.
   */
  public CompletableFuture<InitiatorAcknowledgement> topUpB2cAsync(B2bPaymentRequest request) {
    return topUpB2cAsync(request, RequestOptions.DEFAULT);
  }

  /** {@link #topUpB2cAsync(B2bPaymentRequest)} with per-call options (e.g. a timeout). */
  public CompletableFuture<InitiatorAcknowledgement> topUpB2cAsync(
      B2bPaymentRequest request, RequestOptions options) {
    return context.sendAsync(() -> topUpB2cCall(request), options, InitiatorCalls::acknowledgement);
  }

  /** The pay-bill request, ready to send: exposed to tests, which check the wire without I/O. */
  Transport.Call payBillCall(B2bPaymentRequest request) {
    if (request.accountReference() == null) {
      throw new DarajaValidationException(
          "accountReference",
          "is required for Pay Bill: the account number at the receiving PayBill (at most "
              + B2bPaymentRequest.MAX_ACCOUNT_REFERENCE
              + " characters)");
    }
    shortCodeReceiver(request, "Pay Bill");
    return call("b2b.payBill", "BusinessPayBill", request);
  }

  Transport.Call buyGoodsCall(B2bPaymentRequest request) {
    return call("b2b.buyGoods", "BusinessBuyGoods", request);
  }

  Transport.Call topUpB2cCall(B2bPaymentRequest request) {
    shortCodeReceiver(request, "a B2C top-up");
    return call("b2b.topUpB2c", "BusinessPayToBulk", request);
  }

  private static void shortCodeReceiver(B2bPaymentRequest request, String operation) {
    if (request.receiverType() != B2bReceiverType.SHORTCODE) {
      throw new DarajaValidationException(
          "receiverType",
          "is " + request.receiverType() + " but " + operation + " pays a shortcode (\"4\")");
    }
  }

  private Transport.Call call(String operation, String commandId, B2bPaymentRequest request) {
    String partyA = context.shortCode(request.partyA(), "partyA");
    String initiator = context.initiator(null);
    String credential = context.credential();
    String resultUrl = InitiatorCalls.url(context, "resultUrl", request.resultUrl());
    String queueTimeOutUrl =
        InitiatorCalls.url(context, "queueTimeOutUrl", request.queueTimeOutUrl());
    ObjectNode body = Json.object();
    body.put("Initiator", initiator)
        .put("SecurityCredential", credential)
        .put("CommandID", commandId)
        .put("SenderIdentifierType", IdentifierType.SHORTCODE.code())
        // Sic: Daraja's key is misspelled (REFERENCE §22b).
        .put("RecieverIdentifierType", request.receiverType().code())
        .put("Amount", request.amount())
        .put("PartyA", partyA)
        .put("PartyB", request.partyB());
    if (request.accountReference() != null) {
      body.put("AccountReference", request.accountReference());
    }
    if (request.requester() != null) {
      body.put("Requester", request.requester().value());
    }
    body.put("Remarks", request.remarks())
        .put("QueueTimeOutURL", queueTimeOutUrl)
        .put("ResultURL", resultUrl);
    if (request.occasion() != null) {
      body.put("Occassion", request.occasion());
    }
    Map<String, String> identifiers = new LinkedHashMap<>();
    identifiers.put("commandId", commandId);
    identifiers.put("partyA", partyA);
    identifiers.put("partyB", request.partyB());
    identifiers.put("amount", Long.toString(request.amount()));
    if (request.accountReference() != null) {
      identifiers.put("accountReference", request.accountReference());
    }
    return new Transport.Call(operation, PATH, Transport.Kind.MONEY, body, identifiers);
  }
}
