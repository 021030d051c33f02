package io.github.darajakit.gateway.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.darajakit.gateway.core.Json;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;

/** One merchant API request: method, path parameters, query, headers and a size-limited body. */
public final class HttpCall {

  private static final int MAX_BODY = 1 << 20;

  private final Request request;
  private final Map<String, String> pathParams;
  private Map<String, String> query;
  private byte[] body;
  private String apiKeyId;

  HttpCall(Request request, Map<String, String> pathParams) {
    this.request = request;
    this.pathParams = pathParams;
  }

  public String method() {
    return request.getMethod();
  }

  public String path() {
    return Request.getPathInContext(request);
  }

  /** The address the request came from (the last hop: a proxy's, behind one). */
  public String remoteAddress() {
    return Request.getRemoteAddr(request);
  }

  /**
   * The address the request came from, read through {@code X-Forwarded-For} only when the peer is
   * one of {@code trustedProxies} (see {@link io.github.darajakit.gateway.core.ClientAddress}).
   */
  public String clientAddress(java.util.Set<String> trustedProxies) {
    return io.github.darajakit.gateway.core.ClientAddress.of(
        Request.getRemoteAddr(request),
        request.getHeaders().getValuesList("X-Forwarded-For"),
        trustedProxies);
  }

  /** A header, or {@code null}. */
  public String header(String name) {
    return request.getHeaders().get(name);
  }

  /**
   * A path parameter named in the route, e.g. {@code id} of {@code /v1/payments/{id}}; the router
   * has refused control characters and overlong values in it.
   */
  public String pathParam(String name) {
    return pathParams.get(name);
  }

  /**
   * A query parameter, or {@code null}.
   *
   * @throws ApiError 400 when the query is not well-formed (see {@link #checkQuery})
   */
  public String query(String name) {
    return query().get(name);
  }

  /**
   * Refuses, before anything runs, a query the route cannot take: a parameter it does not know, one
   * given twice, bad percent-encoding, bytes that are not UTF-8, or control characters.
   *
   * @param allowed the parameters the route takes
   * @throws ApiError 400 naming the parameter
   */
  void checkQuery(java.util.Set<String> allowed) {
    for (String name : query().keySet()) {
      if (!allowed.contains(name)) {
        throw ApiError.invalid(
            name,
            "unknown query parameter '"
                + name
                + "'; "
                + method()
                + " "
                + path()
                + (allowed.isEmpty()
                    ? " takes none"
                    : " takes " + allowed.stream().sorted().toList()));
      }
    }
  }

  private Map<String, String> query() {
    if (query == null) {
      query = QueryString.parse(request.getHttpURI().getQuery());
    }
    return query;
  }

  /** The raw body (read once, at most 1 MiB). */
  public byte[] body() {
    if (body == null) {
      try (InputStream in = Content.Source.asInputStream(request)) {
        byte[] bytes = in.readNBytes(MAX_BODY + 1);
        if (bytes.length > MAX_BODY) {
          throw ApiError.badBody("The body is larger than 1 MiB.");
        }
        body = bytes;
      } catch (IOException e) {
        throw ApiError.badBody("The body could not be read: " + e.getMessage());
      }
    }
    return body;
  }

  /**
   * The body as a JSON object, or a 4xx that says what is wrong with it: 415 unless it is sent as
   * {@code application/json} (in UTF-8, the only encoding JSON has), 400 if it is not one object.
   */
  public JsonNode jsonObject() {
    requireJsonContentType();
    byte[] bytes = body();
    if (bytes.length == 0) {
      throw ApiError.badBody("The body is empty: send a JSON object.");
    }
    JsonNode node;
    try {
      node = Json.parse(bytes);
    } catch (IOException e) {
      String why =
          e instanceof com.fasterxml.jackson.core.JsonProcessingException json
              ? json.getOriginalMessage()
              : e.getMessage();
      throw ApiError.badBody("The body is not valid JSON: " + why);
    }
    if (!node.isObject()) {
      throw ApiError.badBody("The body must be a JSON object.");
    }
    return node;
  }

  private void requireJsonContentType() {
    String given = header("Content-Type");
    String mediaType = given == null ? "" : given.split(";", 2)[0].trim();
    String charset = null;
    if (given != null && given.contains(";")) {
      for (String parameter : given.substring(given.indexOf(';') + 1).split(";")) {
        String[] pair = parameter.trim().split("=", 2);
        if (pair.length == 2 && pair[0].trim().equalsIgnoreCase("charset")) {
          charset = pair[1].trim().replace("\"", "");
        }
      }
    }
    if (!mediaType.equalsIgnoreCase("application/json")
        || (charset != null && !charset.equalsIgnoreCase("utf-8"))) {
      throw ApiError.unsupportedMediaType(
          "Content-Type",
          (given == null ? "No Content-Type was sent" : "Content-Type '" + given + "' is not JSON")
              + ": send the body as JSON in UTF-8 with 'Content-Type: application/json'.");
    }
  }

  /** The API key that authenticated this call (set by the router), or {@code null}. */
  public String apiKeyId() {
    return apiKeyId;
  }

  void apiKeyId(String id) {
    this.apiKeyId = id;
  }
}
