package io.github.darajakit.client.qr;

import java.util.Base64;

/**
 * A generated QR code (REFERENCE §12). The image is a PNG, checked when the answer arrived.
 *
 * @param responseCode Daraja's {@code ResponseCode}, {@code "00"} on success (the portal's sample
 *     shows an {@code AG_…} id here instead)
 * @param requestId Daraja's {@code RequestID}
 * @param description e.g. {@code QR Code Successfully Generated.}
 * @param qrCodeBase64 the {@code QRCode} field: the PNG, Base64-encoded
 * @param rawJson the answer as received, for audit
 */
public record QrResponse(
    String responseCode,
    String requestId,
    String description,
    String qrCodeBase64,
    String rawJson) {

  /** The PNG image, decoded afresh on each call (the response itself stays immutable). */
  public byte[] png() {
    return Base64.getMimeDecoder().decode(qrCodeBase64);
  }
}
