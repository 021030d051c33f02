package io.github.darajakit.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.darajakit.client.b2c.B2cCommand;
import io.github.darajakit.client.b2c.B2cPaymentRequest;
import io.github.darajakit.client.internal.ClientContext;
import io.github.darajakit.client.internal.Json;
import io.github.darajakit.client.internal.Transport;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Business to Customer (REFERENCE §6): pay a customer's M-Pesa wallet from a B2C shortcode, with
 * B2C v3 (current), v1 (legacy accounts) or Business to Pochi.
 *
 * <p>Choose the payment's OriginatorConversationID yourself and store it, with what you are about
 * to pay, <b>before</b> sending: then a crash or a lost answer still leaves an id to look the
 * payment up by.
 *
 * <pre>{@code
 * String id = "payout-7731";                        // yours, unique per payment
 * payouts.recordIntent(id);                         // stored (committed) before sending
 * B2cPaymentRequest request = B2cPaymentRequest.builder()
 *     .originatorConversationId(id)
 *     .phone("0712345678").amount(1500)
 *     .commandId(B2cCommand.SALARY_PAYMENT)
 *     .remarks("March salary")
 *     .resultUrl("https://shop.example.com/daraja/b2c/result")
 *     .queueTimeOutUrl("https://shop.example.com/daraja/b2c/timeout")
 *     .build();
 * try {
 *   daraja.b2c().pay(request);
 *   payouts.markSent(id);                           // the Result arrives at the ResultURL
 * } catch (DarajaOutcomeUnknownException e) {
 *   payouts.markUnknown(id);                        // never pay it under another id: look it up
 * }
 * }</pre>
 *
 * <p>Every payment moves money, so none is ever re-sent once it may have reached Daraja: a lost
 * answer (read timeout, dropped connection, server error that does not say the request was refused)
 * ends in {@link DarajaOutcomeUnknownException}. Only failures that prove nothing was sent (no
 * connection, SpikeArrest, a refused access token) are retried. The initiator name and
 * SecurityCredential are the client's ({@code DarajaClient.builder().initiator(…)}).
 */
public final class B2cService {

  static final String V3_PATH = "/mpesa/b2c/v3/paymentrequest";
  static final String V1_PATH = "/mpesa/b2c/v1/paymentrequest";
  static final String POCHI_PATH = "/mpesa/b2pochi/v1/paymentrequest";
  static final String POCHI_COMMAND = "BusinessPayToPochi";

  private final ClientContext context;

  B2cService(ClientContext context) {
    this.context = context;
  }

  /**
   * Pays a customer with B2C v3 ({@code /mpesa/b2c/v3/paymentrequest}) under the request's
   * OriginatorConversationID: choose it ({@link
   * B2cPaymentRequest.Builder#originatorConversationId}) and store it before calling. Without one
   * the SDK generates a UUID, which you learn only from the acknowledgement or the exception: a
   * crash in between leaves nothing to look up.
   *
   * <p><b>Never retried once it may have reached Daraja.</b> On {@link
   * DarajaOutcomeUnknownException}: {@value DarajaOutcomeUnknownException#RECOVERY}
   *
   * <p>Here the id is the OriginatorConversationID ({@code
   * e.originatorConversationId().orElseThrow()}). Sending the same request again is safe: if Daraja
   * has the id it answers {@code 500.002.1001} ({@link DarajaApiException#isDuplicateRequest()}),
   * and the outcome is still unknown. Look it up with {@code client.transactions().status(…)} by
   * that id ({@link io.github.darajakit.client.callbacks.TransactionStatusResult#finding()}), or by
   * the Result at the ResultURL. A Result with ResultCode {@code 15} "Duplicate Detected" is about
   * the repeat, not proof that the first failed.
   *
   * @return Daraja's acknowledgement: accepted for processing, not yet paid
   * @throws DarajaValidationException before sending, e.g. no initiator configured, an http URL in
   *     production
   * @throws DarajaApiException if Daraja refused it: nothing moved, except that a duplicate refusal
   *     ({@link DarajaApiException#isDuplicateRequest()}) leaves the earlier request with this id
   *     unknown
   * @throws DarajaOutcomeUnknownException if it may have been accepted but the answer was lost
   */
  public InitiatorAcknowledgement pay(B2cPaymentRequest request) {
    return pay(request, RequestOptions.DEFAULT);
  }

  /**
   * {@link #pay(B2cPaymentRequest)} with per-call options (e.g. a timeout). A call that runs out of
   * time after it may have been sent ends in {@link DarajaOutcomeUnknownException}.
   */
  public InitiatorAcknowledgement pay(B2cPaymentRequest request, RequestOptions options) {
    return identified(request, options, this::payCall, context::send);
  }

  /**
   * {@link #pay(B2cPaymentRequest)} without blocking: no thread waits while it is in flight. Just
   * as money-safe: never retried once it may have reached Daraja; the future then completes
   * exceptionally with {@link DarajaOutcomeUnknownException}. It fails as {@code join()} and
   * dependent stages see it: a {@link java.util.concurrent.CompletionException} (from {@code
   * get()}, an {@code ExecutionException}) whose cause is the {@link DarajaException}; {@link
   * DarajaException#unwrap} finds it. Cancelling the future aborts the exchange and fails it the
   * same way, never with a bare {@code CancellationException}; for a time limit use {@link
   * RequestOptions.Builder#timeout}.
   */
  public CompletableFuture<InitiatorAcknowledgement> payAsync(B2cPaymentRequest request) {
    return payAsync(request, RequestOptions.DEFAULT);
  }

  /** {@link #payAsync(B2cPaymentRequest)} with per-call options (e.g. a timeout). */
  public CompletableFuture<InitiatorAcknowledgement> payAsync(
      B2cPaymentRequest request, RequestOptions options) {
    return identified(request, options, this::payCall, context::sendAsync);
  }

  /**
   * Pays a customer with legacy B2C v1 ({@code /mpesa/b2c/v1/paymentrequest}), for accounts not yet
   * on v3. The gateway assigns the OriginatorConversationID, so the request must not carry one;
   * prefer {@link #pay}, whose caller-known id makes an unknown outcome easy to reconcile.
   *
   * <p><b>Never retried once it may have reached Daraja.</b> On {@link
   * DarajaOutcomeUnknownException}: {@value DarajaOutcomeUnknownException#RECOVERY}
   *
   * <p>Here Daraja assigns the OriginatorConversationID, so no id of yours reaches it except in the
   * ResultURL: give each payment its own ({@code …/b2c/result/<your id>}). Nothing refuses a
   * repeat, so do not send it again; look it up by the Result at that URL (it carries Daraja's ids,
   * which Transaction Status takes) or, if none comes, the shortcode's statement in the M-Pesa org
   * portal. Prefer {@link #pay}.
   *
   * @throws DarajaValidationException before sending, e.g. an {@code originatorConversationId} on
   *     the request
   * @throws DarajaApiException if Daraja refused it, nothing moved
   * @throws DarajaOutcomeUnknownException if it may have been accepted but the answer was lost
   */
  public InitiatorAcknowledgement payV1(B2cPaymentRequest request) {
    return payV1(request, RequestOptions.DEFAULT);
  }

  /**
   * {@link #payV1(B2cPaymentRequest)} with per-call options (e.g. a timeout). A call that runs out
   * of time after it may have been sent ends in {@link DarajaOutcomeUnknownException}.
   */
  public InitiatorAcknowledgement payV1(B2cPaymentRequest request, RequestOptions options) {
    return context.send(() -> payV1Call(request), options, InitiatorCalls::acknowledgement);
  }

  /**
   * {@link #payV1(B2cPaymentRequest)} without blocking: no thread waits while it is in flight. Just
   * as money-safe: never retried once it may have reached Daraja; the future then completes
   * exceptionally with {@link DarajaOutcomeUnknownException}. It fails as {@code join()} and
   * dependent stages see it: a {@link java.util.concurrent.CompletionException} (from {@code
   * get()}, an {@code ExecutionException}) whose cause is the {@link DarajaException}; {@link
   * DarajaException#unwrap} finds it. Cancelling the future aborts the exchange and fails it the
   * same way, never with a bare {@code CancellationException}; for a time limit use {@link
   * RequestOptions.Builder#timeout}.
   */
  public CompletableFuture<InitiatorAcknowledgement> payV1Async(B2cPaymentRequest request) {
    return payV1Async(request, RequestOptions.DEFAULT);
  }

  /** {@link #payV1Async(B2cPaymentRequest)} with per-call options (e.g. a timeout). */
  public CompletableFuture<InitiatorAcknowledgement> payV1Async(
      B2cPaymentRequest request, RequestOptions options) {
    return context.sendAsync(() -> payV1Call(request), options, InitiatorCalls::acknowledgement);
  }

  /**
   * Pays a customer's Pochi la Biashara wallet ({@code /mpesa/b2pochi/v1/paymentrequest}, {@code
   * CommandID BusinessPayToPochi}). The request's {@code commandId} must be left unset. The
   * OriginatorConversationID works as for {@link #pay}.
   *
   * <p><b>Never retried once it may have reached Daraja.</b> On {@link
   * DarajaOutcomeUnknownException}: {@value DarajaOutcomeUnknownException#RECOVERY}
   *
   * <p>Here, as for {@link #pay}, the id is the OriginatorConversationID: a repeat with it is
   * refused as a duplicate, and Transaction Status finds it.
   *
   * @throws DarajaValidationException before sending, e.g. a {@code commandId} on the request
   * @throws DarajaApiException if Daraja refused it: nothing moved, except that a duplicate refusal
   *     ({@link DarajaApiException#isDuplicateRequest()}) leaves the earlier request with this id
   *     unknown
   * @throws DarajaOutcomeUnknownException if it may have been accepted but the answer was lost
   */
  public InitiatorAcknowledgement payToPochi(B2cPaymentRequest request) {
    return payToPochi(request, RequestOptions.DEFAULT);
  }

  /**
   * {@link #payToPochi(B2cPaymentRequest)} with per-call options (e.g. a timeout). A call that runs
   * out of time after it may have been sent ends in {@link DarajaOutcomeUnknownException}.
   */
  public InitiatorAcknowledgement payToPochi(B2cPaymentRequest request, RequestOptions options) {
    return identified(request, options, this::payToPochiCall, context::send);
  }

  /**
   * {@link #payToPochi(B2cPaymentRequest)} without blocking: no thread waits while it is in flight.
   * Just as money-safe: never retried once it may have reached Daraja; the future then completes
   * exceptionally with {@link DarajaOutcomeUnknownException}. It fails as {@code join()} and
   * dependent stages see it: a {@link java.util.concurrent.CompletionException} (from {@code
   * get()}, an {@code ExecutionException}) whose cause is the {@link DarajaException}; {@link
   * DarajaException#unwrap} finds it. Cancelling the future aborts the exchange and fails it the
   * same way, never with a bare {@code CancellationException}; for a time limit use {@link
   * RequestOptions.Builder#timeout}.
   */
  public CompletableFuture<InitiatorAcknowledgement> payToPochiAsync(B2cPaymentRequest request) {
    return payToPochiAsync(request, RequestOptions.DEFAULT);
  }

  /** {@link #payToPochiAsync(B2cPaymentRequest)} with per-call options (e.g. a timeout). */
  public CompletableFuture<InitiatorAcknowledgement> payToPochiAsync(
      B2cPaymentRequest request, RequestOptions options) {
    return identified(request, options, this::payToPochiCall, context::sendAsync);
  }

  /** The v3 request, ready to send: exposed to tests, which check the wire without I/O. */
  Transport.Call payCall(B2cPaymentRequest request) {
    return payCall(request, RequestOptions.DEFAULT, UUID.randomUUID().toString());
  }

  private Transport.Call payCall(
      B2cPaymentRequest request, RequestOptions options, String generated) {
    return call(
        "b2c.pay",
        V3_PATH,
        request,
        command(request).wireName(),
        originatorId(request, options, generated));
  }

  Transport.Call payV1Call(B2cPaymentRequest request) {
    if (request.originatorConversationId() != null) {
      throw new DarajaValidationException(
          "originatorConversationId",
          "is not sent by B2C v1 (the gateway assigns one); leave it unset, or use pay() (v3)");
    }
    return call("b2c.payV1", V1_PATH, request, command(request).wireName(), null);
  }

  Transport.Call payToPochiCall(B2cPaymentRequest request) {
    return payToPochiCall(request, RequestOptions.DEFAULT, UUID.randomUUID().toString());
  }

  private Transport.Call payToPochiCall(
      B2cPaymentRequest request, RequestOptions options, String generated) {
    if (request.commandId() != null) {
      throw new DarajaValidationException(
          "commandId",
          "is "
              + request.commandId()
              + " but Business to Pochi always sends "
              + POCHI_COMMAND
              + "; leave it unset");
    }
    return call(
        "b2c.payToPochi",
        POCHI_PATH,
        request,
        POCHI_COMMAND,
        originatorId(request, options, generated));
  }

  private static B2cCommand command(B2cPaymentRequest request) {
    return request.commandId() == null ? B2cCommand.BUSINESS_PAYMENT : request.commandId();
  }

  private Transport.Call call(
      String operation,
      String path,
      B2cPaymentRequest request,
      String commandId,
      String originatorId) {
    String partyA = context.shortCode(request.partyA(), "partyA");
    String initiator = context.initiator(null);
    String credential = context.credential();
    String resultUrl = InitiatorCalls.url(context, "resultUrl", request.resultUrl());
    String queueTimeOutUrl =
        InitiatorCalls.url(context, "queueTimeOutUrl", request.queueTimeOutUrl());
    ObjectNode body = Json.object();
    if (originatorId != null) {
      body.put("OriginatorConversationID", originatorId);
    }
    body.put("InitiatorName", initiator)
        .put("SecurityCredential", credential)
        .put("CommandID", commandId)
        .put("Amount", request.amount())
        .put("PartyA", partyA)
        .put("PartyB", request.phone().value())
        .put("Remarks", request.remarks())
        .put("QueueTimeOutURL", queueTimeOutUrl)
        .put("ResultURL", resultUrl);
    if (request.occasion() != null) {
      // Sic: Daraja's key is misspelled (REFERENCE §22b).
      body.put("Occassion", request.occasion());
    }
    Map<String, String> identifiers = new LinkedHashMap<>();
    if (originatorId != null) {
      identifiers.put("originatorConversationId", originatorId);
    }
    identifiers.put("phone", request.phone().masked());
    identifiers.put("amount", Long.toString(request.amount()));
    identifiers.put("commandId", commandId);
    identifiers.put("partyA", partyA);
    return new Transport.Call(operation, path, Transport.Kind.MONEY, body, identifiers);
  }

  /** Builds a payment that carries a caller's (or the generated) OriginatorConversationID. */
  private interface IdentifiedCall {
    Transport.Call build(B2cPaymentRequest request, RequestOptions options, String generated);
  }

  /** {@code context::send} or {@code context::sendAsync}. */
  private interface Sending<R> {
    R send(
        Supplier<Transport.Call> build,
        RequestOptions options,
        Transport.Reader<InitiatorAcknowledgement> reader);
  }

  /** Sends the payment {@code call} builds, under the id it sends or a fresh UUID. */
  private <R> R identified(
      B2cPaymentRequest request, RequestOptions options, IdentifiedCall call, Sending<R> sending) {
    String generated = UUID.randomUUID().toString();
    return sending.send(
        () -> call.build(request, options, generated),
        options,
        acknowledgement(request, options, generated));
  }

  /**
   * The OriginatorConversationID to send: the options', else the request's, else {@code generated}
   * — generated before sending, so it is known even if the answer is lost: it is the key that
   * Transaction Status reconciles with.
   */
  private static String originatorId(
      B2cPaymentRequest request, RequestOptions options, String generated) {
    String requested = request.originatorConversationId();
    String optioned = options.originatorConversationId().orElse(null);
    if (requested != null && optioned != null && !requested.equals(optioned)) {
      throw new DarajaValidationException(
          "originatorConversationId",
          "is '"
              + requested
              + "' on the request but '"
              + optioned
              + "' in the RequestOptions: set it in one place");
    }
    return optioned != null ? optioned : requested != null ? requested : generated;
  }

  /**
   * Reads the acknowledgement, with the id sent standing in when Daraja's answer does not echo it.
   * Computed without the checks {@link #originatorId} makes: when they fail nothing is read.
   */
  private static Transport.Reader<InitiatorAcknowledgement> acknowledgement(
      B2cPaymentRequest request, RequestOptions options, String generated) {
    String sent =
        options
            .originatorConversationId()
            .orElse(
                request.originatorConversationId() != null
                    ? request.originatorConversationId()
                    : generated);
    return answer -> InitiatorCalls.acknowledgement(answer.json(), answer.raw(), sent);
  }
}
