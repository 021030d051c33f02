package io.github.darajakit.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.darajakit.client.internal.ClientContext;
import io.github.darajakit.client.internal.Json;
import io.github.darajakit.client.internal.Transport;
import io.github.darajakit.client.transactions.ReversalRequest;
import io.github.darajakit.client.transactions.TransactionStatusRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Transaction Status (REFERENCE §9) and Reversal (REFERENCE §11): find out what became of a
 * transaction, and give a customer's payment back.
 *
 * <pre>{@code
 * // After a B2C payment ended in DarajaOutcomeUnknownException e:
 * daraja.transactions().status(TransactionStatusRequest.builder()
 *     .originalConversationId(e.originatorConversationId().orElseThrow())
 *     .remarks("Reconcile payout")
 *     .resultUrl("https://shop.example.com/daraja/status/result")
 *     .queueTimeOutUrl("https://shop.example.com/daraja/status/timeout")
 *     .build());
 * // The transaction's details (ReceiptNo, TransactionStatus, Amount…) arrive at the ResultURL.
 * // TransactionStatusResult.finding() reads them: only FAILED proves that nothing moved;
 * // NOT_FOUND (2032/2033) shortly after sending means "not known yet", not "not paid".
 *
 * daraja.transactions().reverse(ReversalRequest.builder()
 *     .transactionId("NLJ7RT61SV").amount(1500)
 *     .remarks("Duplicate payment")
 *     .resultUrl("https://shop.example.com/daraja/reversal/result")
 *     .queueTimeOutUrl("https://shop.example.com/daraja/reversal/timeout")
 *     .build());
 * }</pre>
 *
 * <p>A status query moves no money and is retried on server errors and timeouts; a reversal moves
 * money and never is, once it may have reached Daraja.
 */
public final class TransactionService {

  static final String STATUS_PATH = "/mpesa/transactionstatus/v1/query";
  static final String REVERSAL_PATH = "/mpesa/reversal/v1/request";

  /** Daraja's {@code RecieverIdentifierType} for reversals (legacy documents said "4"). */
  static final String REVERSAL_RECEIVER_TYPE = "11";

  private final ClientContext context;

  TransactionService(ClientContext context) {
    this.context = context;
  }

  /**
   * Asks for a transaction's status. The answer here is only the acknowledgement; the details
   * arrive as a Result at the request's ResultURL: read it with {@link
   * io.github.darajakit.client.callbacks.TransactionStatusResult#finding()}, which tells proof that
   * a transaction failed from "not found (yet)". Safe to repeat: it is retried on server errors and
   * timeouts.
   *
   * @throws DarajaValidationException before sending, e.g. no initiator, an http URL in production
   * @throws DarajaApiException if Daraja refused it
   * @throws DarajaUnavailableException if Daraja kept failing
   */
  public InitiatorAcknowledgement status(TransactionStatusRequest request) {
    return status(request, RequestOptions.DEFAULT);
  }

  /**
   * {@link #status(TransactionStatusRequest)} with per-call options (e.g. a timeout). A call that
   * runs out of time ends in {@link DarajaUnavailableException}: nothing moved, ask again.
   */
  public InitiatorAcknowledgement status(TransactionStatusRequest request, RequestOptions options) {
    return context.send(() -> statusCall(request), options, InitiatorCalls::acknowledgement);
  }

  /**
   * {@link #status(TransactionStatusRequest)} without blocking: no thread waits while it is in
   * flight. It fails as {@code join()} and dependent stages see it: a {@link
   * java.util.concurrent.CompletionException} (from {@code get()}, an {@code ExecutionException})
   * whose cause is the {@link DarajaException}; {@link DarajaException#unwrap} finds it.
   */
  public CompletableFuture<InitiatorAcknowledgement> statusAsync(TransactionStatusRequest request) {
    return statusAsync(request, RequestOptions.DEFAULT);
  }

  /** {@link #statusAsync(TransactionStatusRequest)} with per-call options (e.g. a timeout). */
  public CompletableFuture<InitiatorAcknowledgement> statusAsync(
      TransactionStatusRequest request, RequestOptions options) {
    return context.sendAsync(() -> statusCall(request), options, InitiatorCalls::acknowledgement);
  }

  /**
   * Reverses a customer's payment (C2B or STK) in full.
   *
   * <p><b>Never retried once it may have reached Daraja.</b> On {@link
   * DarajaOutcomeUnknownException}: {@value DarajaOutcomeUnknownException#RECOVERY}
   *
   * <p>Here the id is the receipt reversed ({@code e.transactionId()}). M-Pesa refuses a second
   * reversal of it in its Result ({@code R000001} "The transaction has already been reversed"), so
   * sending the same reversal again cannot reverse twice. Or look it up: the Result at the
   * ResultURL, or Transaction Status about the receipt ({@code Reversed} once reversed, as the
   * emulator says; Daraja does not document the word).
   *
   * @throws DarajaValidationException before sending
   * @throws DarajaApiException if Daraja refused it, nothing moved
   * @throws DarajaOutcomeUnknownException if it may have been accepted but the answer was lost
   */
  public InitiatorAcknowledgement reverse(ReversalRequest request) {
    return reverse(request, RequestOptions.DEFAULT);
  }

  /**
   * {@link #reverse(ReversalRequest)} with per-call options (e.g. a timeout). A call that runs out
   * of time after it may have been sent ends in {@link DarajaOutcomeUnknownException}.
   */
  public InitiatorAcknowledgement reverse(ReversalRequest request, RequestOptions options) {
    return context.send(() -> reverseCall(request), options, InitiatorCalls::acknowledgement);
  }

  /**
   * {@link #reverse(ReversalRequest)} without blocking: no thread waits while it is in flight. Just
   * as money-safe: never retried once it may have reached Daraja; the future then completes
   * exceptionally with {@link DarajaOutcomeUnknownException}. It fails as {@code join()} and
   * dependent stages see it: a {@link java.util.concurrent.CompletionException} (from {@code
   * get()}, an {@code ExecutionException}) whose cause is the {@link DarajaException}; {@link
   * DarajaException#unwrap} finds it. Cancelling the future aborts the exchange and fails it the
   * same way, never with a bare {@code CancellationException}; for a time limit use {@link
   * RequestOptions.Builder#timeout}.
   */
  public CompletableFuture<InitiatorAcknowledgement> reverseAsync(ReversalRequest request) {
    return reverseAsync(request, RequestOptions.DEFAULT);
  }

  /** {@link #reverseAsync(ReversalRequest)} with per-call options (e.g. a timeout). */
  public CompletableFuture<InitiatorAcknowledgement> reverseAsync(
      ReversalRequest request, RequestOptions options) {
    return context.sendAsync(() -> reverseCall(request), options, InitiatorCalls::acknowledgement);
  }

  /** The status query, ready to send: exposed to tests, which check the wire without I/O. */
  Transport.Call statusCall(TransactionStatusRequest request) {
    String partyA = context.shortCode(request.partyA(), "partyA");
    String initiator = context.initiator(null);
    String credential = context.credential();
    String resultUrl = InitiatorCalls.url(context, "resultUrl", request.resultUrl());
    String queueTimeOutUrl =
        InitiatorCalls.url(context, "queueTimeOutUrl", request.queueTimeOutUrl());
    ObjectNode body = Json.object();
    body.put("Initiator", initiator)
        .put("SecurityCredential", credential)
        .put("CommandID", "TransactionStatusQuery");
    if (request.transactionId() != null) {
      body.put("TransactionID", request.transactionId());
    }
    if (request.originalConversationId() != null) {
      body.put("OriginalConversationID", request.originalConversationId());
    }
    body.put("PartyA", partyA)
        .put("IdentifierType", request.identifierType().code())
        .put("ResultURL", resultUrl)
        .put("QueueTimeOutURL", queueTimeOutUrl)
        .put("Remarks", request.remarks());
    if (request.occasion() != null) {
      body.put("Occasion", request.occasion());
    }
    Map<String, String> identifiers = new LinkedHashMap<>();
    if (request.transactionId() != null) {
      identifiers.put("transactionId", request.transactionId());
    }
    if (request.originalConversationId() != null) {
      identifiers.put("originalConversationId", request.originalConversationId());
    }
    return new Transport.Call(
        "transactions.status", STATUS_PATH, Transport.Kind.QUERY, body, identifiers);
  }

  Transport.Call reverseCall(ReversalRequest request) {
    String receiverParty = context.shortCode(request.receiverParty(), "receiverParty");
    String initiator = context.initiator(null);
    String credential = context.credential();
    String resultUrl = InitiatorCalls.url(context, "resultUrl", request.resultUrl());
    String queueTimeOutUrl =
        InitiatorCalls.url(context, "queueTimeOutUrl", request.queueTimeOutUrl());
    ObjectNode body = Json.object();
    body.put("Initiator", initiator)
        .put("SecurityCredential", credential)
        .put("CommandID", "TransactionReversal")
        .put("TransactionID", request.transactionId())
        .put("Amount", request.amount())
        .put("ReceiverParty", receiverParty)
        // Sic: Daraja's key is misspelled (REFERENCE §22b).
        .put("RecieverIdentifierType", REVERSAL_RECEIVER_TYPE)
        .put("ResultURL", resultUrl)
        .put("QueueTimeOutURL", queueTimeOutUrl)
        .put("Remarks", request.remarks());
    if (request.occasion() != null) {
      body.put("Occasion", request.occasion());
    }
    Map<String, String> identifiers = new LinkedHashMap<>();
    identifiers.put("transactionId", request.transactionId());
    identifiers.put("amount", Long.toString(request.amount()));
    identifiers.put("receiverParty", receiverParty);
    return new Transport.Call(
        "transactions.reverse", REVERSAL_PATH, Transport.Kind.MONEY, body, identifiers);
  }
}
