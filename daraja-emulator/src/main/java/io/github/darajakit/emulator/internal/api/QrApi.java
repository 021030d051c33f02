package io.github.darajakit.emulator.internal.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import io.github.darajakit.emulator.internal.Mpesa;
import io.github.darajakit.emulator.internal.http.ApiCall;
import io.github.darajakit.emulator.internal.http.ApiResponse;
import io.github.darajakit.emulator.internal.http.DarajaError;
import io.github.darajakit.emulator.internal.http.Fields;
import io.github.darajakit.emulator.internal.http.Json;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Dynamic QR (REFERENCE §12): a real, scannable PNG QR code, Base64-encoded. Safaricom does not
 * document the payload inside its codes, so the emulator encodes the request fields in a small
 * key=value format described in {@code docs/emulator.md}.
 */
public final class QrApi {

  private static final int MIN_SIZE = 100;
  private static final int MAX_SIZE = 1000;

  private final Mpesa mpesa;

  public QrApi(Mpesa mpesa) {
    this.mpesa = mpesa;
  }

  /** {@code POST /mpesa/qrcode/v1/generate}. */
  public ApiResponse generate(ApiCall call) {
    Fields f = call.fields();
    String merchantName = f.text("MerchantName", 100);
    String refNo = f.text("RefNo", 100);
    long amount = f.wholeAmount("Amount", 1);
    String trxCode = f.oneOf("TrxCode", "BG", "WA", "PB", "SM", "SB");
    String cpi = f.text("CPI", 32);
    String sizeText = f.digits("Size", 1, 4);
    int size = Integer.parseInt(sizeText);
    if (size < MIN_SIZE || size > MAX_SIZE) {
      throw DarajaError.invalidField("Size");
    }
    String payload =
        "TrxCode="
            + trxCode
            + ";CPI="
            + cpi
            + ";Amount="
            + amount
            + ";RefNo="
            + refNo
            + ";MerchantName="
            + merchantName;
    ObjectNode answer = Json.object();
    answer
        .put("ResponseCode", "00")
        .put("RequestID", mpesa.ids().originatorConversationId())
        .put("ResponseDescription", "QR Code Successfully Generated.")
        .put("QRCode", Base64.getEncoder().encodeToString(png(payload, size)));
    return ApiResponse.ok(answer);
  }

  static byte[] png(String payload, int size) {
    try {
      BitMatrix matrix =
          new QRCodeWriter()
              .encode(
                  payload,
                  BarcodeFormat.QR_CODE,
                  size,
                  size,
                  Map.of(
                      EncodeHintType.CHARACTER_SET,
                      "UTF-8",
                      EncodeHintType.MARGIN,
                      2,
                      EncodeHintType.ERROR_CORRECTION,
                      ErrorCorrectionLevel.M));
      BufferedImage image =
          new BufferedImage(matrix.getWidth(), matrix.getHeight(), BufferedImage.TYPE_BYTE_BINARY);
      for (int y = 0; y < matrix.getHeight(); y++) {
        for (int x = 0; x < matrix.getWidth(); x++) {
          image.setRGB(x, y, matrix.get(x, y) ? 0xFF000000 : 0xFFFFFFFF);
        }
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ImageIO.write(image, "png", out);
      return out.toByteArray();
    } catch (WriterException e) {
      // Too much data for a QR code at this size.
      throw DarajaError.invalidField("RefNo");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
