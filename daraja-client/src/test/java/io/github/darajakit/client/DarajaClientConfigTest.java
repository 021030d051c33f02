package io.github.darajakit.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.darajakit.client.security.SecurityCredentials;
import io.github.darajakit.client.security.StkPassword;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Configuring a client: {@code fromEnv} with every {@code MPESA_*} variable, and the builder's own
 * checks. Building a client makes no network call.
 */
class DarajaClientConfigTest {

  private static final String KEY = "config-test-key";
  private static final String SECRET = "config-test-secret-DO-NOT-PRINT";
  private static final String PASSKEY =
      "bfb279f9aa9bdbcf158e97dd71a467cd2e0c893059b10f78e6b72ada1ed2c919";
  private static final String INITIATOR_PASSWORD = "Safaricom999!*!";
  private static final String EMULATOR_CERT = "/io/github/darajakit/emulator/initiator-cert.pem";

  private static Map<String, String> env(String... pairs) {
    Map<String, String> env = new HashMap<>();
    env.put("MPESA_CONSUMER_KEY", KEY);
    env.put("MPESA_CONSUMER_SECRET", SECRET);
    for (int i = 0; i < pairs.length; i += 2) {
      env.put(pairs[i], pairs[i + 1]);
    }
    return env;
  }

  private static void refused(Map<String, String> env, String variable, String message) {
    assertThatThrownBy(() -> DarajaClient.fromEnv(env).close())
        .isInstanceOfSatisfying(
            DarajaValidationException.class,
            e -> {
              assertThat(e.field()).isEqualTo(variable);
              assertThat(e.getMessage()).startsWith(variable + ": ").contains(message);
            });
  }

  private static void builds(Map<String, String> env, Consumer<DarajaClient> check) {
    try (DarajaClient client = DarajaClient.fromEnv(env)) {
      check.accept(client);
    }
  }

  private static String emulatorPem() throws Exception {
    try (InputStream in = DarajaClientConfigTest.class.getResourceAsStream(EMULATOR_CERT)) {
      return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    }
  }

  private static String pem(X509Certificate certificate) throws Exception {
    return "-----BEGIN CERTIFICATE-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
            .encodeToString(certificate.getEncoded())
        + "\n-----END CERTIFICATE-----\n";
  }

  // ---- fromEnv ---------------------------------------------------------------------------

  @Test
  void keyAndSecretAloneGiveASandboxClient() {
    builds(
        env(),
        client -> {
          assertThat(client.environment()).isSameAs(Environment.SANDBOX);
          assertThat(client)
              .hasToString(
                  "DarajaClient[sandbox (https://sandbox.safaricom.co.ke)," + " shortCode=null]");
        });
  }

  @Test
  void aMissingOrBlankConsumerKeyOrSecretNamesTheVariable() {
    Map<String, String> noKey = env();
    noKey.remove("MPESA_CONSUMER_KEY");
    refused(noKey, "MPESA_CONSUMER_KEY", "is not set");
    refused(env("MPESA_CONSUMER_KEY", "  "), "MPESA_CONSUMER_KEY", "is not set");
    Map<String, String> noSecret = env();
    noSecret.remove("MPESA_CONSUMER_SECRET");
    refused(noSecret, "MPESA_CONSUMER_SECRET", "is not set");
    refused(env("MPESA_CONSUMER_SECRET", ""), "MPESA_CONSUMER_SECRET", "is not set");
    refused(Map.of(), "MPESA_CONSUMER_KEY", "is not set");
  }

  @Test
  void theEmulatorEnvironmentUsesTheBaseUrl() {
    builds(
        env("MPESA_ENV", "emulator", "MPESA_BASE_URL", "http://127.0.0.1:18090/"),
        client -> {
          assertThat(client.environment().baseUrl())
              .isEqualTo(URI.create("http://127.0.0.1:18090"));
          assertThat(client.environment().isProduction()).isFalse();
        });
    builds(
        env("MPESA_ENV", "emulator"),
        client ->
            assertThat(client.environment().baseUrl())
                .isEqualTo(URI.create("http://127.0.0.1:8090")));
  }

  /** The STK password a client built from {@code env} makes, at a fixed moment. */
  private static String stkPassword(Map<String, String> env, String shortCode) {
    Clock clock = Clock.fixed(Instant.parse("2021-06-28T06:24:08Z"), ZoneOffset.UTC);
    try (DarajaClient client = DarajaClient.fromEnv(env, builder -> builder.clock(clock))) {
      return client.stkPassword(shortCode).password();
    }
  }

  @Test
  void theEmulatorNeedsNothingButItsName() {
    builds(
        Map.of("MPESA_ENV", "emulator"),
        client -> {
          assertThat(client.environment().baseUrl())
              .isEqualTo(URI.create(Environment.EMULATOR_BASE_URL));
          assertThat(client.shortCode()).isEqualTo(SandboxTestData.STK_SHORTCODE);
        });
    assertThat(stkPassword(Map.of("MPESA_ENV", "emulator"), "174379"))
        .isEqualTo(StkPassword.encode("174379", SandboxTestData.STK_PASSKEY, "20210628092408"));
  }

  @Test
  void theEmulatorsDefaultsGiveWayToTheVariablesThatAreSet() {
    Map<String, String> env =
        env("MPESA_ENV", "emulator", "MPESA_SHORTCODE", "600992", "MPESA_PASSKEY", "other");
    builds(env, client -> assertThat(client.shortCode()).isEqualTo("600992"));
    assertThat(stkPassword(env, "600992"))
        .isEqualTo(StkPassword.encode("600992", "other", "20210628092408"));
  }

  @Test
  void onlyTheEmulatorGoesWithoutAKeyAndSecret() {
    refused(Map.of("MPESA_ENV", "sandbox"), "MPESA_CONSUMER_KEY", "is not set");
    refused(Map.of("MPESA_ENV", "production"), "MPESA_CONSUMER_KEY", "is not set");
    refused(
        Map.of("MPESA_ENV", "custom", "MPESA_BASE_URL", "http://127.0.0.1:9"),
        "MPESA_CONSUMER_KEY",
        "is not set");
  }

  @Test
  void aBaseUrlIsHonouredInProductionWhichStaysProduction() {
    builds(
        env("MPESA_ENV", "production", "MPESA_BASE_URL", "https://egress.example.com/daraja/"),
        client -> {
          assertThat(client.environment().baseUrl())
              .isEqualTo(URI.create("https://egress.example.com/daraja"));
          assertThat(client.environment().isProduction()).isTrue();
          assertThat(client.environment().name()).isEqualTo("production");
        });
  }

  @Test
  void productionAndUnknownEnvironments() {
    builds(
        env("MPESA_ENV", "production"),
        client -> assertThat(client.environment()).isSameAs(Environment.PRODUCTION));
    refused(env("MPESA_ENV", "staging"), "MPESA_ENV", "'staging' is not sandbox, production");
  }

  @Test
  void aBadBaseUrlNamesTheVariable() {
    refused(
        env("MPESA_ENV", "emulator", "MPESA_BASE_URL", "127.0.0.1:8090"),
        "MPESA_BASE_URL",
        "'127.0.0.1:8090'");
  }

  @Test
  void shortcodeAndPasskeyAreTheClientsDefaults() {
    builds(
        env("MPESA_SHORTCODE", " 174379 ", "MPESA_PASSKEY", PASSKEY),
        client -> {
          assertThat(client.toString()).contains("shortCode=174379");
          StkPassword password = client.stkPassword("174379");
          assertThat(
                  new String(
                      Base64.getDecoder().decode(password.password()), StandardCharsets.US_ASCII))
              .isEqualTo("174379" + PASSKEY + password.timestamp());
        });
  }

  @Test
  void aBadShortcodeNamesTheVariable() {
    refused(env("MPESA_SHORTCODE", "17437A"), "MPESA_SHORTCODE", "'17437A' is not a shortcode");
    refused(env("MPESA_SHORTCODE", "1234"), "MPESA_SHORTCODE", "expected 5 to 9 digits");
  }

  @Test
  void anInitiatorNameNeedsAPasswordOrACredential() {
    refused(
        env("MPESA_INITIATOR_NAME", "testapi"),
        "MPESA_INITIATOR_PASSWORD",
        "is required with MPESA_INITIATOR_NAME (or set MPESA_SECURITY_CREDENTIAL)");
    builds(
        env("MPESA_INITIATOR_NAME", "testapi", "MPESA_INITIATOR_PASSWORD", INITIATOR_PASSWORD),
        client -> assertThat(client.toString()).doesNotContain(INITIATOR_PASSWORD));
    builds(
        env("MPESA_INITIATOR_NAME", "testapi", "MPESA_SECURITY_CREDENTIAL", "Q1JFRA=="),
        client -> assertThat(client.toString()).doesNotContain("Q1JFRA=="));
  }

  @Test
  void aPasswordAndACredentialTogetherAreAmbiguousAndRefused() {
    refused(
        env(
            "MPESA_INITIATOR_NAME",
            "testapi",
            "MPESA_INITIATOR_PASSWORD",
            INITIATOR_PASSWORD,
            "MPESA_SECURITY_CREDENTIAL",
            "Q1JFRA=="),
        "MPESA_SECURITY_CREDENTIAL",
        "both set");
  }

  @Test
  void aPasswordOrCredentialWithoutAnInitiatorNameIsRefusedNotIgnored() {
    refused(
        env("MPESA_INITIATOR_PASSWORD", INITIATOR_PASSWORD),
        "MPESA_INITIATOR_NAME",
        "MPESA_INITIATOR_PASSWORD");
    refused(
        env("MPESA_SECURITY_CREDENTIAL", "Q1JFRA=="),
        "MPESA_INITIATOR_NAME",
        "MPESA_SECURITY_CREDENTIAL");
    assertThatThrownBy(
            () -> DarajaClient.fromEnv(env("MPESA_INITIATOR_PASSWORD", INITIATOR_PASSWORD)))
        .hasMessageNotContaining(INITIATOR_PASSWORD);
  }

  @Test
  void aCertificateFileEncryptsThePassword(@TempDir Path dir) throws Exception {
    Path emulatorCert = Files.writeString(dir.resolve("emulator.pem"), emulatorPem());
    builds(
        env(
            "MPESA_ENV",
            "production",
            "MPESA_INITIATOR_NAME",
            "testapi",
            "MPESA_INITIATOR_PASSWORD",
            INITIATOR_PASSWORD,
            "MPESA_CERTIFICATE",
            emulatorCert.toString()),
        client -> assertThat(client.environment()).isSameAs(Environment.PRODUCTION));
  }

  @Test
  void theSandboxCertificateFileIsRefusedForProductionNamingTheVariable(@TempDir Path dir)
      throws Exception {
    Path sandboxCert =
        Files.writeString(
            dir.resolve("sandbox.pem"), pem(SecurityCredentials.sandboxCertificate()));
    refused(
        env(
            "MPESA_ENV",
            "production",
            "MPESA_INITIATOR_NAME",
            "testapi",
            "MPESA_INITIATOR_PASSWORD",
            INITIATOR_PASSWORD,
            "MPESA_CERTIFICATE",
            sandboxCert.toString()),
        "MPESA_CERTIFICATE",
        "the sandbox certificate cannot encrypt a production credential");
    // The same file is fine for the sandbox.
    builds(
        env(
            "MPESA_INITIATOR_NAME",
            "testapi",
            "MPESA_INITIATOR_PASSWORD",
            INITIATOR_PASSWORD,
            "MPESA_CERTIFICATE",
            sandboxCert.toString()),
        client -> assertThat(client.environment()).isSameAs(Environment.SANDBOX));
  }

  @Test
  void aMissingOrUnreadableCertificateFileNamesTheVariable(@TempDir Path dir) throws Exception {
    Path missing = dir.resolve("missing.pem");
    refused(
        env(
            "MPESA_INITIATOR_NAME",
            "testapi",
            "MPESA_INITIATOR_PASSWORD",
            INITIATOR_PASSWORD,
            "MPESA_CERTIFICATE",
            missing.toString()),
        "MPESA_CERTIFICATE",
        "cannot read " + missing);
    Path garbage = Files.writeString(dir.resolve("garbage.pem"), "not a certificate");
    refused(
        env(
            "MPESA_INITIATOR_NAME",
            "testapi",
            "MPESA_INITIATOR_PASSWORD",
            INITIATOR_PASSWORD,
            "MPESA_CERTIFICATE",
            garbage.toString()),
        "MPESA_CERTIFICATE",
        "is not an X.509 certificate");
  }

  // ---- builder ---------------------------------------------------------------------------

  private static DarajaClient.Builder valid() {
    return DarajaClient.builder()
        .baseUrl("http://127.0.0.1:18090")
        .consumerKey(KEY)
        .consumerSecret(SECRET);
  }

  private static void rejects(Runnable configure, String field, String message) {
    assertThatThrownBy(configure::run)
        .isInstanceOfSatisfying(
            DarajaValidationException.class,
            e -> {
              assertThat(e.field()).isEqualTo(field);
              assertThat(e.getMessage()).isEqualTo(field + ": " + message);
            });
  }

  @Test
  void theBuilderNeedsAConsumerKeyAndSecret() {
    rejects(
        () -> valid().consumerKey(null).build(),
        "consumerKey",
        "is required (from your Daraja app)");
    rejects(
        () -> valid().consumerKey(" ").build(),
        "consumerKey",
        "is required (from your Daraja app)");
    rejects(
        () -> valid().consumerSecret(null).build(),
        "consumerSecret",
        "is required (from your Daraja app)");
  }

  @Test
  void timeoutsMustBePositive() {
    for (Duration bad : new Duration[] {null, Duration.ZERO, Duration.ofMillis(-1)}) {
      rejects(() -> valid().connectTimeout(bad), "connectTimeout", "must be a positive duration");
      rejects(() -> valid().readTimeout(bad), "readTimeout", "must be a positive duration");
    }
    try (DarajaClient client =
        valid().connectTimeout(Duration.ofMillis(1)).readTimeout(Duration.ofHours(1)).build()) {
      assertThat(client.environment().baseUrl()).hasToString("http://127.0.0.1:18090");
    }
  }

  @Test
  void retriesRangeFromZeroToTen() {
    rejects(() -> valid().maxRetries(-1), "maxRetries", "must be 0 to 10, got -1");
    rejects(() -> valid().maxRetries(11), "maxRetries", "must be 0 to 10, got 11");
    valid().maxRetries(0).build().close();
    valid().maxRetries(10).build().close();
  }

  @Test
  void theTokenRefreshMarginMayBeZeroButNotNegative() {
    rejects(() -> valid().tokenRefreshMargin(null), "tokenRefreshMargin", "must not be negative");
    rejects(
        () -> valid().tokenRefreshMargin(Duration.ofSeconds(-1)),
        "tokenRefreshMargin",
        "must not be negative");
    valid().tokenRefreshMargin(Duration.ZERO).build().close();
  }

  @Test
  void aBadDefaultShortcodeIsRefused() {
    rejects(
        () -> valid().shortCode("1234").build(),
        "shortCode",
        "'1234' is not a shortcode: expected 5 to 9 digits");
  }

  @Test
  void theSandboxCertificateIsRefusedForAProductionInitiator() {
    assertThatThrownBy(
            () ->
                valid()
                    .environment(Environment.PRODUCTION)
                    .initiator(
                        "testapi", INITIATOR_PASSWORD, SecurityCredentials.sandboxCertificate())
                    .build())
        .isInstanceOfSatisfying(
            DarajaValidationException.class, e -> assertThat(e.field()).isEqualTo("certificate"));
  }

  @Test
  void toStringShowsWhereAndWhichShortcodeButNoSecret() {
    try (DarajaClient withPassword =
            valid()
                .shortCode("174379")
                .passkey(PASSKEY)
                .initiator("testapi", INITIATOR_PASSWORD)
                .build();
        DarajaClient withCredential =
            valid().securityCredential("testapi", "CREDENTIAL-Q1JFREVOVElBTA==").build()) {
      assertThat(withPassword)
          .hasToString("DarajaClient[custom (http://127.0.0.1:18090), shortCode=174379]");
      for (DarajaClient client : new DarajaClient[] {withPassword, withCredential}) {
        assertThat(client.toString())
            .doesNotContain(SECRET)
            .doesNotContain(KEY)
            .doesNotContain(PASSKEY)
            .doesNotContain(INITIATOR_PASSWORD)
            .doesNotContain("CREDENTIAL-Q1JFREVOVElBTA==")
            .doesNotContain("testapi");
      }
    }
  }

  @Test
  void aBuiltClientDoesNotChangeWhenItsBuilderDoes() {
    DarajaClient.Builder builder = valid().shortCode("174379");
    try (DarajaClient client = builder.build()) {
      builder.shortCode("600992").baseUrl("http://127.0.0.1:18091");
      assertThat(client)
          .hasToString("DarajaClient[custom (http://127.0.0.1:18090), shortCode=174379]");
    }
  }

  @Test
  void stkPasswordUsesTheClientsPasskeyClockAndZone() {
    Clock clock = Clock.fixed(Instant.parse("2021-06-28T06:24:08Z"), ZoneOffset.UTC);
    try (DarajaClient client = valid().passkey(PASSKEY).clock(clock).build();
        DarajaClient utc =
            valid().passkey(PASSKEY).clock(clock).timestampZone(ZoneOffset.UTC).build()) {
      assertThat(client.stkPassword("174379").password())
          .isEqualTo(
              "MTc0Mzc5YmZiMjc5ZjlhYTliZGJjZjE1OGU5N2RkNzFhNDY3Y2QyZTBjODkzMDU5YjEwZjc4ZTZiNzJhZGExZWQyYzkxOTIwMjEwNjI4MDkyNDA4");
      assertThat(utc.stkPassword("174379").timestamp()).isEqualTo("20210628062408");
    }
  }
}
