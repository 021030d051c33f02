package io.github.darajakit.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.darajakit.client.internal.Json;
import io.github.darajakit.client.qr.QrResponse;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Dynamic QR answers, parsed without I/O. */
class QrParsingTest {

  private static final byte[] PNG_START = {
    (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13
  };

  private static QrResponse parse(String raw) throws Exception {
    return QrService.parse(Json.parse(raw), raw);
  }

  @Test
  void aPngAnswerIsDecoded() throws Exception {
    String base64 = Base64.getEncoder().encodeToString(PNG_START);
    QrResponse response =
        parse(
            "{\"ResponseCode\":\"00\",\"RequestID\":\"16738-27456357-1\","
                + "\"ResponseDescription\":\"QR Code Successfully Generated.\",\"QRCode\":\""
                + base64
                + "\"}");
    assertThat(response.responseCode()).isEqualTo("00");
    assertThat(response.requestId()).isEqualTo("16738-27456357-1");
    assertThat(response.description()).isEqualTo("QR Code Successfully Generated.");
    assertThat(response.png()).isEqualTo(PNG_START);
    // Each call decodes afresh: changing one copy cannot change the response.
    response.png()[0] = 0;
    assertThat(response.png()[0]).isEqualTo((byte) 0x89);
  }

  @Test
  void thePortalsAgIdAsResponseCodeIsKept() throws Exception {
    String base64 = Base64.getEncoder().encodeToString(PNG_START);
    QrResponse response =
        parse(
            "{\"ResponseCode\":\"AG_20191219_000043fdf61864fe9ff5\",\"QRCode\":\""
                + base64
                + "\"}");
    assertThat(response.responseCode()).isEqualTo("AG_20191219_000043fdf61864fe9ff5");
  }

  @Test
  void anAnswerWithoutAPngIsAnApiError() {
    String jpeg = Base64.getEncoder().encodeToString(new byte[] {(byte) 0xFF, (byte) 0xD8, 1, 2});
    assertThatThrownBy(
            () ->
                parse("{\"ResponseCode\":\"00\",\"RequestID\":\"r1\",\"QRCode\":\"" + jpeg + "\"}"))
        .isInstanceOfSatisfying(
            DarajaApiException.class,
            e -> {
              assertThat(e.httpStatus()).isEqualTo(200);
              assertThat(e.errorCode()).isEqualTo("00");
              assertThat(e.requestId()).isEqualTo("r1");
              assertThat(e.errorMessage()).contains("not a Base64 PNG image");
            });
    assertThatThrownBy(() -> parse("{\"ResponseCode\":\"00\",\"ResponseDescription\":\"x\"}"))
        .isInstanceOfSatisfying(
            DarajaApiException.class,
            e -> assertThat(e.errorMessage()).isEqualTo("the answer's QRCode is missing (x)"));
  }
}
