package io.github.darajakit.gateway.checkout;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * A payment link's URL as a QR code a phone's camera opens: a PNG to share or print, and an SVG
 * that stays sharp at any size (a print-ready card). Error correction level M survives a creased or
 * partly covered sticker; the quiet zone is the four modules the standard asks for.
 */
public final class QrCodes {

  /** The pixels of one module in a PNG, from a thumbnail to a poster. */
  public static final int MIN_MODULE_PIXELS = 2;

  public static final int MAX_MODULE_PIXELS = 40;

  private QrCodes() {}

  /**
   * The QR code of {@code text}, one cell per module (true: dark), the quiet zone included: what
   * {@link #png} and {@link #svg} draw, and what {@code daraja links} draws in a terminal.
   */
  public static BitMatrix modules(String text) {
    try {
      // Size 0 asks for the smallest matrix: one cell per module, scaled here, never blurred.
      return new QRCodeWriter()
          .encode(
              text,
              BarcodeFormat.QR_CODE,
              0,
              0,
              Map.of(
                  EncodeHintType.CHARACTER_SET,
                  "UTF-8",
                  EncodeHintType.MARGIN,
                  4,
                  EncodeHintType.ERROR_CORRECTION,
                  ErrorCorrectionLevel.M));
    } catch (WriterException e) {
      // A link's URL, or a Dynamic QR's text, is far below a QR code's capacity (2,331 bytes at
      // level M); this is a bug, not bad input.
      throw new IllegalStateException("cannot encode " + text.length() + " characters", e);
    }
  }

  /** A black-on-white PNG, {@code modulePixels} pixels per module. */
  public static byte[] png(String text, int modulePixels) {
    if (modulePixels < MIN_MODULE_PIXELS || modulePixels > MAX_MODULE_PIXELS) {
      throw new IllegalArgumentException("modulePixels " + modulePixels);
    }
    BitMatrix matrix = modules(text);
    int side = matrix.getWidth() * modulePixels;
    BufferedImage image = new BufferedImage(side, side, BufferedImage.TYPE_BYTE_BINARY);
    for (int y = 0; y < side; y++) {
      for (int x = 0; x < side; x++) {
        boolean dark = matrix.get(x / modulePixels, y / modulePixels);
        image.setRGB(x, y, dark ? 0xFF000000 : 0xFFFFFFFF);
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /**
   * An SVG of one path, a unit square per dark module, on a white square: small, and sharp at any
   * print size. {@code shape-rendering="crispEdges"} keeps neighbouring modules from showing seams.
   */
  public static byte[] svg(String text) {
    BitMatrix matrix = modules(text);
    int side = matrix.getWidth();
    StringBuilder path = new StringBuilder();
    for (int y = 0; y < side; y++) {
      for (int x = 0; x < side; x++) {
        if (matrix.get(x, y)) {
          path.append('M').append(x).append(' ').append(y).append("h1v1h-1z");
        }
      }
    }
    String svg =
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 "
            + side
            + " "
            + side
            + "\" shape-rendering=\"crispEdges\"><rect width=\""
            + side
            + "\" height=\""
            + side
            + "\" fill=\"#fff\"/><path fill=\"#000\" d=\""
            + path
            + "\"/></svg>\n";
    return svg.getBytes(StandardCharsets.UTF_8);
  }
}
