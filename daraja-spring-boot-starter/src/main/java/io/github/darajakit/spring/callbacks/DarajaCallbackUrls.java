package io.github.darajakit.spring.callbacks;

import org.springframework.core.env.Environment;

/**
 * The URLs to give Daraja for the callback endpoint: {@code daraja.callbacks.public-url} joined to
 * the path and secret. Read when asked, not at startup, so a public URL naming {@code
 * ${local.server.port}} (a test on a random port) works.
 *
 * <pre>{@code
 * daraja.stk().push(StkPushRequest.builder()
 *     .phone("0712345678").amount(100)
 *     .accountReference("ORDER-7").description("Order 7")
 *     .callbackUrl(callbackUrls.callbackUrl())
 *     .build());
 * }</pre>
 */
public final class DarajaCallbackUrls {

  private final Environment environment;

  /** URLs from the settings in this environment. */
  public DarajaCallbackUrls(Environment environment) {
    this.environment = environment;
  }

  /** Where to send any callback or Result: {@code <public-url><path>/<secret>}. */
  public String callbackUrl() {
    String publicUrl = environment.getProperty("daraja.callbacks.public-url");
    if (publicUrl == null || publicUrl.isBlank()) {
      throw new IllegalStateException(
          "daraja.callbacks.public-url is not set: give the base URL Daraja reaches this"
              + " application at, e.g. https://shop.example.com");
    }
    String path = environment.getProperty("daraja.callbacks.path", "/daraja/callbacks");
    String secret = environment.getRequiredProperty("daraja.callbacks.secret");
    return trimSlash(publicUrl) + "/" + trimSlash(path).replaceFirst("^/", "") + "/" + secret;
  }

  /** Where to send queue timeouts (a Result request's QueueTimeOutURL). */
  public String queueTimeoutUrl() {
    return callbackUrl() + "/queue-timeout";
  }

  /** Names no URL: they hold the secret. */
  @Override
  public String toString() {
    return "DarajaCallbackUrls";
  }

  private static String trimSlash(String value) {
    return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
  }
}
