package io.github.darajakit.cli;

import static io.github.darajakit.cli.TerminalPictures.decode;
import static io.github.darajakit.cli.TerminalPictures.pictureIn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.github.darajakit.client.DarajaClient;
import io.github.darajakit.client.account.AccountBalanceRequest;
import io.github.darajakit.client.webhooks.WebhookSecret;
import io.github.darajakit.client.webhooks.WebhookSignature;
import io.github.darajakit.emulator.DarajaEmulator;
import io.github.darajakit.emulator.EmulatorConfig;
import io.github.darajakit.emulator.Sandbox;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code daraja qr|token|credential|webhooks|completion} against an in-process emulator. */
class ToolCommandsTest {

  private static final Supplier<InputStream> SYSTEM_IN = () -> System.in;

  /**
   * Strict credentials, locked after one failure: a credential the emulator cannot decrypt to the
   * initiator's password locks {@code testapi} at once, which the admin API shows.
   */
  private static DarajaEmulator emulator;

  private final HttpClient http = HttpClient.newHttpClient();
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeAll
  static void startEmulator() {
    emulator =
        DarajaEmulator.builder()
            .config(
                EmulatorConfig.builder()
                    .credentialMode(EmulatorConfig.CredentialMode.STRICT)
                    .credentialLockAfter(1)
                    .build())
            .port(0)
            .start();
  }

  @AfterAll
  static void stopEmulator() {
    emulator.close();
  }

  @BeforeEach
  void resetEmulator() {
    emulator.reset();
  }

  @AfterEach
  void restoreStandardInput() {
    CredentialCommand.standardInput = SYSTEM_IN;
    WebhooksCommand.standardInput = SYSTEM_IN;
  }

  // ---- qr

  @Test
  void qrSavesADecodablePngAndPrintsAPictureThatScans(@TempDir Path dir) throws Exception {
    Path png = dir.resolve("code.png");

    int exit = runQr("--png", png.toString());

    assertThat(exit).as(err.toString()).isZero();
    String saved = decode(ImageIO.read(png.toFile()));
    assertThat(saved).contains("TrxCode=BG").contains("CPI=373132").contains("RefNo=INV-1");
    assertThat(decode(pictureIn(out.toString()))).isEqualTo(saved);
    assertThat(out.toString()).contains(png.toString()).contains("The code reads: " + saved);
    assertThat(endpointCounts().path("qr_generate").asLong()).isEqualTo(1);
  }

  @Test
  void qrJsonIsOneObjectWithTheTextAndTheFile(@TempDir Path dir) throws Exception {
    Path png = dir.resolve("code.png");

    int exit = runQr("--png", png.toString(), "--json");

    assertThat(exit).as(err.toString()).isZero();
    JsonNode json = Output.JSON.readTree(out.toString());
    assertThat(json.path("qr_text").asText()).isEqualTo(decode(ImageIO.read(png.toFile())));
    assertThat(json.path("png").asText()).isEqualTo(png.toAbsolutePath().toString());
    assertThat(json.path("amount").asLong()).isEqualTo(10);
    assertThat(json.path("trx_code").asText()).isEqualTo("BG");
    assertThat(out.toString()).doesNotContain("█");
  }

  @ParameterizedTest
  @CsvSource({
    "--trx-code, XX, --trx-code",
    "--amount, 0, --amount",
    "--amount, 250001, --amount",
    "--amount, ten, --amount",
    "--cpi, 12, --cpi",
    "--size, 50, --size",
    "--ref, '', --ref",
    "--png, /no/such/directory/code.png, --png"
  })
  void qrBadInputIsAUsageErrorNamingTheOptionAndSendsNothing(
      String option, String value, String named) throws Exception {
    List<String> args =
        new ArrayList<>(
            List.of(
                "qr",
                "--base-url",
                emulator.baseUrl(),
                "--merchant-name",
                "TEST SUPERMARKET",
                "--ref",
                "INV-1",
                "--amount",
                "10",
                "--trx-code",
                "BG",
                "--cpi",
                "373132"));
    int at = args.indexOf(option);
    if (at >= 0) {
      args.set(at + 1, value);
    } else {
      args.addAll(List.of(option, value));
    }

    int exit = run(args.toArray(String[]::new));

    assertThat(exit).isEqualTo(DarajaCli.EXIT_USAGE);
    assertThat(err.toString()).contains(named);
    assertThat(endpointCounts().size()).as("requests the emulator saw").isZero();
  }

  @Test
  void qrNamesTheDefaultFileAfterASafeReference() {
    assertThat(QrCommand.defaultPngFile("INV-1")).isEqualTo(Path.of("qr-INV-1.png"));
    assertThat(QrCommand.defaultPngFile("Invoice 7/2026"))
        .isEqualTo(Path.of("qr-Invoice-7-2026.png"));
  }

  @Test
  void qrFailsWhenDarajasImageHoldsNoQrCode(@TempDir Path dir) throws Exception {
    HttpServer daraja = fakeDarajaAnsweringWithABlankImage();
    try {
      String baseUrl = "http://127.0.0.1:" + daraja.getAddress().getPort();
      Path png = dir.resolve("blank.png");

      int exit =
          run(
              "qr",
              "--base-url",
              baseUrl,
              "--merchant-name",
              "TEST SUPERMARKET",
              "--ref",
              "INV-1",
              "--amount",
              "10",
              "--trx-code",
              "BG",
              "--cpi",
              "373132",
              "--png",
              png.toString());

      assertThat(exit).isEqualTo(DarajaCli.EXIT_FAILURE);
      assertThat(err.toString()).contains("no readable QR code").contains(png.toString());
      assertThat(png).exists();
    } finally {
      daraja.stop(0);
    }
  }

  @Test
  void decodingAnImageWithoutACodeIsAFailureNotACrash() throws Exception {
    BufferedImage white = new BufferedImage(120, 120, BufferedImage.TYPE_INT_RGB);
    white.getGraphics().fillRect(0, 0, 120, 120);

    assertThatThrownBy(() -> QrCommand.decode(png(white), Path.of("x.png")))
        .isInstanceOf(CommandException.class)
        .hasMessageContaining("no readable QR code");
    assertThatThrownBy(() -> QrCommand.decode(new byte[] {1, 2, 3}, Path.of("x.png")))
        .isInstanceOf(CommandException.class)
        .hasMessageContaining("not a readable PNG");
  }

  // ---- token

  @Test
  void tokenPrintsATokenTheEmulatorAccepts() throws Exception {
    int exit = run("token", "--base-url", emulator.baseUrl());

    assertThat(exit).as(err.toString()).isZero();
    String[] lines = out.toString().split("\n");
    String token = lines[0].strip();
    assertThat(lines[1]).startsWith("expires in 3599 s");
    assertThat(qrStatusWithToken(token)).isEqualTo(200);
    assertThat(qrStatusWithToken("not" + token)).as("a token it did not issue").isEqualTo(404);
  }

  @Test
  void tokenJsonHasTheTokenAndItsLifetime() throws Exception {
    int exit = run("token", "--base-url", emulator.baseUrl(), "--json");

    assertThat(exit).as(err.toString()).isZero();
    JsonNode json = Output.JSON.readTree(out.toString());
    assertThat(json.path("expires_in").asLong()).isEqualTo(3599);
    assertThat(qrStatusWithToken(json.path("access_token").asText())).isEqualTo(200);
  }

  @Test
  void tokenRefusedFailsWithDarajasMessageAndNeverShowsTheSecret() {
    String secret = "consumer-secret-4711";
    try (DarajaEmulator strict =
        DarajaEmulator.builder()
            .config(
                EmulatorConfig.builder()
                    .apps(List.of(new EmulatorConfig.App("known-key", "known-secret", Set.of())))
                    .build())
            .port(0)
            .start()) {
      int exit =
          DarajaCli.run(
              Map.of(
                  "MPESA_ENV", "emulator",
                  "MPESA_CONSUMER_KEY", "unknown-key",
                  "MPESA_CONSUMER_SECRET", secret),
              new PrintWriter(out, true),
              new PrintWriter(err, true),
              "token",
              "--base-url",
              strict.baseUrl());

      assertThat(exit).isEqualTo(DarajaCli.EXIT_FAILURE);
      assertThat(err.toString())
          .contains("HTTP 400 400.008.01")
          .contains("Invalid authentication type passed");
      assertThat(out.toString() + err.toString()).doesNotContain(secret);
    }
  }

  @Test
  void tokenWithABadBaseUrlIsAUsageErrorNamingTheOption() {
    assertThat(run("token", "--base-url", "ftp://127.0.0.1")).isEqualTo(DarajaCli.EXIT_USAGE);
    assertThat(err.toString()).contains("--base-url");
  }

  @Test
  void tokenOutsideTheEmulatorNeedsTheConsumerKeyAndSendsNothing() throws Exception {
    int exit = run("token", "--env", "sandbox", "--base-url", emulator.baseUrl());

    assertThat(exit).isEqualTo(DarajaCli.EXIT_USAGE);
    assertThat(err.toString()).contains("MPESA_CONSUMER_KEY");
    assertThat(endpointCounts().size()).isZero();
  }

  // ---- credential

  @Test
  void credentialFromStandardInputIsAcceptedByTheEmulator() throws Exception {
    String credential = credentialFor(Sandbox.INITIATOR_PASSWORD + "\n");

    assertThat(Base64.getDecoder().decode(credential)).hasSize(256);
    assertThat(err.toString()).contains("the emulator's certificate");
    assertThat(lockedAfterABalanceRequestWith(credential)).isEmpty();
  }

  @Test
  void credentialOfAWrongPasswordIsRefusedByTheEmulator() throws Exception {
    // The check above could pass for any credential if the emulator accepted everything.
    String credential = credentialFor("not-the-password\n");

    assertThat(lockedAfterABalanceRequestWith(credential)).contains(Sandbox.INITIATOR_NAME);
  }

  @Test
  void credentialWithACertificateFileUsesThatFile(@TempDir Path dir) throws Exception {
    Path pem = Files.writeString(dir.resolve("emulator.pem"), emulator.certificatePem());
    CredentialCommand.standardInput = stdin(Sandbox.INITIATOR_PASSWORD);

    int exit =
        run("credential", "--env", "sandbox", "--password-stdin", "--certificate", pem.toString());

    assertThat(exit).as(err.toString()).isZero();
    assertThat(err.toString()).contains(pem.toString());
    assertThat(lockedAfterABalanceRequestWith(out.toString().strip())).isEmpty();
  }

  @Test
  void credentialJsonHoldsTheCredentialAndNeverThePassword() throws Exception {
    CredentialCommand.standardInput = stdin(Sandbox.INITIATOR_PASSWORD);

    int exit = run("credential", "--base-url", emulator.baseUrl(), "--password-stdin", "--json");

    assertThat(exit).as(err.toString()).isZero();
    JsonNode json = Output.JSON.readTree(out.toString());
    assertThat(json.path("environment").asText()).isEqualTo("emulator");
    assertThat(lockedAfterABalanceRequestWith(json.path("security_credential").asText())).isEmpty();
    assertThat(out.toString() + err.toString()).doesNotContain(Sandbox.INITIATOR_PASSWORD);
  }

  @Test
  void credentialWithoutAPasswordIsAUsageErrorAndSendsNothing() throws Exception {
    assertThat(run("credential", "--base-url", emulator.baseUrl())).isEqualTo(DarajaCli.EXIT_USAGE);
    assertThat(err.toString()).contains("--password-stdin");

    CredentialCommand.standardInput = stdin("");
    assertThat(run("credential", "--base-url", emulator.baseUrl(), "--password-stdin"))
        .isEqualTo(DarajaCli.EXIT_USAGE);
    assertThat(err.toString()).contains("--password-stdin: standard input is empty");
    assertThat(endpointCounts().size()).isZero();
  }

  @Test
  void credentialWithAMissingCertificateFileIsAUsageErrorNamingTheOption() {
    CredentialCommand.standardInput = stdin(Sandbox.INITIATOR_PASSWORD);

    int exit = run("credential", "--password-stdin", "--certificate", "/no/such/certificate.pem");

    assertThat(exit).isEqualTo(DarajaCli.EXIT_USAGE);
    assertThat(err.toString()).contains("--certificate").contains("/no/such/certificate.pem");
  }

  // ---- webhooks verify

  @Test
  void webhookWithAValidSignatureIsValid(@TempDir Path dir) throws Exception {
    WebhookSecret secret = WebhookSecret.generate(new SecureRandom());
    byte[] body =
        "{\"type\":\"payment.succeeded\",\"amount\":10}\n".getBytes(StandardCharsets.UTF_8);
    Path file = Files.write(dir.resolve("body.json"), body);
    long now = Instant.now().getEpochSecond();
    String signature = WebhookSignature.sign(secret, "msg_1", now, body);

    int exit = verify(secret, "msg_1", now, signature, "--body", file.toString());

    assertThat(exit).as(err.toString()).isZero();
    assertThat(out.toString()).startsWith("valid");
    assertNoSecretIn(secret);
  }

  @Test
  void webhookWithATamperedBodyIsNotValid() {
    WebhookSecret secret = WebhookSecret.generate(new SecureRandom());
    byte[] body = "{\"amount\":10}".getBytes(StandardCharsets.UTF_8);
    long now = Instant.now().getEpochSecond();
    String signature = WebhookSignature.sign(secret, "msg_1", now, body);
    WebhooksCommand.standardInput = stdin("{\"amount\":10000}");

    int exit = verify(secret, "msg_1", now, signature, "--body-stdin");

    assertThat(exit).isEqualTo(DarajaCli.EXIT_FAILURE);
    assertThat(out.toString()).startsWith("not valid").contains("none of the 1 v1 signature");
    assertNoSecretIn(secret);
  }

  @Test
  void webhookBodyFromStandardInputIsReadByteForByte() {
    WebhookSecret secret = WebhookSecret.generate(new SecureRandom());
    byte[] body = "{\"amount\":10}\n".getBytes(StandardCharsets.UTF_8);
    long now = Instant.now().getEpochSecond();
    WebhooksCommand.standardInput = () -> new ByteArrayInputStream(body);

    int exit =
        verify(
            secret,
            "msg_1",
            now,
            WebhookSignature.sign(secret, "msg_1", now, body),
            "--body-stdin");

    assertThat(exit).as(out.toString()).isZero();
  }

  @Test
  void webhookOlderThanTheToleranceIsNotValidUnlessTheToleranceIsLonger() throws Exception {
    WebhookSecret secret = WebhookSecret.generate(new SecureRandom());
    byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
    long anHourAgo = Instant.now().getEpochSecond() - 3600;
    String signature = WebhookSignature.sign(secret, "msg_1", anHourAgo, body);

    WebhooksCommand.standardInput = stdin("{}");
    assertThat(verify(secret, "msg_1", anHourAgo, signature, "--body-stdin", "--json"))
        .isEqualTo(DarajaCli.EXIT_FAILURE);
    JsonNode json = Output.JSON.readTree(out.toString());
    assertThat(json.path("valid").asBoolean(true)).isFalse();
    assertThat(json.path("reason").asText()).isEqualTo("TIMESTAMP_TOO_OLD");

    WebhooksCommand.standardInput = stdin("{}");
    assertThat(verify(secret, "msg_1", anHourAgo, signature, "--body-stdin", "--tolerance", "2h"))
        .isZero();
  }

  @Test
  void webhookSecretMayComeFromTheEnvironment() {
    WebhookSecret secret = WebhookSecret.generate(new SecureRandom());
    byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
    long now = Instant.now().getEpochSecond();
    WebhooksCommand.standardInput = () -> new ByteArrayInputStream(body);

    int exit =
        DarajaCli.run(
            Map.of("DARAJA_WEBHOOK_SECRET", secret.serialized()),
            new PrintWriter(out, true),
            new PrintWriter(err, true),
            "webhooks",
            "verify",
            "--id",
            "msg_1",
            "--timestamp",
            Long.toString(now),
            "--signature",
            WebhookSignature.sign(secret, "msg_1", now, body),
            "--body-stdin");

    assertThat(exit).as(err.toString()).isZero();
  }

  @ParameterizedTest
  @ValueSource(strings = {"--secret", "--timestamp", "--tolerance", "--body"})
  void webhookBadInputIsAUsageErrorNamingTheOption(String option) {
    WebhookSecret secret = WebhookSecret.generate(new SecureRandom());
    Map<String, String> args = new HashMap<>();
    args.put("--secret", secret.serialized());
    args.put("--id", "msg_1");
    args.put("--timestamp", Long.toString(Instant.now().getEpochSecond()));
    args.put("--signature", "v1,AAAA");
    args.put("--body", "/no/such/body.json");
    args.put("--tolerance", "5m");
    args.put(
        option,
        switch (option) {
          case "--secret" -> "whsec_c2hvcnQ=";
          case "--timestamp" -> "yesterday";
          case "--tolerance" -> "soon";
          default -> "/no/such/body.json";
        });
    List<String> argv = new ArrayList<>(List.of("webhooks", "verify"));
    args.forEach((name, value) -> argv.addAll(List.of(name, value)));

    assertThat(run(argv.toArray(String[]::new))).isEqualTo(DarajaCli.EXIT_USAGE);
    assertThat(err.toString()).contains(option);
    assertNoSecretIn(secret);
  }

  @Test
  void webhookWithoutABodyIsAUsageError() {
    int exit =
        run(
            "webhooks",
            "verify",
            "--secret",
            WebhookSecret.generate(new SecureRandom()).serialized(),
            "--id",
            "msg_1",
            "--timestamp",
            "1",
            "--signature",
            "v1,AAAA");

    assertThat(exit).isEqualTo(DarajaCli.EXIT_USAGE);
    assertThat(err.toString()).contains("--body");
  }

  // ---- completion and help

  @Test
  void completionPrintsABashScriptForEveryCommand() {
    assertThat(run("completion")).isZero();
    assertThat(out.toString()).contains("complete -F").contains("webhooks").contains("qr");
  }

  @Test
  void completionTakesNoArguments() {
    assertThat(run("completion", "fish")).isEqualTo(DarajaCli.EXIT_USAGE);
    assertThat(err.toString()).contains("fish");
  }

  @ParameterizedTest
  @ValueSource(strings = {"qr", "token", "credential", "webhooks verify", "completion"})
  void helpShowsAnExample(String command) {
    List<String> args = new ArrayList<>(List.of(command.split(" ")));
    args.add("--help");

    assertThat(run(args.toArray(String[]::new))).isZero();
    assertThat(out.toString()).contains("Example");
  }

  // ---- helpers

  private int run(String... args) {
    return DarajaCli.run(Map.of(), new PrintWriter(out, true), new PrintWriter(err, true), args);
  }

  private int runQr(String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "qr",
                "--base-url",
                emulator.baseUrl(),
                "--merchant-name",
                "TEST SUPERMARKET",
                "--ref",
                "INV-1",
                "--amount",
                "10",
                "--trx-code",
                "bg",
                "--cpi",
                "373132"));
    args.addAll(List.of(extra));
    return run(args.toArray(String[]::new));
  }

  private int verify(
      WebhookSecret secret, String id, long timestamp, String signature, String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "webhooks",
                "verify",
                "--secret",
                secret.serialized(),
                "--id",
                id,
                "--timestamp",
                Long.toString(timestamp),
                "--signature",
                signature));
    args.addAll(List.of(extra));
    return run(args.toArray(String[]::new));
  }

  private void assertNoSecretIn(WebhookSecret secret) {
    String key = secret.serialized().substring(WebhookSecret.PREFIX.length());
    assertThat(out.toString() + err.toString()).doesNotContain(key);
  }

  private static Supplier<InputStream> stdin(String text) {
    return () -> new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }

  /** Runs {@code daraja credential --password-stdin} against the emulator: the credential. */
  private String credentialFor(String standardInput) {
    CredentialCommand.standardInput = stdin(standardInput);
    int exit = run("credential", "--base-url", emulator.baseUrl(), "--password-stdin");
    assertThat(exit).as(err.toString()).isZero();
    return out.toString().strip();
  }

  /**
   * Sends an Account Balance request as {@code testapi} with this credential and returns the
   * initiators the emulator has locked since: none if it decrypted to the right password.
   */
  private List<String> lockedAfterABalanceRequestWith(String credential) throws Exception {
    Map<String, String> env =
        Map.of(
            "MPESA_ENV",
            "emulator",
            "MPESA_BASE_URL",
            emulator.baseUrl(),
            "MPESA_CONSUMER_KEY",
            "test",
            "MPESA_CONSUMER_SECRET",
            "test",
            "MPESA_SHORTCODE",
            Sandbox.SHORTCODE_2,
            "MPESA_INITIATOR_NAME",
            Sandbox.INITIATOR_NAME,
            "MPESA_SECURITY_CREDENTIAL",
            credential);
    try (DarajaClient client = DarajaClient.fromEnv(env)) {
      client
          .account()
          .balance(
              AccountBalanceRequest.builder()
                  .remarks("Balance")
                  // Nothing listens there: the result's delivery fails at once, unread.
                  .resultUrl("https://127.0.0.1:9/result")
                  .queueTimeOutUrl("https://127.0.0.1:9/timeout")
                  .build());
    }
    List<String> locked = new ArrayList<>();
    admin("/credentials").path("locked").forEach(name -> locked.add(name.asText()));
    return locked;
  }

  private int qrStatusWithToken(String token) throws Exception {
    String body =
        "{\"MerchantName\":\"TEST\",\"RefNo\":\"INV-1\",\"Amount\":1,\"TrxCode\":\"BG\","
            + "\"CPI\":\"373132\",\"Size\":\"300\"}";
    return http.send(
            HttpRequest.newBuilder(URI.create(emulator.baseUrl() + "/mpesa/qrcode/v1/generate"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString())
        .statusCode();
  }

  /** Requests per Daraja endpoint since the last reset (the admin API is not counted). */
  private JsonNode endpointCounts() throws Exception {
    return admin("/counters").path("endpoints");
  }

  private JsonNode admin(String path) throws Exception {
    HttpResponse<String> reply =
        http.send(
            HttpRequest.newBuilder(URI.create(emulator.adminUrl() + path)).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
    return Output.JSON.readTree(reply.body());
  }

  private static byte[] png(BufferedImage image) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ImageIO.write(image, "png", bytes);
    return bytes.toByteArray();
  }

  /**
   * A stand-in Daraja whose QR answer is a valid PNG with no code in it; the certificate and token
   * endpoints answer as the emulator's would.
   */
  private static HttpServer fakeDarajaAnsweringWithABlankImage() throws IOException {
    BufferedImage white = new BufferedImage(300, 300, BufferedImage.TYPE_INT_RGB);
    white.getGraphics().fillRect(0, 0, 300, 300);
    String qrAnswer =
        "{\"ResponseCode\":\"00\",\"RequestID\":\"req-1\","
            + "\"ResponseDescription\":\"QR Code Successfully Generated.\",\"QRCode\":\""
            + Base64.getEncoder().encodeToString(png(white))
            + "\"}";
    Map<String, String> answers =
        Map.of(
            "/__admin/certificate",
            emulator.certificatePem(),
            "/oauth/v1/generate",
            "{\"access_token\":\"fake-token\",\"expires_in\":\"3599\"}",
            "/mpesa/qrcode/v1/generate",
            qrAnswer);
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          String answer = answers.get(exchange.getRequestURI().getPath());
          byte[] bytes =
              (answer == null ? "{\"errorCode\":\"404.001.01\"}" : answer)
                  .getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(answer == null ? 404 : 200, bytes.length);
          exchange.getResponseBody().write(bytes);
          exchange.close();
        });
    server.start();
    return server;
  }
}
