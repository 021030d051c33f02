package io.github.darajakit.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.darajakit.client.internal.ClientContext;
import io.github.darajakit.client.internal.Json;
import io.github.darajakit.client.internal.Transport;
import io.github.darajakit.client.qr.QrRequest;
import io.github.darajakit.client.qr.QrResponse;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Dynamic QR (REFERENCE §12): a PNG QR code a customer scans to pay a till, PayBill, agent,
 * business or phone. Synchronous: no callback.
 *
 * <pre>{@code
 * QrResponse qr = daraja.qr().generate(QrRequest.builder()
 *     .merchantName("TEST SUPERMARKET").refNo("Invoice Test").amount(1)
 *     .trxCode(QrTransactionCode.BUY_GOODS).cpi("373132")
 *     .build());
 * Files.write(Path.of("pay.png"), qr.png());
 * }</pre>
 *
 * <p>Generating moves no money, so it is retried like a query.
 */
public final class QrService {

  private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  private final ClientContext context;

  QrService(ClientContext context) {
    this.context = context;
  }

  /**
   * Generates the code.
   *
   * @throws DarajaApiException if Daraja refused the request, or answered without a PNG image
   */
  public QrResponse generate(QrRequest request) {
    return context.send(() -> generateCall(request), RequestOptions.DEFAULT, QrService::read);
  }

  private Transport.Call generateCall(QrRequest request) {
    ObjectNode body = Json.object();
    body.put("MerchantName", request.merchantName())
        .put("RefNo", request.refNo())
        .put("Amount", request.amount())
        .put("TrxCode", request.trxCode().wireCode())
        .put("CPI", request.cpi())
        .put("Size", Integer.toString(request.size()));
    return new Transport.Call(
        "qr.generate",
        "/mpesa/qrcode/v1/generate",
        Transport.Kind.QUERY,
        body,
        Map.of("refNo", request.refNo()));
  }

  private static QrResponse read(Transport.Answer answer) {
    return parse(answer.json(), answer.raw());
  }

  /**
   * {@link #generate} without blocking: no thread waits while it is in flight. It fails as {@code
   * join()} and dependent stages see it: a {@link java.util.concurrent.CompletionException} (from
   * {@code get()}, an {@code ExecutionException}) whose cause is the {@link DarajaException};
   * {@link DarajaException#unwrap} finds it.
   */
  public CompletableFuture<QrResponse> generateAsync(QrRequest request) {
    return context.sendAsync(() -> generateCall(request), RequestOptions.DEFAULT, QrService::read);
  }

  static QrResponse parse(JsonNode json, String raw) {
    String code = json.path("ResponseCode").asText("");
    String requestId = json.path("RequestID").asText("");
    String description = json.path("ResponseDescription").asText("");
    String image = json.path("QRCode").asText("");
    if (!isPng(image)) {
      throw new DarajaApiException(
          200,
          code,
          "the answer's QRCode is "
              + (image.isEmpty() ? "missing" : "not a Base64 PNG image")
              + (description.isEmpty() ? "" : " (" + description + ")"),
          requestId,
          raw);
    }
    return new QrResponse(code, requestId, description, image, raw);
  }

  private static boolean isPng(String base64) {
    if (base64.isEmpty()) {
      return false;
    }
    byte[] bytes;
    try {
      bytes = Base64.getMimeDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      return false;
    }
    return bytes.length > PNG_SIGNATURE.length
        && Arrays.equals(bytes, 0, PNG_SIGNATURE.length, PNG_SIGNATURE, 0, PNG_SIGNATURE.length);
  }
}
