package io.github.darajakit.client;

import java.net.URI;
import java.util.Locale;

/**
 * Where the client sends requests: Safaricom's sandbox, production, or any other base URL (the
 * DarajaKit emulator, a proxy).
 */
public final class Environment {

  /** {@code https://sandbox.safaricom.co.ke}. */
  public static final Environment SANDBOX =
      new Environment("sandbox", URI.create("https://sandbox.safaricom.co.ke"), false);

  /** {@code https://api.safaricom.co.ke}: real money. */
  public static final Environment PRODUCTION =
      new Environment("production", URI.create("https://api.safaricom.co.ke"), true);

  /**
   * {@code http://127.0.0.1:8090}: where {@code ./daraja emulator} listens unless given {@code
   * --port}, and where {@code MPESA_ENV=emulator} points without {@code MPESA_BASE_URL}.
   */
  public static final String EMULATOR_BASE_URL = "http://127.0.0.1:8090";

  private final String name;
  private final URI baseUrl;
  private final boolean production;

  private Environment(String name, URI baseUrl, boolean production) {
    this.name = name;
    this.baseUrl = baseUrl;
    this.production = production;
  }

  /**
   * Any base URL, e.g. the emulator's {@code http://127.0.0.1:8090}. Treated as a test environment
   * (HTTP callback URLs allowed, sandbox certificate used by default).
   *
   * @throws DarajaValidationException if it is not an absolute http(s) URL
   */
  public static Environment custom(String baseUrl) {
    return new Environment("custom", parse(baseUrl), false);
  }

  /**
   * This environment reached through another base URL (a proxy, an egress gateway): requests go
   * there, everything else stays, above all whether it is production (its certificate, HTTPS
   * callback URLs).
   *
   * @throws DarajaValidationException if it is not an absolute http(s) URL
   */
  public Environment withBaseUrl(String baseUrl) {
    return new Environment(name, parse(baseUrl), production);
  }

  private static URI parse(String baseUrl) {
    if (baseUrl == null) {
      throw new DarajaValidationException(
          "baseUrl", "is required: an absolute http(s) URL such as http://127.0.0.1:8090");
    }
    URI uri;
    try {
      uri = URI.create(baseUrl.trim());
    } catch (IllegalArgumentException e) {
      throw new DarajaValidationException("baseUrl", "'" + baseUrl + "' is not a URL");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!uri.isAbsolute()
        || uri.getHost() == null
        || !(scheme.equals("http") || scheme.equals("https"))) {
      throw new DarajaValidationException(
          "baseUrl",
          "'" + baseUrl + "' must be an absolute http(s) URL such as http://127.0.0.1:8090");
    }
    String text = uri.toString();
    if (text.endsWith("/")) {
      uri = URI.create(text.substring(0, text.length() - 1));
    }
    return uri;
  }

  /**
   * The environment named by {@code MPESA_ENV}: {@code sandbox}, {@code production} or {@code
   * emulator} ({@link #EMULATOR_BASE_URL} unless a base URL is given). A base URL ({@code
   * MPESA_BASE_URL}) is honoured in every environment: production through a proxy stays production.
   */
  public static Environment named(String name, String baseUrl) {
    String n = name == null ? "sandbox" : name.trim().toLowerCase(Locale.ROOT);
    boolean noUrl = baseUrl == null || baseUrl.isBlank();
    return switch (n) {
      case "sandbox", "" -> noUrl ? SANDBOX : custom(baseUrl);
      case "production", "prod", "live" -> noUrl ? PRODUCTION : PRODUCTION.withBaseUrl(baseUrl);
      case "emulator", "custom" -> custom(noUrl ? EMULATOR_BASE_URL : baseUrl);
      default ->
          throw new DarajaValidationException(
              "MPESA_ENV", "'" + name + "' is not sandbox, production or emulator");
    };
  }

  /** The base URL, without a trailing slash. */
  public URI baseUrl() {
    return baseUrl;
  }

  /** True only for {@link #PRODUCTION}: HTTPS callbacks and the production certificate apply. */
  public boolean isProduction() {
    return production;
  }

  /** {@code sandbox}, {@code production} or {@code custom}. */
  public String name() {
    return name;
  }

  @Override
  public String toString() {
    return name + " (" + baseUrl + ")";
  }
}
