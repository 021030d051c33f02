package io.github.darajakit.emulator.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.darajakit.emulator.support.DarajaHttp;
import io.github.darajakit.emulator.support.EmulatorHarness;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Broken HTTP straight on the socket: whatever Jetty's parser refuses still gets a Daraja envelope
 * (never an HTML error page), and the emulator keeps serving.
 */
class MalformedHttpTest {

  @RegisterExtension static EmulatorHarness h = new EmulatorHarness();

  private static final Pattern STATUS_LINE = Pattern.compile("HTTP/1\\.[01] (\\d{3}) .*");
  private static final Pattern CONTENT_LENGTH =
      Pattern.compile("(?im)^content-length:\\s*(\\d+)\\s*$");

  /** What came back on the socket: nothing, or a status and a body. */
  record RawAnswer(String head, String body) {
    boolean none() {
      return head.isEmpty();
    }

    int status() {
      Matcher m = STATUS_LINE.matcher(head.lines().findFirst().orElse(""));
      return m.matches() ? Integer.parseInt(m.group(1)) : -1;
    }
  }

  static Stream<Arguments> malformedRequests() {
    String stk = "/mpesa/stkpush/v1/processrequest";
    return Stream.of(
        Arguments.of("garbage request line", "GARBAGE\r\n\r\n", true),
        Arguments.of("method only", "GET\r\n\r\n", true),
        Arguments.of("control bytes", "\u0000\u0001\u0002\u0003\r\n\r\n", true),
        Arguments.of("binary", "\u00ff\u00fe\u00fd GET / HTTP/1.1\r\n\r\n", true),
        Arguments.of("unknown HTTP version", "GET / HTTP/9.9\r\nHost: x\r\n\r\n", true),
        Arguments.of("bad percent-encoding", "GET /%zz%G1 HTTP/1.1\r\nHost: x\r\n\r\n", true),
        Arguments.of("space in path", "GET /a b/c HTTP/1.1\r\nHost: x\r\n\r\n", true),
        Arguments.of("header without colon", "GET / HTTP/1.1\r\nHost: x\r\nNoColon\r\n\r\n", true),
        Arguments.of(
            "oversized header",
            "GET /__admin/health HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(20_000) + "\r\n\r\n",
            false),
        Arguments.of(
            "many headers",
            "GET /__admin/health HTTP/1.1\r\nHost: x\r\n" + "X-H: v\r\n".repeat(5_000) + "\r\n",
            false),
        Arguments.of(
            "oversized URI", "GET /" + "u".repeat(100_000) + " HTTP/1.1\r\nHost: x\r\n\r\n", false),
        Arguments.of(
            "non-numeric Content-Length",
            "POST " + stk + " HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n{}",
            true),
        Arguments.of(
            "negative Content-Length",
            "POST " + stk + " HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n{}",
            true),
        Arguments.of(
            "two different Content-Lengths",
            "POST "
                + stk
                + " HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 9\r\n\r\n{}",
            true),
        Arguments.of(
            "broken chunked body",
            "POST "
                + stk
                + " HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n"
                + "Content-Type: application/json\r\n\r\nZZZ\r\n{}\r\n0\r\n\r\n",
            true),
        Arguments.of(
            "unknown transfer encoding",
            "POST " + stk + " HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip, foo\r\n\r\n{}",
            true),
        Arguments.of("HTTP/1.1 without Host", "GET /__admin/health HTTP/1.1\r\n\r\n", true),
        Arguments.of("lone LF line endings", "GET /nothing HTTP/1.1\nHost: x\n\n", true));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformedRequests")
  void malformedRequestNeverGetsAnHtmlPageAndTheServerKeepsServing(
      String name, String request, boolean answerExpected) throws IOException {
    RawAnswer answer = exchange(request.getBytes(StandardCharsets.ISO_8859_1), false);

    assertNotAnHtmlPageOrStackTrace(answer);
    if (answerExpected) {
      assertThat(answer.none()).as("an answer to a small request").isFalse();
    }
    if (!answer.none()) {
      assertThat(answer.status()).as(answer.head()).isBetween(400, 499);
      JsonNode json = DarajaHttp.JSON.readTree(answer.body());
      assertThat(json.path("errorCode").asText()).as(answer.body()).matches("4\\d\\d(\\.\\d+)+");
      assertThat(answer.head().toLowerCase(Locale.ROOT)).contains("application/json");
    }
    assertThat(h.daraja().adminGet("health").path("status").asText()).isEqualTo("UP");
  }

  @Test
  void bodyCutShortByTheClientIsNotAnInternalServerError() throws IOException {
    String request =
        "POST /mpesa/stkpush/v1/processrequest HTTP/1.1\r\nHost: x\r\n"
            + "Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"Business";

    RawAnswer answer = exchange(request.getBytes(StandardCharsets.ISO_8859_1), true);

    assertNotAnHtmlPageOrStackTrace(answer);
    assertThat(answer.status()).as(answer.head()).isEqualTo(400);
    assertThat(DarajaHttp.JSON.readTree(answer.body()).path("errorCode").asText())
        .isEqualTo("400.002.05");
    assertThat(h.daraja().adminGet("health").path("status").asText()).isEqualTo("UP");
  }

  @Test
  void adminBodyCutShortByTheClientIsABadRequest() throws IOException {
    String request =
        "POST /__admin/customers HTTP/1.1\r\nHost: x\r\n"
            + "Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"msisdn";

    RawAnswer answer = exchange(request.getBytes(StandardCharsets.ISO_8859_1), true);

    assertNotAnHtmlPageOrStackTrace(answer);
    assertThat(answer.status()).as(answer.head()).isEqualTo(400);
    assertThat(DarajaHttp.JSON.readTree(answer.body()).path("error").asText()).isNotBlank();
  }

  @Test
  void wellFormedRawRequestIsAnsweredNormallySoTheRawClientIsTrustworthy() throws IOException {
    RawAnswer answer =
        exchange(
            "GET /nothing HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1),
            false);

    assertThat(answer.status()).isEqualTo(404);
    assertThat(DarajaHttp.JSON.readTree(answer.body()).path("errorCode").asText())
        .isEqualTo("404.001.01");
  }

  private static void assertNotAnHtmlPageOrStackTrace(RawAnswer answer) {
    String all = (answer.head() + "\r\n\r\n" + answer.body()).toLowerCase(Locale.ROOT);
    assertThat(all).doesNotContain("<html").doesNotContain("<!doctype").doesNotContain("text/html");
    assertThat(all).doesNotContain("exception").doesNotContain("\tat ");
  }

  /** Writes raw bytes and reads one response (head and Content-Length body), if any. */
  private static RawAnswer exchange(byte[] request, boolean closeOutput) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", h.emulator().port())) {
      socket.setSoTimeout(5_000);
      OutputStream out = socket.getOutputStream();
      try {
        out.write(request);
        out.flush();
        if (closeOutput) {
          socket.shutdownOutput();
        }
      } catch (IOException e) {
        // The server may refuse before reading everything; its answer may still be readable.
      }
      return read(socket.getInputStream());
    }
  }

  private static RawAnswer read(InputStream in) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    String head = null;
    int bodyLength = -1;
    try {
      int b;
      while ((b = in.read()) >= 0) {
        bytes.write(b);
        String text = bytes.toString(StandardCharsets.UTF_8);
        if (head == null && text.endsWith("\r\n\r\n")) {
          head = text.substring(0, text.length() - 4);
          Matcher m = CONTENT_LENGTH.matcher(head);
          bodyLength = m.find() ? Integer.parseInt(m.group(1)) : 0;
          bytes.reset();
        }
        if (head != null && bytes.size() >= bodyLength) {
          break;
        }
      }
    } catch (SocketTimeoutException | java.net.SocketException e) {
      // No (more) answer.
    }
    if (head == null) {
      return new RawAnswer("", "");
    }
    return new RawAnswer(head, bytes.toString(StandardCharsets.UTF_8));
  }
}
