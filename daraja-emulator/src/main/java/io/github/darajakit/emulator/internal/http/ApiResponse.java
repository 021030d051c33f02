package io.github.darajakit.emulator.internal.http;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A JSON answer and its HTTP status.
 *
 * @param status HTTP status
 * @param body JSON body
 */
public record ApiResponse(int status, JsonNode body) {

  /** HTTP 200 with this body. */
  public static ApiResponse ok(JsonNode body) {
    return new ApiResponse(200, body);
  }
}
