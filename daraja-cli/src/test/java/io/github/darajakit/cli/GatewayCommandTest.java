package io.github.darajakit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.darajakit.emulator.Sandbox;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class GatewayCommandTest {

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private final HttpClient http = HttpClient.newHttpClient();

  private int run(Map<String, String> env, String... args) {
    CommandLine commandLine =
        new CommandLine(
            new DarajaCli(),
            new CommandLine.IFactory() {
              @Override
              public <K> K create(Class<K> type) throws Exception {
                if (type == GatewayCommand.class) {
                  return type.cast(new GatewayCommand(env));
                }
                return CommandLine.defaultFactory().create(type);
              }
            });
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    return commandLine.execute(args);
  }

  @Test
  void helpListsTheGatewayCommand() {
    assertThat(run(Map.of(), "--help")).isZero();
    assertThat(out.toString()).contains("gateway");
  }

  @Test
  void badConfigKeyIsAUsageErrorNamingTheKey(@TempDir Path dir) throws Exception {
    Path config = Files.writeString(dir.resolve("gateway.json"), "{\"c2b\":{\"shortcode\":\"1\"}}");
    int exit =
        run(
            Map.of(),
            "gateway",
            "--port",
            "0",
            "--data-dir",
            dir.toString(),
            "--config",
            config.toString());
    assertThat(exit).isEqualTo(DarajaCli.EXIT_USAGE);
    assertThat(err.toString()).contains("c2b.shortcode").contains("docs/gateway.md");
  }

  @Test
  void missingConfigFileIsAUsageError(@TempDir Path dir) {
    int exit =
        run(
            Map.of(),
            "gateway",
            "--port",
            "0",
            "--data-dir",
            dir.toString(),
            "--config",
            "/no/such.json");
    assertThat(exit).isEqualTo(DarajaCli.EXIT_USAGE);
    assertThat(err.toString()).contains("/no/such.json").contains("no such file");
  }

  @Test
  void badCallbackSecretIsRefusedBeforeAnythingStarts(@TempDir Path dir) {
    int exit =
        run(
            Map.of("DARAJA_CALLBACK_SECRET", "short"),
            "gateway",
            "--port",
            "0",
            "--data-dir",
            dir.toString());
    assertThat(exit).isEqualTo(DarajaCli.EXIT_USAGE);
    assertThat(err.toString()).contains("callback secret");
    assertThat(err.toString()).doesNotContain("short\"");
  }

  @Test
  void aBadGatewayVariableIsAUsageErrorNamingItBeforeAnythingStarts(@TempDir Path dir) {
    int exit =
        run(
            Map.of("MPESA_C2B_SHORTCODE", "PAYBILL"),
            "gateway",
            "--port",
            "0",
            "--data-dir",
            dir.toString());
    assertThat(exit).isEqualTo(DarajaCli.EXIT_USAGE);
    assertThat(err.toString()).contains("MPESA_C2B_SHORTCODE").contains("5 to 9 digits");
    assertThat(out.toString()).doesNotContain("listening");
  }

  @Test
  void theGatewaysVariablesReachTheGateway(@TempDir Path dir) throws Exception {
    String key = "dk_cliTestConfiguredKey0123456789";
    Thread thread =
        startGateway(
            Map.of("DARAJA_API_KEY", key, "DARAJA_DASHBOARD_PASSWORD", "cli test password"), dir);
    String baseUrl = printed("gateway listening on (http://127\\.0\\.0\\.1:\\d+)");
    printed("(Press Ctrl-C to stop)");
    assertThat(out.toString())
        .contains("as configured (DARAJA_API_KEY or --config)")
        .contains("or the dashboard password")
        .doesNotContain(key);
    assertThat(paymentsListedWith(baseUrl, key)).isEqualTo(200);
    stop(thread);
  }

  @Test
  void withoutCredentialsRunsOnAnEmbeddedEmulatorAndTakesAPayment(@TempDir Path dir)
      throws Exception {
    Thread thread = startGateway(Map.of(), dir);
    String baseUrl = printed("gateway listening on (http://127\\.0\\.0\\.1:\\d+)");
    String banner = out.toString();
    assertThat(banner).contains("EMBEDDED EMULATOR").contains("No real money moves");
    assertThat(banner).contains(dir.resolve("gateway.db").toString());
    Matcher key = Pattern.compile("API key +(dk_\\S+)").matcher(banner);
    assertThat(key.find()).as("the generated API key is printed once").isTrue();
    assertThat(banner).contains("curl -X POST " + baseUrl + "/v1/payments");
    assertThat(banner).contains("Bearer " + key.group(1));

    HttpResponse<String> created =
        http.send(
            HttpRequest.newBuilder(URI.create(baseUrl + "/v1/payments"))
                .header("Authorization", "Bearer " + key.group(1))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"phone\":\"0708374149\",\"amount\":10,\"reference\":\"INV-1\","
                            + "\"description\":\"Invoice 1\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(created.statusCode()).isEqualTo(201);
    Matcher id = Pattern.compile("\"id\":\"(pay_[^\"]+)\"").matcher(created.body());
    assertThat(id.find()).isTrue();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                http.send(
                        HttpRequest.newBuilder(URI.create(baseUrl + "/v1/payments/" + id.group(1)))
                            .header("Authorization", "Bearer " + key.group(1))
                            .build(),
                        HttpResponse.BodyHandlers.ofString())
                    .body(),
            body -> body.contains("\"status\":\"succeeded\""));

    stop(thread);
  }

  @Test
  void aFirstStartThatCannotListenKeepsNoKeySoTheNextStartPrintsOneThatWorks(@TempDir Path dir)
      throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int exit =
          run(
              Map.of(),
              "gateway",
              "--port",
              String.valueOf(taken.getLocalPort()),
              "--data-dir",
              dir.toString());
      assertThat(exit).isEqualTo(DarajaCli.EXIT_FAILURE);
      assertThat(err.toString()).contains("cannot listen on 127.0.0.1:" + taken.getLocalPort());
      assertThat(out.toString()).doesNotContain("API key");
    }

    Thread thread = startGateway(Map.of(), dir);
    String baseUrl = printed("gateway listening on (http://127\\.0\\.0\\.1:\\d+)");
    printed("(Press Ctrl-C to stop)");
    Matcher printedKey = Pattern.compile("API key +(dk_\\S+)").matcher(out.toString());
    assertThat(printedKey.find()).as("a generated API key is printed: " + out).isTrue();
    String key = printedKey.group(1);
    assertThat(paymentsListedWith(baseUrl, key)).isEqualTo(200);
    stop(thread);
  }

  @Test
  void theEmbeddedEmulatorsAdminApiServesOnlyThisMachineAndNeverShowsTheCallbackSecret(
      @TempDir Path dir) throws Exception {
    String secret = "cliTestCallbackPath0123456789";
    Thread thread = startGateway(Map.of("DARAJA_CALLBACK_SECRET", secret), dir);
    String emulatorUrl = printed("EMBEDDED EMULATOR at (http://127\\.0\\.0\\.1:\\d+)");

    // The gateway registers its C2B URLs, secret included, as it starts.
    String registrations =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () -> get(emulatorUrl + "/__admin/c2b/registrations"),
                r -> r.contains(Sandbox.SHORTCODE_1));
    String settings = get(emulatorUrl + "/__admin/settings");

    assertThat(registrations).doesNotContain(secret).contains("/daraja/***/c2b/confirmation");
    assertThat(settings)
        .contains("\"host\":\"127.0.0.1\"")
        .contains("\"loopbackOnly\":true")
        .contains("\"redactCallbackUrls\":true");
    stop(thread);
  }

  private Thread startGateway(Map<String, String> env, Path dir) {
    Thread thread =
        new Thread(() -> run(env, "gateway", "--port", "0", "--data-dir", dir.toString()));
    thread.start();
    return thread;
  }

  /** Waits for the gateway to print a line matching {@code pattern}; answers its first group. */
  private String printed(String pattern) {
    return Printed.await(out, pattern, Duration.ofSeconds(30));
  }

  /** The status of listing payments with {@code key}: 200 if the gateway accepts it. */
  private int paymentsListedWith(String baseUrl, String key) throws Exception {
    return http.send(
            HttpRequest.newBuilder(URI.create(baseUrl + "/v1/payments"))
                .header("Authorization", "Bearer " + key)
                .build(),
            BodyHandlers.ofString())
        .statusCode();
  }

  private String get(String url) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url)).build(), BodyHandlers.ofString())
        .body();
  }

  private static void stop(Thread gateway) throws InterruptedException {
    gateway.interrupt();
    gateway.join(15_000);
    assertThat(gateway.isAlive()).isFalse();
  }
}
