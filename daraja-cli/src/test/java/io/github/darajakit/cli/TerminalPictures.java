package io.github.darajakit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.LuminanceSource;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.image.BufferedImage;
import java.util.List;

/** The half-block QR pictures commands print, read back as a scanner would. */
final class TerminalPictures {

  private TerminalPictures() {}

  /** The text of the QR code in an image, read by zxing alone (not the command's own reader). */
  static String decode(BufferedImage image) throws Exception {
    int width = image.getWidth();
    int height = image.getHeight();
    LuminanceSource source =
        new RGBLuminanceSource(width, height, image.getRGB(0, 0, width, height, null, 0, width));
    return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source))).getText();
  }

  /**
   * The half-block picture in the command's output as an image: each character is one module wide
   * and two high; a glyph's drawn half is a light module, a blank half a dark one.
   */
  static BufferedImage pictureIn(String output) {
    List<String> rows =
        output.lines().filter(line -> !line.isEmpty() && line.matches("[█▀▄ ]+")).toList();
    assertThat(rows).as("picture lines in:\n" + output).isNotEmpty();
    int scale = 4;
    int width = rows.get(0).length();
    BufferedImage image =
        new BufferedImage(width * scale, rows.size() * 2 * scale, BufferedImage.TYPE_INT_RGB);
    for (int line = 0; line < rows.size(); line++) {
      String row = rows.get(line);
      assertThat(row).hasSize(width);
      for (int x = 0; x < width; x++) {
        char c = row.charAt(x);
        boolean upperLight = c == '█' || c == '▀';
        boolean lowerLight = c == '█' || c == '▄';
        fill(image, x, line * 2, upperLight, scale);
        fill(image, x, line * 2 + 1, lowerLight, scale);
      }
    }
    return image;
  }

  private static void fill(
      BufferedImage image, int moduleX, int moduleY, boolean light, int scale) {
    int rgb = light ? 0xFFFFFF : 0x000000;
    for (int dy = 0; dy < scale; dy++) {
      for (int dx = 0; dx < scale; dx++) {
        image.setRGB(moduleX * scale + dx, moduleY * scale + dy, rgb);
      }
    }
  }
}
