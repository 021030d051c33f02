package io.github.darajakit.gateway.support;

import io.github.darajakit.client.DarajaClient;
import io.github.darajakit.client.security.SecurityCredentials;
import io.github.darajakit.emulator.Sandbox;
import io.github.darajakit.gateway.DarajaGateway;
import io.github.darajakit.gateway.GatewayConfig;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A gateway in its own JVM, so a test can kill it with {@code SIGKILL} and start it again on the
 * same database. Run as {@code java -cp <test class path> GatewayProcess <settings.properties>}; it
 * prints {@code READY <port>} on a line of its own once it listens, then serves until killed.
 *
 * <p>The Daraja client is {@link #daraja}, the one {@link GatewayHarness} uses too, against an
 * emulator running elsewhere (usually in the test's JVM). The background workers are off unless
 * {@link #BACKGROUND_WORKERS} turns them on; while they are off, the only writers of payment
 * outcomes are the callbacks the test posts, so what the test sees after a restart is what those
 * callbacks committed and nothing else. {@link #GATEWAY_JSON} adds any documented setting
 * (docs/gateway.md#configuration) on top, e.g. the payouts shortcode, the reconciler's schedule or
 * the public URL.
 */
public final class GatewayProcess {

  /** The line printed once the gateway listens, followed by a space and the port. */
  public static final String READY = "READY";

  /** Settings keys of the properties file. */
  public static final String EMULATOR_URL = "emulator.url";

  public static final String CERTIFICATE_FILE = "emulator.certificate";
  public static final String DATABASE_URL = "database.url";
  public static final String PORT = "port";
  public static final String API_KEY = "api.key";
  public static final String CALLBACK_SECRET = "callback.secret";

  /** {@code true} to run the reconcilers, batch sender and webhook dispatcher; off by default. */
  public static final String BACKGROUND_WORKERS = "background.workers";

  /** Gateway settings as JSON text in the config file's format, applied last; optional. */
  public static final String GATEWAY_JSON = "gateway.json";

  private GatewayProcess() {}

  /** A gateway process started by {@link #launch}, listening on {@code port}. */
  public record Launched(Process process, int port, Path output) {
    public String baseUrl() {
      return "http://127.0.0.1:" + port;
    }
  }

  /**
   * Starts {@link #main} in a new JVM on this class path with a settings file, its output going to
   * {@code output}, and waits until it listens.
   *
   * @throws IllegalStateException (with the output's last lines) if it exits or is not ready in
   *     time; the process is then killed
   */
  public static Launched launch(Path settings, Path output, Duration timeout) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process process =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                GatewayProcess.class.getName(),
                settings.toString())
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .start();
    Pattern ready = Pattern.compile("^" + READY + " (\\d+)$", Pattern.MULTILINE);
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      while (System.nanoTime() < deadline) {
        Matcher m = ready.matcher(Files.readString(output));
        if (m.find()) {
          return new Launched(process, Integer.parseInt(m.group(1)), output);
        }
        if (!process.isAlive()) {
          break;
        }
        Thread.sleep(25);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    process.destroyForcibly();
    List<String> lines = Files.readAllLines(output);
    throw new IllegalStateException(
        "the gateway process was not READY (alive: "
            + process.isAlive()
            + "); its last lines:\n"
            + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size())));
  }

  /** Writes the settings file {@link #main} reads. */
  public static void writeSettings(Path file, Properties settings) throws IOException {
    try (var out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      settings.store(out, "GatewayProcess settings");
    }
  }

  public static void main(String[] args) throws IOException, InterruptedException {
    if (args.length != 1) {
      System.err.println("usage: GatewayProcess <settings.properties>");
      System.exit(2);
    }
    Properties settings = new Properties();
    try (Reader in = Files.newBufferedReader(Path.of(args[0]), StandardCharsets.UTF_8)) {
      settings.load(in);
    }
    String certificate =
        Files.readString(Path.of(required(settings, CERTIFICATE_FILE)), StandardCharsets.UTF_8);
    DarajaClient daraja = daraja(required(settings, EMULATOR_URL), certificate);
    GatewayConfig.Builder config =
        GatewayConfig.builder(required(settings, DATABASE_URL))
            .port(Integer.parseInt(settings.getProperty(PORT, "0")))
            .apiKey(required(settings, API_KEY))
            .callbackSecret(required(settings, CALLBACK_SECRET));
    String json = settings.getProperty(GATEWAY_JSON, "");
    if (!json.isBlank()) {
      config.json(json);
    }
    DarajaGateway gateway =
        DarajaGateway.builder()
            .config(config.build())
            .daraja(daraja)
            .backgroundWorkers(
                Boolean.parseBoolean(settings.getProperty(BACKGROUND_WORKERS, "false")))
            .start();
    // If the test's JVM dies without killing this one, do not outlive it holding a port and a file.
    ProcessHandle.current()
        .parent()
        .ifPresent(parent -> parent.onExit().thenRun(() -> Runtime.getRuntime().halt(3)));
    System.out.println(READY + " " + gateway.port());
    System.out.flush();
    // Serves until the test kills this process; no shutdown path is wanted.
    new CountDownLatch(1).await();
  }

  /**
   * The Daraja client every gateway process uses: the sandbox's STK shortcode and initiator,
   * against an emulator (or anything in front of one) at {@code baseUrl}.
   */
  public static DarajaClient daraja(String baseUrl, String certificatePem) {
    return DarajaClient.builder()
        .baseUrl(baseUrl)
        .consumerKey("gateway-test")
        .consumerSecret("gateway-test-secret")
        .shortCode(Sandbox.STK_SHORTCODE)
        .passkey(Sandbox.STK_PASSKEY)
        .initiator(
            Sandbox.INITIATOR_NAME,
            Sandbox.INITIATOR_PASSWORD,
            SecurityCredentials.certificate(certificatePem))
        .build();
  }

  private static String required(Properties settings, String key) {
    String value = settings.getProperty(key);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("the settings file has no '" + key + "'");
    }
    return value;
  }
}
