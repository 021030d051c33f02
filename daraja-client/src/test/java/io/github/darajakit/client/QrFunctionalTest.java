package io.github.darajakit.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import io.github.darajakit.client.qr.QrRequest;
import io.github.darajakit.client.qr.QrResponse;
import io.github.darajakit.client.qr.QrTransactionCode;
import io.github.darajakit.client.support.EmulatorAdmin;
import io.github.darajakit.client.support.TestClients;
import io.github.darajakit.emulator.DarajaEmulator;
import io.github.darajakit.emulator.DarajaEmulatorExtension;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Dynamic QR against the emulator: the PNG is real and scannable. */
@ExtendWith(DarajaEmulatorExtension.class)
class QrFunctionalTest {

  private static DarajaClient client(DarajaEmulator emulator) {
    return TestClients.builder(emulator).sleeper(delay -> {}).build();
  }

  private static QrRequest.Builder request() {
    return QrRequest.builder()
        .merchantName("TEST SUPERMARKET")
        .refNo("Invoice Test")
        .amount(1)
        .trxCode(QrTransactionCode.BUY_GOODS)
        .cpi("373132");
  }

  private static BufferedImage image(QrResponse response) throws Exception {
    return ImageIO.read(new ByteArrayInputStream(response.png()));
  }

  private static String scan(BufferedImage image) throws Exception {
    int width = image.getWidth();
    int height = image.getHeight();
    int[] pixels = image.getRGB(0, 0, width, height, null, 0, width);
    return new QRCodeReader()
        .decode(
            new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(width, height, pixels))))
        .getText();
  }

  @Test
  void generatedCodeIsAScannablePngOfTheRequestedSize(DarajaEmulator emulator) throws Exception {
    EmulatorAdmin admin = new EmulatorAdmin(emulator);
    try (DarajaClient client = client(emulator)) {
      QrResponse response = client.qr().generate(request().build());

      assertThat(response.responseCode()).isEqualTo("00");
      assertThat(response.description()).isEqualTo("QR Code Successfully Generated.");
      assertThat(response.requestId()).isNotBlank();
      assertThat(response.qrCodeBase64()).startsWith("iVBORw0KGgo");
      assertThat(response.rawJson()).contains(response.qrCodeBase64());
      BufferedImage image = image(response);
      assertThat(image.getWidth()).isEqualTo(300);
      assertThat(image.getHeight()).isEqualTo(300);
      assertThat(scan(image))
          .isEqualTo(
              "TrxCode=BG;CPI=373132;Amount=1;RefNo=Invoice Test;MerchantName=TEST SUPERMARKET");
      assertThat(admin.count("qr_generate")).isEqualTo(1);
    }
  }

  @Test
  void sendMoneyCodeCarriesTheNormalisedPhoneAndTheSize(DarajaEmulator emulator) throws Exception {
    try (DarajaClient client = client(emulator)) {
      QrResponse response =
          client
              .qr()
              .generateAsync(
                  request()
                      .trxCode(QrTransactionCode.SEND_MONEY)
                      .cpi("0708 374 149")
                      .amount(2500)
                      .size(500)
                      .build())
              .join();

      BufferedImage image = image(response);
      assertThat(image.getWidth()).isEqualTo(500);
      assertThat(scan(image)).startsWith("TrxCode=SM;CPI=254708374149;Amount=2500;");
    }
  }

  @Test
  void generationIsRetriedAfterAServerError(DarajaEmulator emulator) {
    EmulatorAdmin admin = new EmulatorAdmin(emulator);
    admin.faults("{\"errors\":[{\"endpoint\":\"qr_generate\",\"mode\":\"reject\",\"count\":1}]}");
    try (DarajaClient client = client(emulator)) {
      assertThat(client.qr().generate(request().build()).responseCode()).isEqualTo("00");
      assertThat(admin.count("qr_generate")).isEqualTo(2);
    }
  }

  @Test
  void darajasRefusalIsAnApiErrorWithItsCode(DarajaEmulator emulator) {
    EmulatorAdmin admin = new EmulatorAdmin(emulator);
    admin.faults(
        "{\"errors\":[{\"endpoint\":\"qr_generate\",\"mode\":\"reject\",\"count\":1,"
            + "\"errorCode\":\"400.002.05\",\"errorMessage\":\"Invalid Request Payload\"}]}");
    try (DarajaClient client = client(emulator)) {
      assertThatThrownBy(() -> client.qr().generate(request().build()))
          .isInstanceOfSatisfying(
              DarajaApiException.class,
              e -> {
                assertThat(e.httpStatus()).isEqualTo(400);
                assertThat(e.errorCode()).isEqualTo("400.002.05");
                assertThat(e.errorMessage()).isEqualTo("Invalid Request Payload");
              });
      assertThat(admin.count("qr_generate")).isEqualTo(1);
    }
  }
}
