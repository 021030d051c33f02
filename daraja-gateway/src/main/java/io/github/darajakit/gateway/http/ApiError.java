package io.github.darajakit.gateway.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.darajakit.gateway.core.GatewayError;
import io.github.darajakit.gateway.core.Json;

/**
 * A merchant API error: {@code {"error":{"type","code","message","param"}}} with its HTTP status.
 * Thrown before anything is changed, so a request that fails leaves no trace but its log line.
 */
public final class ApiError extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int status;
  private final String type;
  private final String code;
  private final String param;
  private final transient ArrayNode rows;
  private Long retryAfterSeconds;

  private ApiError(int status, String type, String code, String message, String param) {
    this(status, type, code, message, param, null);
  }

  private ApiError(
      int status, String type, String code, String message, String param, ArrayNode rows) {
    super(message, null, false, false);
    this.status = status;
    this.type = type;
    this.code = code;
    this.param = param;
    this.rows = rows;
  }

  /** 400: a parameter is missing or wrong; the message names it and says what to send. */
  public static ApiError invalid(String param, String message) {
    return new ApiError(400, "invalid_request_error", "parameter_invalid", message, param);
  }

  /** 400: the body is not the JSON object expected. */
  public static ApiError badBody(String message) {
    return new ApiError(400, "invalid_request_error", "body_invalid", message, null);
  }

  /** 415: the body is not in a media type the route reads; {@code param} names the header. */
  public static ApiError unsupportedMediaType(String param, String message) {
    return new ApiError(415, "invalid_request_error", "content_type_invalid", message, param);
  }

  /** A 4xx for a request that could not be read as HTTP at all (its line or headers). */
  public static ApiError malformedRequest(int status, String message) {
    return new ApiError(status, "invalid_request_error", "request_malformed", message, null);
  }

  /** 401: no API key, or an Authorization header not of the form {@code Bearer <key>}. */
  public static ApiError unauthorized() {
    return new ApiError(
        401,
        "authentication_error",
        "api_key_invalid",
        "Send your API key as 'Authorization: Bearer <key>'.",
        null);
  }

  /**
   * 401: a key sent the right way that is not one of this gateway's. The same code as {@link
   * #unauthorized()}, so programs need not tell them apart; the words tell the person.
   */
  public static ApiError keyNotRecognised() {
    return new ApiError(
        401,
        "authentication_error",
        "api_key_invalid",
        "This API key is not recognised by this gateway: it was revoked (a configured"
            + " DARAJA_API_KEY revokes every other key), mistyped, or is another gateway's, or it"
            + " is a dashboard session that has ended. Send a key this gateway printed at its first"
            + " start or was configured with.",
        null);
  }

  /** 401: what should be a dashboard session token is not one this gateway signed. */
  public static ApiError sessionInvalid(String message) {
    return new ApiError(401, "authentication_error", "session_invalid", message, null);
  }

  /** 404: no such object (or route). */
  public static ApiError notFound(String message) {
    return new ApiError(404, "invalid_request_error", "resource_missing", message, null);
  }

  /** 405: the route exists with another method. */
  public static ApiError methodNotAllowed(String method, String path) {
    return new ApiError(
        405,
        "invalid_request_error",
        "method_not_allowed",
        method + " is not allowed on " + path,
        null);
  }

  /** 409: the same Idempotency-Key is being processed right now. */
  public static ApiError idempotencyInProgress() {
    return new ApiError(
        409,
        "idempotency_error",
        "idempotency_key_in_use",
        "A request with this Idempotency-Key is still being processed; retry after it finishes.",
        null);
  }

  /** 422: the Idempotency-Key was used with a different request. */
  public static ApiError idempotencyMismatch() {
    return new ApiError(
        422,
        "idempotency_error",
        "idempotency_key_reused",
        "This Idempotency-Key was used with a different request; use a new key for a new request.",
        null);
  }

  /** 409: the object cannot do that in its current state. */
  public static ApiError conflict(String code, String message) {
    return new ApiError(409, "invalid_request_error", code, message, null);
  }

  /**
   * The answer to a domain error: the one place that decides which HTTP status and error type each
   * kind of {@link GatewayError} becomes.
   */
  public static ApiError of(GatewayError error) {
    String message = error.getMessage();
    if (error instanceof GatewayError.Invalid invalid) {
      return new ApiError(400, "invalid_request_error", error.code(), message, invalid.param());
    }
    if (error instanceof GatewayError.InvalidRows invalidRows) {
      ArrayNode rows = Json.array();
      for (GatewayError.RowProblem row : invalidRows.rows()) {
        rows.addObject()
            .put("row", row.row())
            .put("param", row.param())
            .put("message", row.message());
      }
      return new ApiError(400, "invalid_request_error", error.code(), message, "items", rows);
    }
    if (error instanceof GatewayError.NotFound) {
      return new ApiError(404, "invalid_request_error", error.code(), message, null);
    }
    if (error instanceof GatewayError.Conflict || error instanceof GatewayError.RefusedByRail) {
      return new ApiError(409, "invalid_request_error", error.code(), message, null);
    }
    if (error instanceof GatewayError.NotAuthenticated) {
      return new ApiError(401, "authentication_error", error.code(), message, null);
    }
    if (error instanceof GatewayError.TooManyAttempts tooMany) {
      ApiError answer = new ApiError(429, "rate_limit_error", error.code(), message, null);
      if (tooMany.retryAfter() != null) {
        // Whole seconds, rounded up: a client waiting exactly this long is let through.
        answer.retryAfterSeconds = (tooMany.retryAfter().toMillis() + 999) / 1000;
      }
      return answer;
    }
    if (error instanceof GatewayError.Unavailable) {
      return new ApiError(503, "api_error", error.code(), message, null);
    }
    throw new IllegalArgumentException("no answer for " + error.getClass().getName());
  }

  /** 500: our fault; the message says nothing internal. */
  public static ApiError internal() {
    return new ApiError(
        500,
        "api_error",
        "internal_error",
        "The gateway failed; the request may be retried.",
        null);
  }

  /** 503: the store or Daraja is unavailable. */
  public static ApiError unavailable(String message) {
    return new ApiError(503, "api_error", "unavailable", message, null);
  }

  public int status() {
    return status;
  }

  /** The {@code Retry-After} to send, in seconds, or {@code null}. */
  public Long retryAfterSeconds() {
    return retryAfterSeconds;
  }

  /** The error body. */
  public ObjectNode toJson() {
    ObjectNode root = Json.object();
    ObjectNode error = root.putObject("error");
    error.put("type", type).put("code", code).put("message", getMessage());
    if (param == null) {
      error.putNull("param");
    } else {
      error.put("param", param);
    }
    if (rows != null) {
      error.set("rows", rows);
    }
    return root;
  }
}
