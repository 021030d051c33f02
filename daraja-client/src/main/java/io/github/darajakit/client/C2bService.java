package io.github.darajakit.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.darajakit.client.c2b.C2bRegisterRequest;
import io.github.darajakit.client.c2b.C2bRegisterResponse;
import io.github.darajakit.client.c2b.C2bSimulateRequest;
import io.github.darajakit.client.c2b.C2bSimulateResponse;
import io.github.darajakit.client.internal.Check;
import io.github.darajakit.client.internal.ClientContext;
import io.github.darajakit.client.internal.Json;
import io.github.darajakit.client.internal.Transport;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Customer to Business (REFERENCE §5): register where M-Pesa sends a shortcode's payments, and (in
 * the sandbox) simulate a customer paying.
 *
 * <pre>{@code
 * C2bRegisterResponse registered = daraja.c2b().registerUrls(C2bRegisterRequest.builder()
 *     .shortCode("600992")
 *     .confirmationUrl("https://shop.example.com/payments/confirm")
 *     .build());
 *
 * daraja.c2b().simulate(C2bSimulateRequest.builder()
 *     .shortCode("600992").phone("0708374149").amount(100).billRefNumber("ACC-1")
 *     .build());
 * }</pre>
 *
 * <p>Registration is retried on server errors and lost answers, like a query. In production, where
 * a shortcode registers once, a retry whose first attempt did land is answered {@code 500.003.1001
 * "Urls are already registered."}. A simulation moves money in the sandbox, so it is never re-sent
 * once it may have reached Daraja.
 */
public final class C2bService {

  private final ClientContext context;

  C2bService(ClientContext context) {
    this.context = context;
  }

  /**
   * Registers the confirmation (and validation) URLs of a shortcode, on {@code
   * /mpesa/c2b/v2/registerurl} or, with {@code version(1)}, {@code /mpesa/c2b/v1/registerurl}.
   *
   * @throws DarajaValidationException before sending, e.g. an http URL in production or no
   *     shortcode
   * @throws DarajaApiException if Daraja refused, e.g. {@code 500.003.1001 "Urls are already
   *     registered."} in production, or the SOAP fault {@code SCO-AddURLVault … 409} for a
   *     shortcode that takes no C2B registrations (the sandbox's STK-only 174379)
   */
  public C2bRegisterResponse registerUrls(C2bRegisterRequest request) {
    return registerUrls(request, RequestOptions.DEFAULT);
  }

  /**
   * {@link #registerUrls(C2bRegisterRequest)} with per-call options (e.g. a timeout). A call that
   * runs out of time ends in {@link DarajaUnavailableException}: nothing moved, ask again.
   */
  public C2bRegisterResponse registerUrls(C2bRegisterRequest request, RequestOptions options) {
    return context.send(() -> registerUrlsCall(request), options, DarajaAnswers::readC2bRegister);
  }

  /**
   * {@link #registerUrls(C2bRegisterRequest)} without blocking: no thread waits while it is in
   * flight. It fails as {@code join()} and dependent stages see it: a {@link
   * java.util.concurrent.CompletionException} (from {@code get()}, an {@code ExecutionException})
   * whose cause is the {@link DarajaException}; {@link DarajaException#unwrap} finds it. Cancelling
   * the future aborts the exchange and fails it the same way, never with a bare {@code
   * CancellationException}; for a time limit use {@link RequestOptions.Builder#timeout}.
   */
  public CompletableFuture<C2bRegisterResponse> registerUrlsAsync(C2bRegisterRequest request) {
    return registerUrlsAsync(request, RequestOptions.DEFAULT);
  }

  /** {@link #registerUrlsAsync(C2bRegisterRequest)} with per-call options (e.g. a timeout). */
  public CompletableFuture<C2bRegisterResponse> registerUrlsAsync(
      C2bRegisterRequest request, RequestOptions options) {
    return context.sendAsync(
        () -> registerUrlsCall(request), options, DarajaAnswers::readC2bRegister);
  }

  /**
   * Simulates a customer paying the shortcode (sandbox only: Daraja does not support simulation in
   * production).
   *
   * <p><b>Never retried once it may have reached Daraja.</b> On {@link
   * DarajaOutcomeUnknownException}: {@value DarajaOutcomeUnknownException#RECOVERY}
   *
   * <p>Here the id is the BillRefNumber ({@code e.billRefNumber().orElseThrow()}): make it unique
   * per simulation; the confirmation at the shortcode's registered URL carries it. Nothing refuses
   * a repeat, so do not simulate again; look for that confirmation (or Pull Transactions).
   *
   * @throws DarajaValidationException before sending, in production, or without a shortcode
   * @throws DarajaApiException if Daraja refused it (nothing moved), e.g. {@code 400.002.02 "Bad
   *     Request - Invalid CommandID"} for Buy Goods on a PayBill
   * @throws DarajaOutcomeUnknownException if it may have been accepted but the answer was lost: the
   *     sandbox payment may have happened
   */
  public C2bSimulateResponse simulate(C2bSimulateRequest request) {
    return simulate(request, RequestOptions.DEFAULT);
  }

  /**
   * {@link #simulate(C2bSimulateRequest)} with per-call options (e.g. a timeout). A call that runs
   * out of time after it may have been sent ends in {@link DarajaOutcomeUnknownException}.
   */
  public C2bSimulateResponse simulate(C2bSimulateRequest request, RequestOptions options) {
    return context.send(() -> simulateCall(request), options, DarajaAnswers::readC2bSimulate);
  }

  /**
   * {@link #simulate(C2bSimulateRequest)} without blocking: no thread waits while it is in flight.
   * It fails as {@code join()} and dependent stages see it: a {@link
   * java.util.concurrent.CompletionException} (from {@code get()}, an {@code ExecutionException})
   * whose cause is the {@link DarajaException}; {@link DarajaException#unwrap} finds it. Cancelling
   * the future aborts the exchange and fails it the same way, never with a bare {@code
   * CancellationException}; for a time limit use {@link RequestOptions.Builder#timeout}.
   */
  public CompletableFuture<C2bSimulateResponse> simulateAsync(C2bSimulateRequest request) {
    return simulateAsync(request, RequestOptions.DEFAULT);
  }

  /** {@link #simulateAsync(C2bSimulateRequest)} with per-call options (e.g. a timeout). */
  public CompletableFuture<C2bSimulateResponse> simulateAsync(
      C2bSimulateRequest request, RequestOptions options) {
    return context.sendAsync(() -> simulateCall(request), options, DarajaAnswers::readC2bSimulate);
  }

  private Transport.Call registerUrlsCall(C2bRegisterRequest request) {
    String shortCode = context.shortCode(request.shortCode(), "shortCode");
    boolean production = context.environment().isProduction();
    Check.callbackUrl("confirmationUrl", request.confirmationUrl().toString(), production);
    if (request.validationUrl() != null) {
      Check.callbackUrl("validationUrl", request.validationUrl().toString(), production);
    }
    ObjectNode body = Json.object();
    body.put("ShortCode", shortCode)
        .put("ResponseType", request.responseType().wireName())
        .put("ConfirmationURL", request.confirmationUrl().toString());
    if (request.validationUrl() != null) {
      body.put("ValidationURL", request.validationUrl().toString());
    }
    return new Transport.Call(
        "c2b.register",
        "/mpesa/c2b/v" + request.version() + "/registerurl",
        Transport.Kind.REGISTRATION,
        body,
        Map.of("shortCode", shortCode));
  }

  private Transport.Call simulateCall(C2bSimulateRequest request) {
    if (context.environment().isProduction()) {
      throw new DarajaValidationException(
          "environment",
          "C2B simulate exists only in the sandbox; in production a customer pays from their"
              + " phone (or use STK push to prompt them)");
    }
    String shortCode = context.shortCode(request.shortCode(), "shortCode");
    ObjectNode body = Json.object();
    body.put("ShortCode", shortCode)
        .put("CommandID", request.command().wireName())
        .put("Amount", request.amount())
        .put("Msisdn", request.phone().value());
    if (request.billRefNumber() != null) {
      body.put("BillRefNumber", request.billRefNumber());
    }
    Map<String, String> identifiers = new LinkedHashMap<>();
    identifiers.put("shortCode", shortCode);
    identifiers.put("phone", request.phone().masked());
    identifiers.put("amount", Long.toString(request.amount()));
    if (request.billRefNumber() != null) {
      identifiers.put("billRefNumber", request.billRefNumber());
    }
    return new Transport.Call(
        "c2b.simulate",
        "/mpesa/c2b/v" + request.version() + "/simulate",
        Transport.Kind.MONEY,
        body,
        identifiers);
  }
}
