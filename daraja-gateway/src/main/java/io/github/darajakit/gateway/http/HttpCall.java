package io.github.darajakit.gateway.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
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

  /** A header, or {@code null}. */
  public String header(String name) {
    return request.getHeaders().get(name);
  }

  /** A path parameter named in the route, e.g. {@code id} of {@code /v1/payments/{id}}. */
  public String pathParam(String name) {
    return pathParams.get(name);
  }

  /** A query parameter, or {@code null}. */
  public String query(String name) {
    if (query == null) {
      query = new HashMap<>();
      String raw = request.getHttpURI().getQuery();
      if (raw != null) {
        for (String pair : raw.split("&")) {
          int eq = pair.indexOf('=');
          String key =
              URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
          String value =
              eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
          query.putIfAbsent(key, value);
        }
      }
    }
    return query.get(name);
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

  /** The body as a JSON object, or a 400 that says what is wrong with it. */
  public JsonNode jsonObject() {
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

  /** The API key that authenticated this call (set by the router), or {@code null}. */
  public String apiKeyId() {
    return apiKeyId;
  }

  void apiKeyId(String id) {
    this.apiKeyId = id;
  }
}
