package io.github.darajakit.gateway.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;

/**
 * An HTTP answer.
 *
 * @param status HTTP status
 * @param contentType media type
 * @param body bytes
 */
public record Reply(int status, String contentType, byte[] body) {

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
