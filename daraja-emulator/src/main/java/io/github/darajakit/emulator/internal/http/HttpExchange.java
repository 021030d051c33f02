package io.github.darajakit.emulator.internal.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Promise;

/** One request and its response on Jetty's core API, with the few operations the emulator uses. */
public final class HttpExchange {

  /** The body was larger than allowed. */
  public static final class BodyTooLarge extends IOException {
    private static final long serialVersionUID = 1L;

    BodyTooLarge() {
      super("request body too large", null);
    }
  }

  /** Beyond this much, a refused body is not read to its end: the connection is cut instead. */
  private static final long MAX_DISCARDED_BYTES = 64L * 1024 * 1024;

  private final Request request;
  private final Response response;
  private final Callback callback;
  private boolean answered;

  public HttpExchange(Request request, Response response, Callback callback) {
    this.request = request;
    this.response = response;
    this.callback = callback;
  }

  public String method() {
    return request.getMethod();
  }

  public String path() {
    return Request.getPathInContext(request);
  }

  public String query() {
    return request.getHttpURI().getQuery();
  }

  public String header(HttpHeader header) {
    return request.getHeaders().get(header);
  }

  /** A request header by name, any case; {@code null} if absent. */
  public String header(String name) {
    return request.getHeaders().get(name);
  }

  /** The remote IP address. */
  public String remoteAddress() {
    return Request.getRemoteAddr(request);
  }

  /**
   * True if the connection comes from a loopback address (127.0.0.0/8, ::1): from this machine. The
   * socket's peer, never a forwarded-for header, which anyone can write.
   */
  public boolean fromLoopback() {
    SocketAddress peer = request.getConnectionMetaData().getRemoteSocketAddress();
    return peer instanceof InetSocketAddress inet
        && inet.getAddress() != null
        && inet.getAddress().isLoopbackAddress();
  }

  /**
   * Reads the whole body, refusing more than {@code maxBytes}.
   *
   * @throws BodyTooLarge if the body (declared or actual) exceeds the limit
   */
  public byte[] body(int maxBytes) throws IOException {
    long declared = request.getLength();
    try (InputStream in = Content.Source.asInputStream(request)) {
      if (declared > maxBytes) {
        discard(in, declared);
        throw new BodyTooLarge();
      }
      byte[] bytes = in.readNBytes(maxBytes + 1);
      if (bytes.length > maxBytes) {
        discard(in, declared);
        throw new BodyTooLarge();
      }
      return bytes;
    }
  }

  /**
   * Reads the whole body without blocking, then hands it on (or the failure) on whichever thread
   * completes the read. Both continuations must not block.
   */
  public void bodyAsync(int maxBytes, Consumer<byte[]> onBody, Consumer<Throwable> onFailure) {
    Content.Source.asByteArrayAsync(
        request,
        maxBytes,
        new Promise.Invocable<byte[]>() {
          @Override
          public void succeeded(byte[] bytes) {
            onBody.accept(bytes);
          }

          @Override
          public void failed(Throwable failure) {
            onFailure.accept(failure);
          }

          @Override
          public InvocationType getInvocationType() {
            return InvocationType.NON_BLOCKING;
          }
        });
  }

  /**
   * Reads and drops the rest of a refused body. A client still sending it would otherwise get a
   * reset connection instead of the error answer.
   */
  private static void discard(InputStream in, long declared) throws IOException {
    if (declared > MAX_DISCARDED_BYTES) {
      return;
    }
    byte[] buffer = new byte[8192];
    long discarded = 0;
    int n;
    while (discarded < MAX_DISCARDED_BYTES && (n = in.read(buffer)) >= 0) {
      discarded += n;
    }
  }

  /** Answers JSON with a status. */
  public void json(int status, JsonNode body) {
    send(status, "application/json;charset=UTF-8", Json.bytes(body));
  }

  /** Answers plain text with a status. */
  public void text(int status, String body) {
    send(status, "text/plain;charset=UTF-8", body.getBytes(StandardCharsets.UTF_8));
  }

  /** Answers a Daraja error envelope. */
  public void error(DarajaError error, String requestId) {
    ObjectNode envelope = Json.object();
    envelope
        .put("requestId", requestId)
        .put("errorCode", error.errorCode())
        .put("errorMessage", error.errorMessage());
    json(error.httpStatus(), envelope);
  }

  /** Asks the client to close the connection after this response (e.g. after a refused body). */
  public void closeAfterResponse() {
    response.getHeaders().put(HttpHeader.CONNECTION, "close");
  }

  /** Closes the connection without any answer, as a network failure would. */
  public void drop() {
    answered = true;
    request.getConnectionMetaData().getConnection().getEndPoint().close();
    callback.failed(new IOException("connection dropped by fault injection"));
  }

  /** True once a response or a drop has been issued. */
  public boolean answered() {
    return answered;
  }

  private void send(int status, String contentType, byte[] bytes) {
    answered = true;
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
    response.write(true, ByteBuffer.wrap(bytes), callback);
  }
}
