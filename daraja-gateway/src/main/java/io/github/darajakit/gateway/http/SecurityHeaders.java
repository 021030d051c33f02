package io.github.darajakit.gateway.http;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;

/**
 * The headers every answer carries, so that a browser never frames, sniffs, caches or leaks a
 * referrer from what the gateway serves. They are sent as headers, not in the page's {@code <meta>}
 * tags: {@code frame-ancestors} works only as a header, and a JSON answer has no page to hold them.
 */
final class SecurityHeaders {

  /**
   * The dashboard's page: its own script, style and API calls only, nothing inline, no plug-ins, no
   * forms posted anywhere, and no site may frame it (clickjacking).
   */
  static final String PAGE_POLICY =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none';"
          + " frame-ancestors 'none'";

  /** Everything else is data, not a document: should a browser render it, nothing in it runs. */
  static final String DATA_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'";

  private SecurityHeaders() {}

  /**
   * Puts the headers for an answer of {@code contentType}; {@code cacheControl} {@code null} means
   * {@code no-store}, {@code policy} {@code null} the policy for the content type.
   */
  static void put(
      HttpFields.Mutable headers, String contentType, String cacheControl, String policy) {
    boolean page = contentType != null && contentType.startsWith("text/html");
    headers.put(
        "Content-Security-Policy", policy != null ? policy : page ? PAGE_POLICY : DATA_POLICY);
    headers.put("X-Frame-Options", "DENY");
    headers.put("X-Content-Type-Options", "nosniff");
    headers.put("Referrer-Policy", "no-referrer");
    headers.put(HttpHeader.CACHE_CONTROL, cacheControl == null ? "no-store" : cacheControl);
  }
}
