package io.github.darajakit.gateway.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.darajakit.gateway.core.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;

/**
 * An HTTP answer: a body, or a stream written as it goes (server-sent events).
 *
 * @param status HTTP status
 * @param contentType media type
 * @param body bytes (empty for a stream)
 * @param stream writes the body as it goes, or {@code null}
 * @param cacheControl the {@code Cache-Control} to send, or {@code null} for {@code no-store}: most
 *     answers carry money data or secrets, which no browser or proxy may keep
 * @param securityPolicy the {@code Content-Security-Policy} to send, or {@code null} for the one
 *     its content type calls for (see {@code SecurityHeaders})
 * @param contentEncoding how {@code body} is encoded ({@code gzip}), or {@code null} for as is
 */
public record Reply(
    int status,
    String contentType,
    byte[] body,
    Stream stream,
    String cacheControl,
    String securityPolicy,
    String contentEncoding) {

  /** Writes a streamed body until it is done or the client goes; flushes what it must. */
  @FunctionalInterface
  public interface Stream {
    void write(OutputStream out) throws IOException;
  }

  /** An answer with a body. */
  public Reply(int status, String contentType, byte[] body) {
    this(status, contentType, body, null, null, null, null);
  }

  /** An answer with a body or a stream. */
  public Reply(int status, String contentType, byte[] body, Stream stream) {
    this(status, contentType, body, stream, null, null, null);
  }

  /** An answer with a body or a stream, and its {@code Cache-Control}. */
  public Reply(int status, String contentType, byte[] body, Stream stream, String cacheControl) {
    this(status, contentType, body, stream, cacheControl, null, null);
  }

  /**
   * The same answer, which a browser may keep if it asks again before each use ({@code no-cache}):
   * for files that hold no data, such as the dashboard's page and scripts.
   */
  public Reply revalidated() {
    return new Reply(
        status, contentType, body, stream, "no-cache", securityPolicy, contentEncoding);
  }

  /**
   * The same answer with its own {@code Content-Security-Policy}: for a page whose script and style
   * are inline (one round trip on a slow phone), allowed by their hashes.
   */
  public Reply withSecurityPolicy(String policy) {
    return new Reply(status, contentType, body, stream, cacheControl, policy, contentEncoding);
  }

  /**
   * The same answer gzipped, when the client said it takes gzip ({@code Accept-Encoding}): for a
   * page sent to phones on slow networks. Only for answers that hold no secret a request could
   * probe by what it reflects (BREACH).
   */
  public Reply gzippedFor(String acceptEncoding) {
    if (stream != null || acceptEncoding == null || !acceptsGzip(acceptEncoding)) {
      return this;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 2 + 64);
    try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
      gzip.write(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Reply(
        status, contentType, out.toByteArray(), null, cacheControl, securityPolicy, "gzip");
  }

  private static boolean acceptsGzip(String acceptEncoding) {
    for (String part : acceptEncoding.split(",")) {
      String[] pieces = part.trim().split(";");
      if (pieces[0].trim().equalsIgnoreCase("gzip")) {
        for (int i = 1; i < pieces.length; i++) {
          String p = pieces[i].trim().replace(" ", "");
          if (p.matches("q=0(\\.0*)?")) {
            return false;
          }
        }
        return true;
      }
    }
    return false;
  }

  /** A {@code text/event-stream} answer, written as it goes. */
  public static Reply eventStream(Stream stream) {
    return new Reply(200, "text/event-stream;charset=UTF-8", new byte[0], stream);
  }

  /** JSON with a status. */
  public static Reply json(int status, JsonNode body) {
    return new Reply(status, "application/json;charset=UTF-8", Json.bytes(body));
  }

  /** Plain text with a status. */
  public static Reply text(int status, String body) {
    return new Reply(status, "text/plain;charset=UTF-8", body.getBytes(StandardCharsets.UTF_8));
  }

  /** HTML with a status. */
  public static Reply html(int status, String body) {
    return new Reply(status, "text/html;charset=UTF-8", body.getBytes(StandardCharsets.UTF_8));
  }
}
