package io.github.darajakit.emulator.qr;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import io.github.darajakit.emulator.support.DarajaHttp;
import io.github.darajakit.emulator.support.DarajaHttp.Reply;
import io.github.darajakit.emulator.support.EmulatorHarness;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Base64;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Dynamic QR (REFERENCE §12): a real, scannable PNG carrying the request. */
class DynamicQrTest {

  private static final String GENERATE = "/mpesa/qrcode/v1/generate";

  @RegisterExtension static EmulatorHarness h = new EmulatorHarness();

  @Test
  void generatedCodeHasTheDocumentedShapeAndAPngImage() {
    Reply reply = h.daraja().post(GENERATE, qrRequest("BG", "373132", "300"));

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.text("ResponseCode")).isEqualTo("00");
    assertThat(reply.text("RequestID")).isNotBlank();
    assertThat(reply.text("ResponseDescription")).isEqualTo("QR Code Successfully Generated.");
    assertThat(reply.text("QRCode")).startsWith("iVBORw0KGgo");
  }

  @Test
  void decodedCodeCarriesEveryRequestField() throws Exception {
    Reply reply = h.daraja().post(GENERATE, qrRequest("BG", "373132", "300"));

    BufferedImage image = png(reply);
    String text = decode(image);

    assertThat(text)
        .contains("BG")
        .contains("373132")
        .contains("Amount=1")
        .contains("Invoice Test")
        .contains("TEST SUPERMARKET");
    assertThat(image.getWidth()).isEqualTo(300);
    assertThat(image.getHeight()).isEqualTo(300);
  }

  @ParameterizedTest(name = "TrxCode {0}")
  @ValueSource(strings = {"BG", "WA", "PB", "SM", "SB"})
  void everyDocumentedTransactionCodeIsEncoded(String trxCode) throws Exception {
    String cpi = trxCode.equals("SM") ? "254708374149" : "174379";
    ObjectNode body = qrRequest(trxCode, cpi, "250");
    body.put("Amount", 2500).put("RefNo", "ACC-" + trxCode);

    Reply reply = h.daraja().post(GENERATE, body);

    assertThat(reply.status()).isEqualTo(200);
    String text = decode(png(reply));
    assertThat(text)
        .contains("TrxCode=" + trxCode)
        .contains("CPI=" + cpi)
        .contains("Amount=2500")
        .contains("RefNo=ACC-" + trxCode)
        .contains("MerchantName=TEST SUPERMARKET");
  }

  @ParameterizedTest(name = "Size {0}")
  @ValueSource(ints = {100, 512, 1000})
  void imageIsAsWideAsTheRequestedSize(int size) throws Exception {
    Reply reply = h.daraja().post(GENERATE, qrRequest("PB", "174379", String.valueOf(size)));

    BufferedImage image = png(reply);

    assertThat(image.getWidth()).isEqualTo(size);
    assertThat(image.getHeight()).isEqualTo(size);
    assertThat(decode(image)).contains("174379");
  }

  @Test
  void sizeAndAmountMayBeJsonNumbers() throws Exception {
    ObjectNode body = qrRequest("BG", "373132", "300");
    body.put("Size", 200).put("Amount", 15);

    Reply reply = h.daraja().post(GENERATE, body);

    BufferedImage image = png(reply);
    assertThat(image.getWidth()).isEqualTo(200);
    assertThat(decode(image)).contains("Amount=15");
  }

  @Test
  void nonAsciiMerchantNameSurvivesTheRoundTrip() throws Exception {
    ObjectNode body = qrRequest("BG", "373132", "300");
    body.put("MerchantName", "MAMA MBOGA – KAHAWA");

    String text = decode(png(h.daraja().post(GENERATE, body)));

    assertThat(text).contains("MAMA MBOGA – KAHAWA");
  }

  static Stream<Arguments> invalidRequests() {
    return Stream.of(
        Arguments.of("MerchantName", null),
        Arguments.of("MerchantName", new TextNode("")),
        Arguments.of("RefNo", null),
        Arguments.of("Amount", null),
        Arguments.of("Amount", IntNode.valueOf(0)),
        Arguments.of("Amount", new TextNode("1.5")),
        Arguments.of("Amount", BooleanNode.TRUE),
        Arguments.of("TrxCode", null),
        Arguments.of("TrxCode", new TextNode("XX")),
        Arguments.of("TrxCode", new TextNode("bg")),
        Arguments.of("CPI", null),
        Arguments.of("Size", null),
        Arguments.of("Size", new TextNode("99")),
        Arguments.of("Size", new TextNode("1001")),
        Arguments.of("Size", new TextNode("0")),
        Arguments.of("Size", new TextNode("300px")),
        Arguments.of("Size", new TextNode("-300")));
  }

  @ParameterizedTest(name = "{0} = {1} → Invalid {0}")
  @MethodSource("invalidRequests")
  void invalidFieldIsRejectedWithoutACode(String field, JsonNode value) {
    ObjectNode body = qrRequest("BG", "373132", "300");
    if (value == null) {
      body.remove(field);
    } else {
      body.set(field, value);
    }

    Reply reply = h.daraja().post(GENERATE, body);

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.text("errorCode")).isEqualTo("400.002.02");
    assertThat(reply.text("errorMessage")).isEqualTo("Bad Request - Invalid " + field);
    assertThat(reply.json().has("QRCode")).isFalse();
  }

  @Test
  void bodyThatIsNotJsonIsAnInvalidPayload() {
    Reply reply =
        h.daraja()
            .post(GENERATE, "MerchantName=x", "Bearer " + h.daraja().token(), "application/json");

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.text("errorCode")).isEqualTo("400.002.05");
    assertThat(reply.text("errorMessage")).isEqualTo("Invalid Request Payload");
  }

  @Test
  void unknownAccessTokenIsHttp404InvalidAccessToken() {
    Reply reply =
        h.daraja()
            .post(
                GENERATE,
                qrRequest("BG", "373132", "300").toString(),
                "Bearer c9SQxWWhmdVRlyh0zh8gZDTkubVF",
                "application/json");

    assertThat(reply.status()).isEqualTo(404);
    assertThat(reply.text("errorCode")).isEqualTo("404.001.03");
    assertThat(reply.text("errorMessage")).isEqualTo("Invalid Access Token");
    assertThat(reply.json().has("QRCode")).isFalse();
  }

  @Test
  void getIsAnInvalidAuthenticationHeader() {
    Reply reply = h.daraja().request("GET", GENERATE, null, "Bearer " + h.daraja().token());

    assertThat(reply.status()).isEqualTo(404);
    assertThat(reply.text("errorCode")).isEqualTo("404.001.04");
    assertThat(reply.text("errorMessage")).isEqualTo("Invalid Authentication Header");
  }

  private static ObjectNode qrRequest(String trxCode, String cpi, String size) {
    ObjectNode body = DarajaHttp.object();
    body.put("MerchantName", "TEST SUPERMARKET")
        .put("RefNo", "Invoice Test")
        .put("Amount", 1)
        .put("TrxCode", trxCode)
        .put("CPI", cpi)
        .put("Size", size);
    return body;
  }

  private static BufferedImage png(Reply reply) throws Exception {
    assertThat(reply.status()).as("QR answer %s", reply.raw()).isEqualTo(200);
    byte[] bytes = Base64.getDecoder().decode(reply.text("QRCode"));
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
    assertThat(image).as("a PNG ImageIO can read").isNotNull();
    return image;
  }

  private static String decode(BufferedImage image) throws Exception {
    int width = image.getWidth();
    int height = image.getHeight();
    int[] pixels = image.getRGB(0, 0, width, height, null, 0, width);
    BinaryBitmap bitmap =
        new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(width, height, pixels)));
    return new QRCodeReader().decode(bitmap).getText();
  }
}
