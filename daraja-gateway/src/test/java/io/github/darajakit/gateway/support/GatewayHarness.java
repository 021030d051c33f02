package io.github.darajakit.gateway.support;

import io.github.darajakit.client.DarajaClient;
import io.github.darajakit.emulator.DarajaEmulator;
import io.github.darajakit.emulator.EmulatorConfig;
import io.github.darajakit.emulator.Sandbox;
import io.github.darajakit.gateway.DarajaGateway;
import io.github.darajakit.gateway.GatewayConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A fresh emulator, Daraja client and gateway (on a fresh SQLite file, or on PostgreSQL with {@link
 * #postgres}) for every test, and a merchant API client.
 */
public final class GatewayHarness implements BeforeEachCallback, AfterEachCallback {

  public static final String API_KEY = "test-api-key-0123456789abcdef";
  public static final String CALLBACK_SECRET = "test-callback-secret-0123456789";

  /**
   * A second API key, for tests of maker-checker: a harness that accepts it lists it in {@code
   * apiKey} beside {@link #API_KEY}.
   */
  public static final String CHECKER_KEY = "test-checker-key-0123456789abcdef";

  private final UnaryOperator<EmulatorConfig.Builder> emulatorSettings;
  private final UnaryOperator<GatewayConfig.Builder> gatewaySettings;
  private final boolean background;
  private final TestClock clock = new TestClock();
  private String databaseUrl;
  private DarajaEmulator emulator;
  private DarajaClient daraja;
  private DarajaGateway gateway;
  private MerchantClient merchant;
  private Path dir;

  public GatewayHarness() {
    this(UnaryOperator.identity(), UnaryOperator.identity(), true);
  }

  public GatewayHarness(
      UnaryOperator<EmulatorConfig.Builder> emulatorSettings,
      UnaryOperator<GatewayConfig.Builder> gatewaySettings,
      boolean background) {
    this.emulatorSettings = emulatorSettings;
    this.gatewaySettings = gatewaySettings;
    this.background = background;
  }

  /**
   * A harness whose emulator is locked down as {@code daraja gateway} embeds it: the admin API
   * answers only this machine and masks callback URLs. For tests of what the gateway asks of that
   * admin API (the dashboard's phone panel).
   */
  public static GatewayHarness withLockedDownEmulator() {
    return new GatewayHarness(
        emulator -> emulator.adminLoopbackOnly(true).redactCallbackUrls(true),
        UnaryOperator.identity(),
        true);
  }

  /**
   * A harness for maker-checker tests: {@link #API_KEY} and {@link #CHECKER_KEY} both accepted,
   * Results 20 ms after a request, no background workers (tests send batches and reconcile when
   * they choose), and the gateway {@code settings} given.
   */
  public static GatewayHarness makerChecker(UnaryOperator<GatewayConfig.Builder> settings) {
    return new GatewayHarness(
        emulator -> emulator.resultDelay(Duration.ofMillis(20)),
        gateway -> settings.apply(gateway.apiKey(API_KEY + "," + CHECKER_KEY)),
        false);
  }

  private boolean postgres;
  private String schemaUrl;

  /**
   * Runs the gateway on PostgreSQL ({@link Postgres}: a fresh schema per test) instead of SQLite;
   * the test is skipped locally without a PostgreSQL URL.
   */
  public GatewayHarness postgres() {
    this.postgres = true;
    return this;
  }

  @Override
  public void beforeEach(ExtensionContext context) throws IOException {
    if (postgres) {
      schemaUrl = Postgres.freshSchema();
      databaseUrl = schemaUrl;
    }
    emulator =
        DarajaEmulator.builder()
            .config(
                emulatorSettings
                    .apply(EmulatorConfig.builder().resultDelay(Duration.ofMillis(50)))
                    .build())
            .port(0)
            .start();
    daraja = GatewayProcess.daraja(emulator.baseUrl(), emulator.certificatePem());
    dir = Files.createTempDirectory("gateway-test");
    String url = databaseUrl != null ? databaseUrl : "jdbc:sqlite:" + dir.resolve("gateway.db");
    startGateway(url);
  }

  /** (Re)starts the gateway on a database. */
  public void startGateway(String url) {
    databaseUrl = url;
    gateway = newGateway(UnaryOperator.identity());
    merchant = new MerchantClient(gateway.baseUrl(), API_KEY);
  }

  /** (Re)starts the gateway on the same database. */
  public void restartGateway() {
    gateway.close();
    startGateway(databaseUrl);
  }

  /**
   * Another gateway instance on the same database and emulator, with further settings; the caller
   * closes it.
   */
  public DarajaGateway newGateway(UnaryOperator<GatewayConfig.Builder> more) {
    GatewayConfig config =
        more.apply(
                gatewaySettings.apply(
                    GatewayConfig.builder(databaseUrl)
                        .port(0)
                        .apiKey(API_KEY)
                        .callbackSecret(CALLBACK_SECRET)
                        .c2bShortCode(Sandbox.SHORTCODE_1)
                        .payoutShortCode(Sandbox.SHORTCODE_2)))
            .build();
    return DarajaGateway.builder()
        .config(config)
        .daraja(daraja)
        .clock(clock)
        .backgroundWorkers(background)
        .emulatorAdminUrl(emulator.adminUrl())
        .start();
  }

  public String databaseUrl() {
    return databaseUrl;
  }

  /** A call to the emulator's admin API ({@code path} after {@code /__admin}). */
  public MerchantClient.Reply admin(String method, String path, String json) {
    return new MerchantClient(emulator.baseUrl() + "/__admin", null)
        .send(method, path, json, null, null);
  }

  /**
   * Makes the emulator carry out the next request to one of its endpoints ({@code stk_push}, {@code
   * b2c_v3}, {@code b2b_express}…) and then close the connection without answering: a lost answer.
   */
  public void dropNextAnswer(String endpoint) {
    admin(
        "PUT",
        "/faults",
        "{\"errors\":[{\"endpoint\":\""
            + endpoint
            + "\",\"mode\":\"accept_then_drop\",\"count\":1}]}");
  }

  /** Requests the emulator saw on an endpoint id ({@code transaction_status}…). */
  public long emulatorCalls(String endpointId) {
    return admin("GET", "/counters", null).json().path("endpoints").path(endpointId).asLong();
  }

  /** Stops the gateway only (the database and emulator stay). */
  public void stopGateway() {
    gateway.close();
  }

  @Override
  public void afterEach(ExtensionContext context) throws IOException {
    if (gateway != null) {
      gateway.close();
    }
    if (daraja != null) {
      daraja.close();
    }
    if (emulator != null) {
      emulator.close();
    }
    if (schemaUrl != null) {
      Postgres.drop(schemaUrl);
    }
    if (dir == null) {
      return;
    }
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  public DarajaEmulator emulator() {
    return emulator;
  }

  public DarajaClient daraja() {
    return daraja;
  }

  public DarajaGateway gateway() {
    return gateway;
  }

  public MerchantClient merchant() {
    return merchant;
  }

  /** A merchant API client with {@link #CHECKER_KEY}, the checker of maker-checker. */
  public MerchantClient checker() {
    return new MerchantClient(gateway.baseUrl(), CHECKER_KEY);
  }

  public TestClock clock() {
    return clock;
  }

  /** {@code <baseUrl>/daraja/<secret>/<kind path>}. */
  public String callbackUrl(String kindPath) {
    return gateway.baseUrl() + "/daraja/" + CALLBACK_SECRET + "/" + kindPath;
  }
}
