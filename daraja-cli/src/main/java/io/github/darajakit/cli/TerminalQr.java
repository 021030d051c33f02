package io.github.darajakit.cli;

import com.google.zxing.common.BitMatrix;
import io.github.darajakit.gateway.checkout.QrCodes;

/**
 * A QR code drawn in a terminal with Unicode half blocks, for {@code daraja qr} and {@code daraja
 * links}. The code itself is the gateway's ({@link QrCodes#modules}: error correction level M, a
 * four-module quiet zone), so a terminal picture and a link's PNG or SVG are the same code.
 */
final class TerminalQr {

  private TerminalQr() {}

  /**
   * The QR code of {@code text}, two module rows per line, one character per module column, quiet
   * zone included.
   *
   * <p>The glyphs draw the <em>light</em> modules and the quiet zone; dark modules are left as
   * spaces, the terminal's background. On the usual dark-background terminal that gives the dark on
   * light code every scanner reads; on a light-background terminal it shows inverted, which the
   * M-Pesa app and most phone cameras still read.
   */
  static String picture(String text) {
    BitMatrix matrix = QrCodes.modules(text);
    StringBuilder picture = new StringBuilder();
    for (int y = 0; y < matrix.getHeight(); y += 2) {
      for (int x = 0; x < matrix.getWidth(); x++) {
        boolean upperLight = !matrix.get(x, y);
        // A last odd row is paired with a light one: more quiet zone.
        boolean lowerLight = y + 1 >= matrix.getHeight() || !matrix.get(x, y + 1);
        picture.append(upperLight ? (lowerLight ? '█' : '▀') : (lowerLight ? '▄' : ' '));
      }
      picture.append('\n');
    }
    return picture.toString();
  }
}
