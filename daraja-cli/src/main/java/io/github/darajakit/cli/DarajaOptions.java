package io.github.darajakit.cli;

import io.github.darajakit.client.DarajaClient;
import io.github.darajakit.client.DarajaValidationException;
import io.github.darajakit.client.security.SecurityCredentials;
import io.github.darajakit.emulator.Sandbox;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Where the commands that talk to Daraja send their requests, and as whom: {@code --env}, {@code
 * --base-url} and the {@code MPESA_*} variables, the same ones the SDK and the gateway read.
 *
 * <p>With {@code --env emulator} (the default when no {@code MPESA_CONSUMER_KEY} is set) every
 * credential defaults to the emulator's sandbox test data, and the initiator password is encrypted
 * with the certificate the emulator serves, so a command works against {@code ./daraja emulator}
 * with nothing set.
 */
final class DarajaOptions {

  /** Where {@code ./daraja emulator} listens by default. */
  static final String EMULATOR_URL = "http://127.0.0.1:8090";

  private final Map<String, String> env;

  @Option(
      names = "--env",
      paramLabel = "ENV",
      description =
          "emulator, sandbox or production (default: MPESA_ENV; else emulator when"
              + " MPESA_CONSUMER_KEY is not set, sandbox when it is).")
  String environment;

  @Option(
      names = "--base-url",
      paramLabel = "URL",
      description =
          "Daraja's address (default: MPESA_BASE_URL; the emulator's " + EMULATOR_URL + ").")
  String baseUrl;

  DarajaOptions(Map<String, String> env) {
    this.env = env;
  }

  /** With the process's environment (picocli's default factory uses this). */
  DarajaOptions() {
    this(System.getenv());
  }

  /** The same --env and --base-url over other variables. */
  DarajaOptions over(Map<String, String> otherEnv) {
    DarajaOptions options = new DarajaOptions(otherEnv);
    options.environment = environment;
    options.baseUrl = baseUrl;
    return options;
  }

  /** {@code emulator}, {@code sandbox} or {@code production}. */
  String environment() {
    String name = environment != null ? environment : env.get("MPESA_ENV");
    if (name == null || name.isBlank()) {
      return blank(env.get("MPESA_CONSUMER_KEY")) ? "emulator" : "sandbox";
    }
    String n = name.trim().toLowerCase(Locale.ROOT);
    return switch (n) {
      case "emulator", "sandbox", "production" -> n;
      default ->
          throw new UsageException(
              "--env must be emulator, sandbox or production; got '" + name + "'");
    };
  }

  boolean isEmulator() {
    return environment().equals("emulator");
  }

  /** The base URL requests go to. */
  String baseUrl() {
    String url = baseUrl != null ? baseUrl : env.get("MPESA_BASE_URL");
    if (!blank(url)) {
      return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
    return switch (environment()) {
      case "emulator" -> EMULATOR_URL;
      case "production" -> "https://api.safaricom.co.ke";
      default -> "https://sandbox.safaricom.co.ke";
    };
  }

  /** The variable, or {@code fallback} when it is not set. */
  String variable(String name, String fallback) {
    String value = env.get(name);
    return blank(value) ? fallback : value;
  }

  /**
   * A client for the chosen Daraja.
   *
   * @throws UsageException if a required variable is missing
   * @throws CommandException if the emulator cannot be reached
   */
  DarajaClient client() {
    Map<String, String> vars = new HashMap<>(env);
    vars.put("MPESA_ENV", environment().equals("emulator") ? "emulator" : environment());
    if (!environment().equals("production") || baseUrl != null) {
      vars.put("MPESA_BASE_URL", baseUrl());
    }
    if (isEmulator()) {
      vars.putIfAbsent("MPESA_CONSUMER_KEY", "daraja-cli");
      vars.putIfAbsent("MPESA_CONSUMER_SECRET", "emulator");
      vars.putIfAbsent("MPESA_SHORTCODE", Sandbox.STK_SHORTCODE);
      vars.putIfAbsent("MPESA_PASSKEY", Sandbox.STK_PASSKEY);
      if (blank(vars.get("MPESA_INITIATOR_NAME"))) {
        vars.put("MPESA_INITIATOR_NAME", Sandbox.INITIATOR_NAME);
        vars.put("MPESA_INITIATOR_PASSWORD", Sandbox.INITIATOR_PASSWORD);
      }
      if (blank(vars.get("MPESA_CERTIFICATE")) && blank(vars.get("MPESA_SECURITY_CREDENTIAL"))) {
        // Encrypted here with the certificate the emulator checks credentials against.
        vars.put(
            "MPESA_SECURITY_CREDENTIAL",
            SecurityCredentials.encrypt(
                vars.remove("MPESA_INITIATOR_PASSWORD"), emulatorCertificate()));
      }
    } else if (blank(vars.get("MPESA_CONSUMER_KEY")) || blank(vars.get("MPESA_CONSUMER_SECRET"))) {
      throw new UsageException(
          "set MPESA_CONSUMER_KEY and MPESA_CONSUMER_SECRET for "
              + environment()
              + " (or use --env emulator)");
    }
    try {
      return DarajaClient.fromEnv(vars);
    } catch (DarajaValidationException e) {
      throw new UsageException(e.getMessage());
    }
  }

  /** The emulator's certificate, whose key it decrypts initiator credentials with. */
  X509Certificate emulatorCertificate() {
    URI uri;
    try {
      uri = URI.create(baseUrl() + "/__admin/certificate");
    } catch (IllegalArgumentException e) {
      throw new UsageException("--base-url (or MPESA_BASE_URL) is not a URL: '" + baseUrl() + "'");
    }
    try {
      HttpResponse<String> reply =
          HttpClient.newBuilder()
              .connectTimeout(Duration.ofSeconds(5))
              .build()
              .send(
                  HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                  HttpResponse.BodyHandlers.ofString());
      if (reply.statusCode() != 200) {
        throw new CommandException(
            "no Daraja emulator at "
                + baseUrl()
                + " (GET /__admin/certificate: HTTP "
                + reply.statusCode()
                + "); for Safaricom use --env sandbox or --env production");
      }
      return SecurityCredentials.certificate(reply.body());
    } catch (DarajaValidationException e) {
      throw new CommandException(
          baseUrl()
              + " served no PEM certificate at /__admin/certificate: is it a Daraja emulator?");
    } catch (IOException | IllegalArgumentException e) {
      throw new CommandException(
          "no Daraja emulator at "
              + baseUrl()
              + ": start one with ./daraja emulator, give --base-url, or use --env sandbox ("
              + e.getClass().getSimpleName()
              + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CommandException("interrupted");
    }
  }

  static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
