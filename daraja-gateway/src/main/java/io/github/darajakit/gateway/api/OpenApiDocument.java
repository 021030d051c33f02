package io.github.darajakit.gateway.api;

import io.github.darajakit.gateway.http.Reply;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The OpenAPI 3.1 description of the merchant API, served as written at {@code GET /openapi.json}.
 * It is a checked-in file ({@code openapi.json} beside this class) rather than generated, so that
 * it reads and is reviewed like any other document; {@code OpenApiDocumentTest} fails when a route
 * or a payment field is added without it.
 */
public final class OpenApiDocument {

  private static final String RESOURCE = "openapi.json";

  private OpenApiDocument() {}

  /**
   * Reads the document from the classpath, as the answer to serve.
   *
   * @throws IllegalStateException if the file is missing from the build
   */
  public static Reply load() {
    try (InputStream in = OpenApiDocument.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + RESOURCE + " beside OpenApiDocument");
      }
      // The same for every caller and free of data: kept by browsers, asked again before use.
      return new Reply(200, "application/json;charset=UTF-8", in.readAllBytes()).revalidated();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
