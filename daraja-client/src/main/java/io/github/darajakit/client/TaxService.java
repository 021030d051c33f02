package io.github.darajakit.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.darajakit.client.internal.ClientContext;
import io.github.darajakit.client.internal.Json;
import io.github.darajakit.client.internal.Transport;
import io.github.darajakit.client.tax.TaxRemittanceRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Tax remittance to KRA (REFERENCE §7.3): pay a KRA Payment Registration Number from a shortcode's
 * Working account ({@code /mpesa/b2b/v1/remittax}, {@code CommandID PayTaxToKRA}, PartyB always
 * {@code 572572}). The initiator needs the "Tax Remittance to KRA API" role and the business a
 * prior KRA integration.
 *
 * <pre>{@code
 * try {
 *   InitiatorAcknowledgement ack = daraja.tax().remit(TaxRemittanceRequest.builder()
 *       .prn("2024A0012345X").amount(48_000).remarks("VAT March")
 *       .resultUrl("https://shop.example.com/daraja/tax/result/2024A0012345X")
 *       .queueTimeOutUrl("https://shop.example.com/daraja/tax/timeout/2024A0012345X")
 *       .build());
 * } catch (DarajaOutcomeUnknownException e) {
 *   // Money may have moved: never pay the PRN again on a hunch. Its Result, if any, comes to
 *   // …/tax/result/2024A0012345X; else check the PRN on iTax.
 * }
 * }</pre>
 */
public final class TaxService {

  static final String PATH = "/mpesa/b2b/v1/remittax";

  /** The Kenya Revenue Authority's shortcode: the only PartyB Daraja accepts here. */
  public static final String KRA_SHORTCODE = "572572";

  private final ClientContext context;

  TaxService(ClientContext context) {
    this.context = context;
  }

  /**
   * Pays the PRN.
   *
   * <p><b>Never retried once it may have reached Daraja.</b> On {@link
   * DarajaOutcomeUnknownException}: {@value DarajaOutcomeUnknownException#RECOVERY}
   *
   * <p>Here Daraja assigns the OriginatorConversationID, so your id can only travel in the
   * ResultURL (the PRN makes a good one: {@code …/tax/result/<prn>}). Nothing refuses a repeat, so
   * do not send it again; look it up by the Result at that URL (a failed one is proof) or the PRN's
   * status on iTax ({@code e.identifiers().get("prn")}).
   *
   * @throws DarajaValidationException before sending, e.g. no initiator, an http URL in production
   * @throws DarajaApiException if Daraja refused it, nothing moved
   * @throws DarajaOutcomeUnknownException if it may have been accepted but the answer was lost
   */
  public InitiatorAcknowledgement remit(TaxRemittanceRequest request) {
    return remit(request, RequestOptions.DEFAULT);
  }

  /**
   * {@link #remit(TaxRemittanceRequest)} with per-call options (e.g. a timeout). A call that runs
   * out of time after it may have been sent ends in {@link DarajaOutcomeUnknownException}.
   */
  public InitiatorAcknowledgement remit(TaxRemittanceRequest request, RequestOptions options) {
    return context.send(() -> remitCall(request), options, InitiatorCalls::acknowledgement);
  }

  /**
   * {@link #remit(TaxRemittanceRequest)} without blocking: no thread waits while it is in flight.
   * Just as money-safe: never retried once it may have reached Daraja; the future then completes
   * exceptionally with {@link DarajaOutcomeUnknownException}. It fails as {@code join()} and
   * dependent stages see it: a {@link java.util.concurrent.CompletionException} (from {@code
   * get()}, an {@code ExecutionException}) whose cause is the {@link DarajaException}; {@link
   * DarajaException#unwrap} finds it. Cancelling the future aborts the exchange and fails it the
   * same way, never with a bare {@code CancellationException}; for a time limit use {@link
   * RequestOptions.Builder#timeout}.
   */
  public CompletableFuture<InitiatorAcknowledgement> remitAsync(TaxRemittanceRequest request) {
    return remitAsync(request, RequestOptions.DEFAULT);
  }

  /** {@link #remitAsync(TaxRemittanceRequest)} with per-call options (e.g. a timeout). */
  public CompletableFuture<InitiatorAcknowledgement> remitAsync(
      TaxRemittanceRequest request, RequestOptions options) {
    return context.sendAsync(() -> remitCall(request), options, InitiatorCalls::acknowledgement);
  }

  /** The request, ready to send: exposed to tests, which check the wire without I/O. */
  Transport.Call remitCall(TaxRemittanceRequest request) {
    String partyA = context.shortCode(request.partyA(), "partyA");
    String initiator = context.initiator(null);
    String credential = context.credential();
    String resultUrl = InitiatorCalls.url(context, "resultUrl", request.resultUrl());
    String queueTimeOutUrl =
        InitiatorCalls.url(context, "queueTimeOutUrl", request.queueTimeOutUrl());
    ObjectNode body = Json.object();
    body.put("Initiator", initiator)
        .put("SecurityCredential", credential)
        .put("CommandID", "PayTaxToKRA")
        .put("SenderIdentifierType", IdentifierType.SHORTCODE.code())
        // Sic: Daraja's key is misspelled (REFERENCE §22b).
        .put("RecieverIdentifierType", IdentifierType.SHORTCODE.code())
        .put("Amount", request.amount())
        .put("PartyA", partyA)
        .put("PartyB", KRA_SHORTCODE)
        .put("AccountReference", request.prn())
        .put("Remarks", request.remarks())
        .put("QueueTimeOutURL", queueTimeOutUrl)
        .put("ResultURL", resultUrl);
    Map<String, String> identifiers = new LinkedHashMap<>();
    identifiers.put("partyA", partyA);
    identifiers.put("amount", Long.toString(request.amount()));
    identifiers.put("prn", request.prn());
    return new Transport.Call("tax.remit", PATH, Transport.Kind.MONEY, body, identifiers);
  }
}
