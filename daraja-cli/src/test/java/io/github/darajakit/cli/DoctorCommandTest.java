package io.github.darajakit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.darajakit.emulator.DarajaEmulator;
import io.github.darajakit.emulator.DarajaEmulatorExtension;
import io.github.darajakit.emulator.EmulatorConfig;
import io.github.darajakit.emulator.Sandbox;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code daraja doctor} against an in-process emulator: each check passing, and each failing. */
@ExtendWith(DarajaEmulatorExtension.class)
class DoctorCommandTest {

  private final DarajaEmulator emulator;

  @TempDir Path dataDir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private final Map<String, String> env = new HashMap<>();

  DoctorCommandTest(DarajaEmulator emulator) {
    this.emulator = emulator;
  }

  @BeforeEach
  void emulatorEnvironment() throws Exception {
    env.put("MPESA_ENV", "emulator");
    env.put("MPESA_BASE_URL", emulator.baseUrl());
    gatewayDatabase(dataDir, "WAL");
  }

  @Test
  void aSoundEmulatorSetupPassesEveryCheckThatAppliesAndExitsZero() throws Exception {
    int code = run("doctor", "--data-dir", dataDir.toString(), "--min-free-space", "1KB");

    assertThat(code).as(out + "\n" + err).isZero();
    assertThat(out.toString())
        .contains("daraja doctor: emulator at " + emulator.baseUrl())
        .contains("✓ Credentials give a token [oauth]")
        .contains("✓ Initiator credential decrypts [initiator-credential]")
        .contains("- C2B URLs registered [c2b-urls]")
        .contains("0 failed");

    Map<String, JsonNode> checks =
        json("doctor", "--data-dir", dataDir.toString(), "--json", "--min-free-space", "1KB");
    assertThat(status(checks))
        .containsEntry("oauth", "pass")
        .containsEntry("clock", "pass")
        .containsEntry("certificate", "pass")
        .containsEntry("initiator-credential", "pass")
        .containsEntry("shortcodes", "pass")
        .containsEntry("callback-urls", "pass")
        .containsEntry("c2b-urls", "skip")
        .containsEntry("database", "pass")
        .containsEntry("database-backup", "skip");
    assertThat(checks.get("database-backup").path("message").asText())
        .contains("backups matter in production");
    assertThat(checks.get("shortcodes").path("message").asText())
        .contains("MPESA_SHORTCODE " + Sandbox.STK_SHORTCODE + " is a PayBill");
  }

  @Test
  void aWrongConsumerSecretFailsOauthAndSkipsWhatNeedsAToken() throws Exception {
    try (DarajaEmulator strict = appsOnly(Set.of())) {
      env.put("MPESA_BASE_URL", strict.baseUrl());
      env.put("MPESA_CONSUMER_SECRET", "wrong-secret-8842");

      Map<String, JsonNode> checks = json("doctor", "--no-gateway", "--json");

      assertThat(lastCode).isEqualTo(DarajaCli.EXIT_FAILURE);
      assertThat(checks.get("oauth").path("status").asText()).isEqualTo("fail");
      assertThat(checks.get("oauth").path("message").asText()).contains("refused");
      assertThat(checks.get("oauth").path("fix").asText()).contains("MPESA_CONSUMER_SECRET");
      assertThat(checks.get("shortcodes").path("status").asText()).isEqualTo("skip");
      assertThat(out.toString()).doesNotContain("wrong-secret-8842");
    }
  }

  @Test
  void anAppWithoutQueryOrgInfoCannotHaveItsShortcodesCheckedAndSaysHowToFixThat()
      throws Exception {
    try (DarajaEmulator limited = appsOnly(Set.of("stk_push"))) {
      env.put("MPESA_BASE_URL", limited.baseUrl());

      Map<String, JsonNode> checks = json("doctor", "--no-gateway", "--json");

      assertThat(checks.get("oauth").path("status").asText()).isEqualTo("pass");
      JsonNode shortcodes = checks.get("shortcodes");
      assertThat(shortcodes.path("status").asText()).isEqualTo("warn");
      assertThat(shortcodes.path("message").asText())
          .startsWith("could not check " + Sandbox.STK_SHORTCODE + ": Query Org Info answered");
      assertThat(shortcodes.path("fix").asText()).contains("add the Query Org Info product");
    }
  }

  @Test
  void callbackUrlsOnLocalhostPrivateOrPlainHttpFailInProduction() throws Exception {
    env.put("DARAJA_PUBLIC_URL", "http://localhost:8080");

    Map<String, JsonNode> checks =
        inProduction(
            "--data-dir",
            dataDir.toString(),
            "--url",
            "https://10.1.2.3/payments/result",
            "--url",
            "http://8.8.8.8/payments/result",
            "--url",
            "https://169.254.10.1/payments/result");

    JsonNode urls = checks.get("callback-urls");
    assertThat(urls.path("status").asText()).isEqualTo("fail");
    assertThat(urls.path("message").asText())
        .contains("http://localhost:8080/daraja/****/result")
        .contains("is on localhost")
        .contains("10.1.2.3, a private address")
        .contains("169.254.10.1, a link-local address")
        .contains(
            "http://8.8.8.8/payments/result (--url) is plain http: production calls back"
                + " over https only");
    assertThat(urls.path("fix").asText()).contains("DARAJA_PUBLIC_URL");
    assertThat(lastCode).isEqualTo(DarajaCli.EXIT_FAILURE);
  }

  @Test
  void aSandboxCertificateInProductionFailsItsChecksWithoutHidingTheToken() throws Exception {
    Path certificate =
        Files.write(
            dataDir.resolve("SandboxCertificate.cer"),
            io.github.darajakit.client.security.SecurityCredentials.sandboxCertificate()
                .getEncoded());
    env.put("MPESA_SHORTCODE", Sandbox.SHORTCODE_1);
    env.put("MPESA_INITIATOR_NAME", "apiop");
    env.put("MPESA_INITIATOR_PASSWORD", "Initiator-Pass-1");
    env.put("MPESA_CERTIFICATE", certificate.toString());

    Map<String, JsonNode> checks = inProduction("--no-gateway");

    assertThat(checks.get("oauth").path("status").asText()).isEqualTo("pass");
    assertThat(checks.get("shortcodes").path("status").asText()).isEqualTo("pass");
    assertThat(checks.get("certificate").path("status").asText()).isEqualTo("fail");
    assertThat(checks.get("certificate").path("message").asText())
        .contains("Safaricom's sandbox certificate (CN=apicrypt.safaricom.co.ke)")
        .contains("but MPESA_ENV is production");
    assertThat(checks.get("initiator-credential").path("status").asText()).isEqualTo("fail");
  }

  @Test
  void aRefusedWordInTheHostFailsEvenAgainstTheEmulator() throws Exception {
    env.put("DARAJA_PUBLIC_URL", "https://mpesa.example.co.ke");

    Map<String, JsonNode> checks =
        json(
            "doctor",
            "--data-dir",
            dataDir.toString(),
            "--url",
            "https://shop.example.co.ke/SQL/result",
            "--json");

    JsonNode urls = checks.get("callback-urls");
    assertThat(urls.path("status").asText()).isEqualTo("fail");
    assertThat(urls.path("message").asText())
        .contains("https://mpesa.example.co.ke/daraja/****/result")
        .contains("contains \"mpesa\"")
        .contains("contains \"sql\"");
  }

  @Test
  void aCallbackSecretWithARefusedWordIsRefusedAsTheGatewayRefusesIt() {
    env.put("DARAJA_CALLBACK_SECRET", "a1b2c3SQLd4e5f6g7h8i9");

    assertThat(run("doctor", "--data-dir", dataDir.toString())).isEqualTo(DarajaCli.EXIT_USAGE);
    assertThat(err.toString()).contains("DARAJA_CALLBACK_SECRET").contains("\"sql\"");
    assertThat(out.toString() + err).doesNotContain("a1b2c3SQLd4e5f6g7h8i9");
  }

  @Test
  void aWrongLengthCredentialFailsAndIsNotPrinted() throws Exception {
    String credential = Base64.getEncoder().encodeToString(new byte[100]);
    env.put("MPESA_INITIATOR_NAME", Sandbox.INITIATOR_NAME);
    env.put("MPESA_SECURITY_CREDENTIAL", credential);

    Map<String, JsonNode> checks = json("doctor", "--no-gateway", "--json");

    JsonNode check = checks.get("initiator-credential");
    assertThat(check.path("status").asText()).isEqualTo("fail");
    assertThat(check.path("message").asText())
        .contains("has 136 characters (100 bytes)")
        .contains("344 characters");
    assertThat(check.path("fix").asText()).contains("daraja credential --env emulator");
    assertThat(out.toString() + err).doesNotContain(credential);
  }

  @Test
  void aPasswordThatIsNotTheInitiatorsFailsWithoutLockingIt() throws Exception {
    env.put("MPESA_INITIATOR_NAME", Sandbox.INITIATOR_NAME);
    env.put("MPESA_INITIATOR_PASSWORD", "Not-The-Password-1");

    for (int i = 0; i < 4; i++) {
      Map<String, JsonNode> checks = json("doctor", "--no-gateway", "--json");
      assertThat(checks.get("initiator-credential").path("status").asText()).isEqualTo("fail");
      assertThat(checks.get("initiator-credential").path("message").asText())
          .contains("decrypts, but not to the password of initiator testapi");
    }
    assertThat(new EmulatorAdmin(emulator).get("/credentials").path("locked").size()).isZero();
  }

  @Test
  void aTillWherePayBillsAreNeededFails() throws Exception {
    env.put("MPESA_SHORTCODE", Sandbox.BUY_GOODS_TILL);
    env.put("MPESA_C2B_SHORTCODE", Sandbox.BUY_GOODS_TILL);
    env.put("MPESA_B2C_SHORTCODE", "600777");

    Map<String, JsonNode> checks = json("doctor", "--data-dir", dataDir.toString(), "--json");

    JsonNode check = checks.get("shortcodes");
    assertThat(check.path("status").asText()).isEqualTo("fail");
    assertThat(check.path("message").asText())
        .contains(
            "MPESA_SHORTCODE 600501 is a till (Buy Goods), but STK pushes (CustomerPayBillOnline)"
                + " need a PayBill")
        .contains("MPESA_B2C_SHORTCODE (payouts.shortCode) 600777 is neither a PayBill nor a till")
        // A till takes C2B payments: not a complaint.
        .doesNotContain("MPESA_C2B_SHORTCODE");
    assertThat(check.path("fix").asText()).contains("set MPESA_SHORTCODE to your PayBill number");
  }

  @Test
  void c2bUrlsFailUntilRegisteredForTheGatewayThenPass() throws Exception {
    env.put("MPESA_C2B_SHORTCODE", Sandbox.SHORTCODE_1);
    env.put("DARAJA_CALLBACK_SECRET", "doctor-callback-secret-0042");

    Map<String, JsonNode> before = json("doctor", "--data-dir", dataDir.toString(), "--json");
    assertThat(before.get("c2b-urls").path("status").asText()).isEqualTo("fail");
    assertThat(before.get("c2b-urls").path("message").asText())
        .contains("no C2B URLs are registered for 600992");

    String base = "http://127.0.0.1:8080/daraja/doctor-callback-secret-0042/c2b/";
    assertThat(
            run(
                "c2b",
                "register",
                "--short-code",
                Sandbox.SHORTCODE_1,
                "--confirmation-url",
                base + "confirmation",
                "--validation-url",
                base + "validation"))
        .as(err.toString())
        .isZero();

    Map<String, JsonNode> after = json("doctor", "--data-dir", dataDir.toString(), "--json");
    assertThat(after.get("c2b-urls").path("status").asText()).isEqualTo("pass");
    assertThat(after.get("c2b-urls").path("message").asText())
        .contains("600992 is registered (confirmation http://127.0.0.1:8080/daraja/****/c2b/");
    assertThat(out.toString()).doesNotContain("doctor-callback-secret-0042");
  }

  @Test
  void aDatabaseNotInWalModeFails() throws Exception {
    Path other = Files.createDirectory(dataDir.resolve("delete-journal"));
    gatewayDatabase(other, "DELETE");

    Map<String, JsonNode> checks =
        json("doctor", "--data-dir", other.toString(), "--min-free-space", "1KB", "--json");

    JsonNode check = checks.get("database");
    assertThat(check.path("status").asText()).isEqualTo("fail");
    assertThat(check.path("message").asText()).contains("is in journal mode delete, not WAL");
    assertThat(check.path("fix").asText()).contains("PRAGMA journal_mode=WAL");
  }

  @Test
  void aDirectoryNoFileCanBeCreatedInFails() throws Exception {
    Path readOnly = unwritableDirectory();

    Map<String, JsonNode> checks = json("doctor", "--data-dir", readOnly.toString(), "--json");

    JsonNode check = checks.get("database");
    assertThat(check.path("status").asText()).isEqualTo("fail");
    assertThat(check.path("message").asText()).contains("cannot create files in " + readOnly);
  }

  @Test
  void tooLittleFreeSpaceFails() throws Exception {
    Map<String, JsonNode> checks =
        json("doctor", "--data-dir", dataDir.toString(), "--min-free-space", "1000000TB", "--json");

    assertThat(checks.get("database").path("status").asText()).isEqualTo("fail");
    assertThat(checks.get("database").path("message").asText())
        .contains("free beside the database (at least");
  }

  @Test
  void anOldBackupFailsAndARecentOnePasses() throws Exception {
    Path backups = Files.createDirectory(dataDir.resolve("backups"));
    Path backup = Files.writeString(backups.resolve("gateway-1.db"), "backup");
    Files.setLastModifiedTime(backup, FileTime.from(Instant.now().minus(Duration.ofDays(3))));

    Map<String, JsonNode> old =
        json("doctor", "--data-dir", dataDir.toString(), "--backup", backups.toString(), "--json");
    assertThat(old.get("database-backup").path("status").asText()).isEqualTo("fail");
    assertThat(old.get("database-backup").path("message").asText()).contains("is 3 days old");

    Files.setLastModifiedTime(backup, FileTime.from(Instant.now()));
    Map<String, JsonNode> recent =
        json("doctor", "--data-dir", dataDir.toString(), "--backup", backups.toString(), "--json");
    assertThat(recent.get("database-backup").path("status").asText()).isEqualTo("pass");
  }

  @Test
  void secretsAreNeverPrintedInTextOrJsonEvenWhenChecksFail() throws Exception {
    List<String> secrets =
        List.of(
            "Consumer-Secret-7f3a9c",
            "Consumer-Key-51be20",
            "Initiator-Pass-Q9w8e7",
            "callback-secret-doctor-4411",
            "api-key-doctor-9911aa",
            "Dashboard-Pass-123456",
            "bfb279f9aa9bdbcf158e97dd71a467cd2e0c893059b10f78e6b72ada1ed2c919");
    env.put("MPESA_CONSUMER_SECRET", secrets.get(0));
    env.put("MPESA_CONSUMER_KEY", secrets.get(1));
    env.put("MPESA_INITIATOR_NAME", Sandbox.INITIATOR_NAME);
    env.put("MPESA_INITIATOR_PASSWORD", secrets.get(2));
    env.put("DARAJA_CALLBACK_SECRET", secrets.get(3));
    env.put("DARAJA_API_KEY", secrets.get(4));
    env.put("DARAJA_DASHBOARD_PASSWORD", secrets.get(5));
    env.put("MPESA_PASSKEY", secrets.get(6));
    env.put("DARAJA_PUBLIC_URL", "http://localhost:8080");
    env.put("MPESA_C2B_SHORTCODE", Sandbox.SHORTCODE_1);

    List<String> printed = new ArrayList<>();
    for (String environment : List.of("emulator", "production")) {
      for (boolean asJson : List.of(false, true)) {
        List<String> args =
            new ArrayList<>(
                List.of(
                    "doctor",
                    "--env",
                    environment,
                    "--base-url",
                    emulator.baseUrl(),
                    "--data-dir",
                    dataDir.toString()));
        if (asJson) {
          args.add("--json");
        }
        run(args.toArray(String[]::new));
        printed.add(out.toString() + err);
      }
    }

    // The runs did say something about each thing the secrets sit in.
    assertThat(printed.get(3)).contains("callback-urls").contains("initiator-credential");
    assertThat(printed.get(0)).contains("decrypts, but not to the password of initiator testapi");
    for (String text : printed) {
      for (String secret : secrets) {
        assertThat(text).doesNotContain(secret);
      }
    }
  }

  @Test
  void theJsonReportHasEveryCheckWithIdStatusMessageAndFix() throws Exception {
    env.put("DARAJA_PUBLIC_URL", "https://safaricom-payments.example.co.ke");

    JsonNode report =
        Output.JSON.readTree(runAndRead("doctor", "--data-dir", dataDir.toString(), "--json"));

    assertThat(lastCode).isEqualTo(DarajaCli.EXIT_FAILURE);
    assertThat(report.path("ok").asBoolean()).isFalse();
    assertThat(report.path("summary").path("fail").asInt()).isPositive();
    assertThat(report.path("checks")).hasSize(9);
    for (JsonNode check : report.path("checks")) {
      assertThat(check.has("id") && check.has("status") && check.has("message") && check.has("fix"))
          .as(check.toString())
          .isTrue();
      assertThat(check.path("status").asText()).isIn("pass", "fail", "warn", "skip");
    }
  }

  @Test
  void postgresqlPassesWhenItTakesAWriteAndFailsReadOnlyOrUnreachable() throws Exception {
    String base = postgresUrl();
    String schema = "doctor_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    String url = base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    execute(base, "CREATE SCHEMA " + schema);
    try {
      execute(url, "CREATE TABLE settings (name TEXT PRIMARY KEY, value TEXT NOT NULL)");

      Map<String, JsonNode> writable = json("doctor", "--db", url, "--json");
      assertThat(writable.get("database").path("status").asText())
          .as(writable.get("database").toString())
          .isEqualTo("pass");
      assertThat(writable.get("database").path("message").asText())
          .contains("took a write (rolled back)");
      assertThat(count(url, "SELECT count(*) FROM settings")).isZero();

      Map<String, JsonNode> readOnly =
          json("doctor", "--db", url + "&options=-c%20default_transaction_read_only=on", "--json");
      assertThat(readOnly.get("database").path("status").asText()).isEqualTo("fail");
      assertThat(readOnly.get("database").path("message").asText()).contains("refused a write");
    } finally {
      execute(base, "DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }

    Map<String, JsonNode> unreachable =
        json(
            "doctor",
            "--db",
            "jdbc:postgresql://127.0.0.1:1/payments?user=gateway&password=Pg-Secret-5521",
            "--json");
    assertThat(unreachable.get("database").path("status").asText()).isEqualTo("fail");
    assertThat(unreachable.get("database").path("message").asText())
        .contains(
            "cannot connect to jdbc:postgresql://127.0.0.1:1/payments?user=gateway&password=****");
    assertThat(out.toString() + err).doesNotContain("Pg-Secret-5521");
  }

  // ---- helpers -------------------------------------------------------------------------------

  /**
   * {@code DARAJA_TEST_POSTGRES_URL}, as the gateway's store tests read it; without it this test is
   * skipped, unless {@code DARAJA_REQUIRE_POSTGRES=true} (CI), when it fails.
   */
  private static String postgresUrl() {
    String url = System.getenv("DARAJA_TEST_POSTGRES_URL");
    if (url == null || url.isBlank()) {
      assertThat(System.getenv("DARAJA_REQUIRE_POSTGRES"))
          .as("DARAJA_REQUIRE_POSTGRES is set but DARAJA_TEST_POSTGRES_URL is not")
          .isNotEqualToIgnoringCase("true");
      Assumptions.assumeTrue(false, "set DARAJA_TEST_POSTGRES_URL to run the PostgreSQL check");
    }
    return url;
  }

  private static void execute(String url, String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  private static long count(String url, String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement();
        java.sql.ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private int lastCode;

  private int run(String... args) {
    out.getBuffer().setLength(0);
    err.getBuffer().setLength(0);
    lastCode = DarajaCli.run(env, new PrintWriter(out, true), new PrintWriter(err, true), args);
    return lastCode;
  }

  private String runAndRead(String... args) {
    run(args);
    return out.toString();
  }

  /**
   * An emulator in strict mode, knowing one app (doctor-key, doctor-secret) that may call these
   * products (all when empty); the app's key and secret are put in the environment.
   */
  private DarajaEmulator appsOnly(Set<String> products) {
    env.put("MPESA_CONSUMER_KEY", "doctor-key");
    env.put("MPESA_CONSUMER_SECRET", "doctor-secret");
    return DarajaEmulator.builder()
        .config(
            EmulatorConfig.builder()
                .apps(List.of(new EmulatorConfig.App("doctor-key", "doctor-secret", products)))
                .build())
        .port(0)
        .start();
  }

  /** The checks of a --json run for production, with the emulator standing in for Daraja. */
  private Map<String, JsonNode> inProduction(String... args) throws IOException {
    env.put("MPESA_CONSUMER_KEY", "any-key");
    env.put("MPESA_CONSUMER_SECRET", "any-secret");
    List<String> all =
        new ArrayList<>(List.of("doctor", "--env", "production", "--base-url", emulator.baseUrl()));
    all.addAll(List.of(args));
    all.add("--json");
    return json(all.toArray(String[]::new));
  }

  /** The checks of a --json run, by id. */
  private Map<String, JsonNode> json(String... args) throws IOException {
    JsonNode report = Output.JSON.readTree(runAndRead(args));
    Map<String, JsonNode> checks = new HashMap<>();
    report.path("checks").forEach(c -> checks.put(c.path("id").asText(), c));
    assertThat(checks).as(out + "\n" + err).isNotEmpty();
    return checks;
  }

  private static Map<String, String> status(Map<String, JsonNode> checks) {
    Map<String, String> statuses = new HashMap<>();
    checks.forEach((id, c) -> statuses.put(id, c.path("status").asText()));
    return statuses;
  }

  /** An SQLite file with the gateway's settings table, in this journal mode. */
  private static void gatewayDatabase(Path directory, String journalMode) throws SQLException {
    try (Connection c =
            DriverManager.getConnection("jdbc:sqlite:" + directory.resolve("gateway.db"));
        Statement s = c.createStatement()) {
      s.execute("PRAGMA journal_mode=" + journalMode);
      s.execute("CREATE TABLE IF NOT EXISTS settings (name TEXT PRIMARY KEY, value TEXT NOT NULL)");
    }
  }

  /**
   * A directory in which no file can be created: one without write permission, or for root, whom
   * permissions do not stop, a directory of /proc.
   */
  private Path unwritableDirectory() throws IOException {
    if ("root".equals(System.getProperty("user.name"))) {
      return Path.of("/proc/self");
    }
    Path readOnly = Files.createDirectory(dataDir.resolve("read-only"));
    readOnly.toFile().setWritable(false, false);
    return readOnly;
  }
}
