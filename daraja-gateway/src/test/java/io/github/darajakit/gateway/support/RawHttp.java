package io.github.darajakit.gateway.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, byte for byte as given: the JDK's HttpClient refuses to send a NUL
 * in a path, a bad percent-escape or a control character in a header, which is exactly what a fuzz
 * test needs to send. One request per connection ({@code Connection: close}).
 */
public final class RawHttp {

  /**
   * An answer.
   *
   * @param status the status code, or -1 when the server closed without answering
   * @param headers header names in lower case; the last value of a repeated header
   * @param body the body as sent (nothing for HEAD; only the first bytes of an event stream)
   */
  public record Answer(int status, Map<String, String> headers, byte[] body) {
    public String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }

    public String bodyText() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  private final String host;
  private final int port;

  public RawHttp(String host, int port) {
    this.host = host;
    this.port = port;
  }

  /**
   * Sends {@code head} (request line and headers, each line ended by CRLF, without the blank line)
   * and {@code body}; adds {@code Host}, {@code Connection: close} and a {@code Content-Length}
   * when a body is given.
   */
  public Answer send(String method, byte[] head, byte[] body) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), 5_000);
      socket.setSoTimeout(20_000);
      OutputStream out = socket.getOutputStream();
      ByteArrayOutputStream request = new ByteArrayOutputStream();
      request.writeBytes(head);
      request.writeBytes(
          ("Host: " + host + ":" + port + "\r\nConnection: close\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      if (body != null) {
        request.writeBytes(
            ("Content-Length: " + body.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
      }
      request.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
      if (body != null) {
        request.writeBytes(body);
      }
      try {
        out.write(request.toByteArray());
        out.flush();
      } catch (IOException e) {
        // The server may refuse and close before reading everything: its answer is still there.
      }
      return read(socket.getInputStream(), method.equals("HEAD"));
    } catch (IOException e) {
      throw new UncheckedIOException(method + " failed: " + e.getMessage(), e);
    }
  }

  private static Answer read(InputStream in, boolean head) throws IOException {
    ByteArrayOutputStream headBytes = new ByteArrayOutputStream();
    int matched = 0;
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        return new Answer(-1, Map.of(), headBytes.toByteArray());
      }
      headBytes.write(b);
      matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    String[] lines = headBytes.toString(StandardCharsets.ISO_8859_1).split("\r\n");
    int status = Integer.parseInt(lines[0].split(" ")[1]);
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0) {
        headers.put(
            lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
            lines[i].substring(colon + 1).trim());
      }
    }
    if (head || status == 204 || status == 304) {
      return new Answer(status, headers, new byte[0]);
    }
    String type = headers.getOrDefault("content-type", "");
    if (type.startsWith("text/event-stream")) {
      // Never ends by itself: the first bytes show it opened, and closing the socket ends it.
      byte[] first = new byte[64];
      int n = in.read(first);
      return new Answer(status, headers, java.util.Arrays.copyOf(first, Math.max(n, 0)));
    }
    if (headers.containsKey("content-length")) {
      return new Answer(
          status, headers, in.readNBytes(Integer.parseInt(headers.get("content-length"))));
    }
    if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      return new Answer(status, headers, chunks(in));
    }
    try {
      return new Answer(status, headers, in.readAllBytes());
    } catch (SocketTimeoutException e) {
      return new Answer(status, headers, new byte[0]);
    }
  }

  private static byte[] chunks(InputStream in) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    while (true) {
      StringBuilder size = new StringBuilder();
      int b;
      while ((b = in.read()) >= 0 && b != '\n') {
        if (b != '\r') {
          size.append((char) b);
        }
      }
      int length = Integer.parseInt(size.toString().split(";")[0].trim(), 16);
      if (length == 0) {
        return body.toByteArray();
      }
      body.writeBytes(in.readNBytes(length));
      in.readNBytes(2);
    }
  }
}
