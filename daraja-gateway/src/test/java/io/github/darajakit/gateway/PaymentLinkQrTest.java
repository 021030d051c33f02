package io.github.darajakit.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import io.github.darajakit.gateway.support.GatewayHarness;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A payment link's QR code, PNG and SVG, read back by a QR decoder: what a phone's camera opens is
 * the link's URL, and nothing else.
 */
class PaymentLinkQrTest {

  @RegisterExtension GatewayHarness h = new GatewayHarness();

  private final HttpClient http = HttpClient.newHttpClient();

  private HttpResponse<byte[]> get(String path, String key) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(h.gateway().baseUrl() + path));
    if (key != null) {
      request.header("Authorization", "Bearer " + key);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static String decode(BufferedImage image) throws Exception {
    int[] pixels =
        image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    return new QRCodeReader()
        .decode(
            new BinaryBitmap(
                new HybridBinarizer(
                    new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels))))
        .getText();
  }

  /** Draws an SVG made of unit squares ("M x y h1v1h-1z") at 8 pixels a module. */
  private static BufferedImage render(String svg) {
    Matcher box = Pattern.compile("viewBox=\"0 0 (\\d+) (\\d+)\"").matcher(svg);
    assertThat(box.find()).as(svg).isTrue();
    int side = Integer.parseInt(box.group(1));
    int scale = 8;
    BufferedImage image = new BufferedImage(side * scale, side * scale, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < side * scale; y++) {
      for (int x = 0; x < side * scale; x++) {
        image.setRGB(x, y, 0xFFFFFF);
      }
    }
    Matcher module = Pattern.compile("M(\\d+) (\\d+)h1v1h-1z").matcher(svg);
    while (module.find()) {
      int mx = Integer.parseInt(module.group(1));
      int my = Integer.parseInt(module.group(2));
      for (int y = 0; y < scale; y++) {
        for (int x = 0; x < scale; x++) {
          image.setRGB(mx * scale + x, my * scale + y, 0);
        }
      }
    }
    return image;
  }

  @Test
  void theQrCodesOfALinkOpenItsUrl() throws Exception {
    var link =
        h.merchant()
            .post(
                "/v1/payment-links",
                "{\"amount\":500,\"reference\":\"LUNCH\",\"description\":\"Lunch\"}");
    String id = link.text("id");
    String url = link.text("url");

    HttpResponse<byte[]> png = get("/v1/payment-links/" + id + "/qr.png", GatewayHarness.API_KEY);
    assertThat(png.statusCode()).isEqualTo(200);
    assertThat(png.headers().firstValue("Content-Type")).hasValue("image/png");
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(png.body()));
    assertThat(decode(image)).isEqualTo(url);

    HttpResponse<byte[]> small =
        get("/v1/payment-links/" + id + "/qr.png?module_pixels=2", GatewayHarness.API_KEY);
    BufferedImage smallImage = ImageIO.read(new ByteArrayInputStream(small.body()));
    assertThat(smallImage.getWidth() * 5).isEqualTo(image.getWidth());
    assertThat(decode(smallImage)).isEqualTo(url);

    HttpResponse<byte[]> svg = get("/v1/payment-links/" + id + "/qr.svg", GatewayHarness.API_KEY);
    assertThat(svg.statusCode()).isEqualTo(200);
    assertThat(svg.headers().firstValue("Content-Type")).hasValue("image/svg+xml");
    assertThat(decode(render(new String(svg.body(), java.nio.charset.StandardCharsets.UTF_8))))
        .isEqualTo(url);
  }

  @Test
  void aBadSizeAnUnknownLinkAndAMissingKeyAreRefused() throws Exception {
    String id =
        h.merchant()
            .post(
                "/v1/payment-links",
                "{\"amount\":500,\"reference\":\"LUNCH\",\"description\":\"Lunch\"}")
            .text("id");
    for (String size : new String[] {"1", "41", "ten", "-3"}) {
      HttpResponse<byte[]> refused =
          get("/v1/payment-links/" + id + "/qr.png?module_pixels=" + size, GatewayHarness.API_KEY);
      assertThat(refused.statusCode()).as(size).isEqualTo(400);
      assertThat(new String(refused.body(), java.nio.charset.StandardCharsets.UTF_8))
          .contains("module_pixels must be a whole number from 2 to 40");
    }
    assertThat(get("/v1/payment-links/plink_nope/qr.svg", GatewayHarness.API_KEY).statusCode())
        .isEqualTo(404);
    assertThat(get("/v1/payment-links/" + id + "/qr.svg", null).statusCode()).isEqualTo(401);
  }
}
