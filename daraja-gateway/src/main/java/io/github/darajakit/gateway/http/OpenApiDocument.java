package io.github.darajakit.gateway.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.darajakit.gateway.core.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The OpenAPI 3.1 description of the merchant API, served at {@code GET /openapi.json}. It is
 * written by hand, not generated, so that it reads and is reviewed like any other document: the
 * gateway-wide part is {@code api/openapi.json}, and each money flow keeps the part for its own
 * routes ({@code paths} and {@code schemas}) beside its API class. {@code OpenApiDocumentTest}
 * fails when a route or a payment field is added without it.
 */
public final class OpenApiDocument {

  /**
   * Where a money flow's part is: a classpath resource beside {@code owner}, holding {@code
   * {"paths":{…},"schemas":{…}}}.
   */
  public record Fragment(Class<?> owner, String resource) {}

  private OpenApiDocument() {}

  /**
   * The whole document: {@code base} (a whole OpenAPI document) with each flow's paths and schemas
   * added, as the answer to serve.
   *
   * @throws IllegalStateException if a part is missing from the build, or two parts describe the
   *     same path or schema
   */
  public static Reply assemble(Fragment base, List<Fragment> fragments) {
    ObjectNode document = (ObjectNode) read(base);
    ObjectNode paths = (ObjectNode) document.get("paths");
    ObjectNode schemas = (ObjectNode) document.path("components").get("schemas");
    for (Fragment fragment : fragments) {
      JsonNode part = read(fragment);
      merge(paths, part.path("paths"), fragment);
      merge(schemas, part.path("schemas"), fragment);
    }
    // The same for every caller and free of data: kept by browsers, asked again before use.
    return new Reply(200, "application/json;charset=UTF-8", Json.bytes(document)).revalidated();
  }

  private static void merge(ObjectNode into, JsonNode from, Fragment fragment) {
    for (Iterator<Map.Entry<String, JsonNode>> it = from.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      if (into.has(entry.getKey())) {
        throw new IllegalStateException(
            entry.getKey() + " is described twice; again in " + describe(fragment));
      }
      into.set(entry.getKey(), entry.getValue());
    }
  }

  private static JsonNode read(Fragment fragment) {
    try (InputStream in = fragment.owner().getResourceAsStream(fragment.resource())) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + describe(fragment));
      }
      return Json.parse(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String describe(Fragment fragment) {
    return fragment.resource() + " beside " + fragment.owner().getName();
  }
}
