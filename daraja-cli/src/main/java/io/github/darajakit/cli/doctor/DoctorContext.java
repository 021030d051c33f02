package io.github.darajakit.cli.doctor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.darajakit.client.DarajaAuthenticationException;
import io.github.darajakit.client.DarajaClient;
import io.github.darajakit.client.DarajaException;
import io.github.darajakit.client.DarajaUnavailableException;
import io.github.darajakit.gateway.GatewayConfig;
import io.github.darajakit.gateway.callbacks.CallbackSecrets;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the checks look at: the environment the user configured ({@code MPESA_*} variables and
 * options), the gateway's settings, and the thresholds chosen. It makes the Daraja client once, and
 * knows every secret in play so that nothing a check says can quote one.
 *
 * <pre>{@code
 * try (DoctorContext context =
 *     DoctorContext.builder("sandbox", "https://sandbox.safaricom.co.ke", System.getenv())
 *         .clients(() -> DarajaClient.fromEnv(System.getenv()))
 *         .build()) {
 *   List<CheckResult> report = Doctor.standard().run(context);
 * }
 * }</pre>
 */
public final class DoctorContext implements AutoCloseable {

  /** Resolves a host name to its addresses (tests answer without DNS). */
  @FunctionalInterface
  public interface HostResolver {
    /** The host's addresses. */
    InetAddress[] resolve(String host) throws UnknownHostException;
  }

  /** The variables whose values are secrets: never printed. */
  static final List<String> SECRET_VARIABLES =
      List.of(
          "MPESA_CONSUMER_KEY",
          "MPESA_CONSUMER_SECRET",
          "MPESA_PASSKEY",
          "MPESA_INITIATOR_PASSWORD",
          "MPESA_SECURITY_CREDENTIAL",
          "DARAJA_API_KEY",
          "DARAJA_CALLBACK_SECRET",
          "DARAJA_DASHBOARD_PASSWORD",
          "DARAJA_BILL_MANAGER_APP_KEY");

  private static final Pattern URL_PASSWORD = Pattern.compile("(?i)(password=)[^&;\\s]*");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String environment;
  private final String baseUrl;
  private final Map<String, String> env;
  private final Supplier<DarajaClient> clients;
  private final Supplier<X509Certificate> emulatorCertificates;
  private final GatewayConfig gateway;
  private final Clock clock;
  private final HostResolver resolver;
  private final HttpClient http;
  private final Duration maxClockSkew;
  private final long minFreeBytes;
  private final Path backup;
  private final Duration backupMaxAge;
  private final List<String> urls;
  private final List<String> secrets;

  private Daraja daraja;
  private X509Certificate emulatorCertificate;

  private DoctorContext(Builder b) {
    environment = b.environment;
    baseUrl = b.baseUrl;
    env = Map.copyOf(b.env);
    clients = b.clients;
    emulatorCertificates = b.emulatorCertificate;
    gateway = b.gateway;
    clock = b.clock;
    resolver = b.resolver;
    http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    maxClockSkew = b.maxClockSkew;
    minFreeBytes = b.minFreeBytes;
    backup = b.backup;
    backupMaxAge = b.backupMaxAge;
    urls = List.copyOf(b.urls);
    secrets = secrets(env, gateway);
  }

  /**
   * A builder.
   *
   * @param environment {@code emulator}, {@code sandbox} or {@code production}
   * @param baseUrl where Daraja (or the emulator) answers
   * @param env the {@code MPESA_*} and {@code DARAJA_*} variables
   */
  public static Builder builder(String environment, String baseUrl, Map<String, String> env) {
    return new Builder(environment, baseUrl, env);
  }

  /** {@code emulator}, {@code sandbox} or {@code production}. */
  public String environment() {
    return environment;
  }

  /** Where Daraja (or the emulator) answers. */
  public String baseUrl() {
    return baseUrl;
  }

  boolean isEmulator() {
    return environment.equals("emulator");
  }

  boolean isProduction() {
    return environment.equals("production");
  }

  /** A variable's value, trimmed, or {@code null} when unset or blank. */
  String variable(String name) {
    String value = env.get(name);
    return value == null || value.isBlank() ? null : value.trim();
  }

  /** The gateway's settings, or {@code null} when the gateway is not examined. */
  GatewayConfig gateway() {
    return gateway;
  }

  /**
   * Where Daraja reaches the gateway, as the gateway works it out: the public URL, else the address
   * it binds.
   */
  String gatewayPublicUrl() {
    if (gateway.publicUrl() != null) {
      String url = gateway.publicUrl();
      return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
    String host = gateway.host().equals("0.0.0.0") ? "127.0.0.1" : gateway.host();
    return "http://" + host + ":" + gateway.port();
  }

  Clock clock() {
    return clock;
  }

  HostResolver resolver() {
    return resolver;
  }

  HttpClient http() {
    return http;
  }

  Duration maxClockSkew() {
    return maxClockSkew;
  }

  long minFreeBytes() {
    return minFreeBytes;
  }

  /** Where backups land, or {@code null} when not given. */
  Path backup() {
    return backup;
  }

  Duration backupMaxAge() {
    return backupMaxAge;
  }

  /** Callback URLs given on the command line, besides the gateway's. */
  List<String> urls() {
    return urls;
  }

  /** The Daraja client and whether it got a token; made once. */
  Daraja daraja() {
    if (daraja == null) {
      daraja = connect();
    }
    return daraja;
  }

  /** The client, or {@code null} when it has no token (then {@link #noToken()} says so). */
  DarajaClient client() {
    return daraja().client();
  }

  /** What a check that needs a token answers when there is none. */
  static Finding noToken() {
    return Finding.skip("needs an access token, which Daraja did not give (see the oauth check)");
  }

  /** The emulator's certificate (GET /__admin/certificate); fetched once. */
  X509Certificate emulatorCertificate() {
    if (emulatorCertificate == null) {
      emulatorCertificate = emulatorCertificates.get();
    }
    return emulatorCertificate;
  }

  /**
   * Calls the emulator's admin API.
   *
   * @return the status and the JSON answer (an empty object when the answer is not JSON)
   */
  AdminAnswer admin(String method, String path, String json) throws IOException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(baseUrl + "/__admin" + path))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .method(
                method,
                json == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(json))
            .build();
    HttpResponse<String> reply;
    try {
      reply = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    JsonNode body;
    try {
      body = JSON.readTree(reply.body());
    } catch (IOException e) {
      body = JSON.createObjectNode();
    }
    return new AdminAnswer(reply.statusCode(), body == null ? JSON.createObjectNode() : body);
  }

  /** A JSON object with these fields, for the admin API. */
  static String json(Map<String, String> fields) {
    try {
      return JSON.writeValueAsString(fields);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** An answer of the emulator's admin API. */
  record AdminAnswer(int status, JsonNode body) {}

  /**
   * The text with every secret in play masked: the values of the secret variables and of the
   * gateway's secret settings, a database URL's password, and the secret in callback paths. Every
   * finding passes through here before it is printed.
   */
  String redact(String text) {
    if (text == null) {
      return null;
    }
    String redacted = text;
    for (String secret : secrets) {
      redacted = redacted.replace(secret, "****");
    }
    redacted = URL_PASSWORD.matcher(redacted).replaceAll(Matcher.quoteReplacement("password=****"));
    return CallbackSecrets.redact(redacted);
  }

  /** Closes the client, if one was made. */
  @Override
  public void close() {
    if (daraja != null && daraja.client() != null) {
      daraja.client().close();
    }
  }

  /** The client, or why there is none, and what to do. */
  record Daraja(DarajaClient client, String problem, String fix) {}

  private Daraja connect() {
    DarajaClient client;
    try {
      client = clients.get();
    } catch (RuntimeException e) {
      return new Daraja(
          null,
          "no Daraja client could be made: " + e.getMessage(),
          "set MPESA_CONSUMER_KEY and MPESA_CONSUMER_SECRET (and MPESA_ENV) as the gateway gets"
              + " them; see docs/going-live.md#credentials-and-shortcode");
    }
    try {
      client.authenticate();
      return new Daraja(client, null, null);
    } catch (DarajaAuthenticationException e) {
      client.close();
      return new Daraja(
          null,
          baseUrl + " refused the consumer key and secret: " + e.getMessage(),
          "copy MPESA_CONSUMER_KEY and MPESA_CONSUMER_SECRET again from your app on"
              + " developer.safaricom.co.ke"
              + (isProduction()
                  ? " (production needs the production app's keys, which come with Go-Live;"
                      + " sandbox keys get an empty HTTP 400)"
                  : ""));
    } catch (DarajaUnavailableException e) {
      client.close();
      return new Daraja(
          null,
          "could not reach " + baseUrl + ": " + e.getMessage(),
          "check MPESA_BASE_URL (or --base-url), DNS and any firewall or proxy between this"
              + " machine and Daraja");
    } catch (DarajaException e) {
      client.close();
      return new Daraja(
          null,
          "no access token from " + baseUrl + ": " + e.getMessage(),
          "check MPESA_CONSUMER_KEY, MPESA_CONSUMER_SECRET and MPESA_ENV");
    }
  }

  private static List<String> secrets(Map<String, String> env, GatewayConfig gateway) {
    List<String> values = new ArrayList<>();
    for (String name : SECRET_VARIABLES) {
      String value = env.get(name);
      if (value != null) {
        values.add(value.trim());
        // DARAJA_API_KEY may list several keys.
        for (String part : value.split(",")) {
          values.add(part.trim());
        }
      }
    }
    if (gateway != null) {
      values.add(gateway.apiKey());
      values.add(gateway.callbackSecret());
      values.add(gateway.dashboardPassword());
      values.add(gateway.billManager().appKey());
    }
    // Very short values would mask ordinary words; no real secret is that short.
    return values.stream()
        .filter(Objects::nonNull)
        .filter(v -> v.length() >= 4)
        .distinct()
        .sorted(Comparator.comparingInt(String::length).reversed())
        .toList();
  }

  /** Builds a {@link DoctorContext}. */
  public static final class Builder {
    private final String environment;
    private final String baseUrl;
    private final Map<String, String> env;
    private Supplier<DarajaClient> clients;
    private Supplier<X509Certificate> emulatorCertificate;
    private GatewayConfig gateway;
    private Clock clock = Clock.systemUTC();
    private HostResolver resolver = InetAddress::getAllByName;
    private Duration maxClockSkew = Duration.ofSeconds(30);
    private long minFreeBytes = 1L << 30;
    private Path backup;
    private Duration backupMaxAge = Duration.ofHours(26);
    private List<String> urls = List.of();

    private Builder(String environment, String baseUrl, Map<String, String> env) {
      this.environment = Objects.requireNonNull(environment, "environment");
      this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
      this.env = Objects.requireNonNull(env, "env");
      this.clients = () -> DarajaClient.fromEnv(env);
      this.emulatorCertificate =
          () -> {
            throw new IllegalStateException("no emulator certificate source was given");
          };
    }

    /** How the Daraja client is made (default: {@link DarajaClient#fromEnv(Map)}). */
    public Builder clients(Supplier<DarajaClient> clients) {
      this.clients = Objects.requireNonNull(clients, "clients");
      return this;
    }

    /** Where the emulator's certificate comes from (used only against the emulator). */
    public Builder emulatorCertificate(Supplier<X509Certificate> certificate) {
      this.emulatorCertificate = Objects.requireNonNull(certificate, "certificate");
      return this;
    }

    /** The gateway's settings to examine, or {@code null} to leave the gateway out. */
    public Builder gateway(GatewayConfig gateway) {
      this.gateway = gateway;
      return this;
    }

    /** This machine's clock, compared with Daraja's (default: the system clock). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** How host names are resolved (default: DNS). */
    public Builder resolver(HostResolver resolver) {
      this.resolver = Objects.requireNonNull(resolver, "resolver");
      return this;
    }

    /** The most the clock may differ from Daraja's (default: 30 s). */
    public Builder maxClockSkew(Duration skew) {
      this.maxClockSkew = Objects.requireNonNull(skew, "skew");
      return this;
    }

    /** The least free disk space beside an SQLite database (default: 1 GiB). */
    public Builder minFreeBytes(long bytes) {
      this.minFreeBytes = bytes;
      return this;
    }

    /**
     * Where backups land (a file, or a directory of them) and how old the newest may be; {@code
     * null} when not given.
     */
    public Builder backup(Path backup, Duration maxAge) {
      this.backup = backup;
      this.backupMaxAge = Objects.requireNonNull(maxAge, "maxAge");
      return this;
    }

    /** Callback URLs to check besides the gateway's. */
    public Builder urls(List<String> urls) {
      this.urls = Objects.requireNonNull(urls, "urls");
      return this;
    }

    /** The context. */
    public DoctorContext build() {
      return new DoctorContext(this);
    }
  }
}
