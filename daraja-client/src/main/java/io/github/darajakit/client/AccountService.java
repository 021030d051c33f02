package io.github.darajakit.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.darajakit.client.account.AccountBalanceRequest;
import io.github.darajakit.client.internal.ClientContext;
import io.github.darajakit.client.internal.Json;
import io.github.darajakit.client.internal.Transport;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Account Balance (REFERENCE §10): ask for a shortcode's account balances. The answer is an
 * acknowledgement; the balances arrive as a Result at the ResultURL ({@code AccountBalance}:
 * accounts joined by {@code &}, each {@code name|currency|current|available|reserved|unclear}).
 *
 * <pre>{@code
 * InitiatorAcknowledgement ack = daraja.account().balance(AccountBalanceRequest.builder()
 *     .remarks("Daily balance")
 *     .resultUrl("https://shop.example.com/daraja/balance/result")
 *     .queueTimeOutUrl("https://shop.example.com/daraja/balance/timeout")
 *     .build());
 * }</pre>
 *
 * <p>Moves no money: retried on server errors and timeouts. Daraja does not retry the Result if
 * your ResultURL fails to take it; ask again.
 */
public final class AccountService {

  static final String PATH = "/mpesa/accountbalance/v1/query";

  private final ClientContext context;

  AccountService(ClientContext context) {
    this.context = context;
  }

  /**
   * Asks for the balances of the request's shortcode (the client's by default).
   *
   * @throws DarajaValidationException before sending, e.g. no initiator, an http URL in production
   * @throws DarajaApiException if Daraja refused it
   * @throws DarajaUnavailableException if Daraja kept failing
   */
  public InitiatorAcknowledgement balance(AccountBalanceRequest request) {
    return balance(request, RequestOptions.DEFAULT);
  }

  /**
   * {@link #balance(AccountBalanceRequest)} with per-call options (e.g. a timeout). A call that
   * runs out of time ends in {@link DarajaUnavailableException}: nothing moved, ask again.
   */
  public InitiatorAcknowledgement balance(AccountBalanceRequest request, RequestOptions options) {
    return context.send(() -> balanceCall(request), options, InitiatorCalls::acknowledgement);
  }

  /**
   * {@link #balance(AccountBalanceRequest)} without blocking: no thread waits while it is in
   * flight. It fails as {@code join()} and dependent stages see it: a {@link
   * java.util.concurrent.CompletionException} (from {@code get()}, an {@code ExecutionException})
   * whose cause is the {@link DarajaException}; {@link DarajaException#unwrap} finds it. Cancelling
   * the future aborts the exchange and fails it the same way, never with a bare {@code
   * CancellationException}; for a time limit use {@link RequestOptions.Builder#timeout}.
   */
  public CompletableFuture<InitiatorAcknowledgement> balanceAsync(AccountBalanceRequest request) {
    return balanceAsync(request, RequestOptions.DEFAULT);
  }

  /** {@link #balanceAsync(AccountBalanceRequest)} with per-call options (e.g. a timeout). */
  public CompletableFuture<InitiatorAcknowledgement> balanceAsync(
      AccountBalanceRequest request, RequestOptions options) {
    return context.sendAsync(() -> balanceCall(request), options, InitiatorCalls::acknowledgement);
  }

  /** The query, ready to send: exposed to tests, which check the wire without I/O. */
  Transport.Call balanceCall(AccountBalanceRequest request) {
    String partyA = context.shortCode(request.partyA(), "partyA");
    String initiator = context.initiator(null);
    String credential = context.credential();
    String resultUrl = InitiatorCalls.url(context, "resultUrl", request.resultUrl());
    String queueTimeOutUrl =
        InitiatorCalls.url(context, "queueTimeOutUrl", request.queueTimeOutUrl());
    ObjectNode body = Json.object();
    body.put("Initiator", initiator)
        .put("SecurityCredential", credential)
        .put("CommandID", "AccountBalance")
        .put("PartyA", partyA)
        .put("IdentifierType", request.identifierType().code())
        .put("Remarks", request.remarks())
        .put("QueueTimeOutURL", queueTimeOutUrl)
        .put("ResultURL", resultUrl);
    return new Transport.Call(
        "account.balance", PATH, Transport.Kind.QUERY, body, Map.of("partyA", partyA));
  }
}
