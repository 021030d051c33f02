package io.github.darajakit.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.darajakit.gateway.support.GatewayHarness;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An answer the gateway gives before reading the request's body (a key it does not recognise) on a
 * kept-alive connection. If the rest of the body has not arrived, the server must close the
 * connection, and must say so: a client that reused it would otherwise send its next request down a
 * closed connection and get no answer at all ("header parser received no bytes", seen under load).
 * If the whole body has arrived, it is drained, so its bytes are never read as the start of the
 * next request.
 */
class EarlyAnswerTest {

  @RegisterExtension GatewayHarness h = new GatewayHarness();

  private Socket connect() throws IOException {
    URI base = URI.create(h.gateway().baseUrl());
    Socket socket = new Socket();
    socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 5_000);
    socket.setSoTimeout(20_000);
    return socket;
  }

  private static byte[] request(String key, int contentLength) {
    return ("POST /v1/payments HTTP/1.1\r\nHost: gateway\r\nAuthorization: Bearer "
            + key
            + "\r\nContent-Type: application/json\r\nContent-Length: "
            + contentLength
            + "\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII);
  }

  /** Reads one answer's head and its Content-Length body; returns the head, lower-cased. */
  private static String readAnswer(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        return head.toString(StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
      }
      head.write(b);
    }
    String text = head.toString(StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
    int at = text.indexOf("content-length:");
    int length = Integer.parseInt(text.substring(at + 15, text.indexOf("\r\n", at)).trim(), 10);
    in.readNBytes(length);
    return text;
  }

  @Test
  void anAnswerGivenWhileTheBodyIsStillComingSaysTheConnectionCloses() throws IOException {
    try (Socket socket = connect()) {
      OutputStream out = socket.getOutputStream();
      out.write(request("dk_not_ours", 4096));
      out.write("{\"phone\":".getBytes(StandardCharsets.US_ASCII)); // the rest never comes
      out.flush();
      String answer = readAnswer(socket.getInputStream());
      assertThat(answer).startsWith("http/1.1 401");
      assertThat(answer).contains("connection: close");
    }
  }

  @Test
  void aBodyLeftUnreadIsNeverReadAsTheNextRequest() throws IOException {
    byte[] body = "{\"phone\":\"0708374149\",\"amount\":10}".getBytes(StandardCharsets.US_ASCII);
    try (Socket socket = connect()) {
      OutputStream out = socket.getOutputStream();
      InputStream in = socket.getInputStream();
      for (int i = 1; i <= 3; i++) {
        out.write(request("dk_not_ours", body.length));
        out.write(body);
        out.flush();
        String answer = readAnswer(in);
        // Never Jetty's own 400 for a body's bytes taken as a request line.
        assertThat(answer).as("answer %d", i).startsWith("http/1.1 401");
        if (answer.contains("connection: close")) {
          assertThat(in.read()).as("the connection closes, as announced").isEqualTo(-1);
          return;
        }
      }
    }
  }
}
