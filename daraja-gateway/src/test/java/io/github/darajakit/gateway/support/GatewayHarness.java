package io.github.darajakit.gateway.support;

import io.github.darajakit.client.DarajaClient;
import io.github.darajakit.client.security.SecurityCredentials;
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

  /** Runs the gateway on PostgreSQL at this URL instead of SQLite. */
  public GatewayHarness postgres(String url) {
    this.databaseUrl = url;
    return this;
  }

  @Override
  public void beforeEach(ExtensionContext context) throws IOException {
    emulator =
        DarajaEmulator.builder()
            .config(
                emulatorSettings
                    .apply(EmulatorConfig.builder().resultDelay(Duration.ofMillis(50)))
                    .build())
            .port(0)
            .start();
    daraja =
        DarajaClient.builder()
            .baseUrl(emulator.baseUrl())
            .consumerKey("gateway-test")
            .consumerSecret("gateway-test-secret")
            .shortCode(Sandbox.STK_SHORTCODE)
            .passkey(Sandbox.STK_PASSKEY)
            .initiator(
                Sandbox.INITIATOR_NAME,
                Sandbox.INITIATOR_PASSWORD,
                SecurityCredentials.certificate(emulator.certificatePem()))
            .build();
    dir = Files.createTempDirectory("gateway-test");
    String url = databaseUrl != null ? databaseUrl : "jdbc:sqlite:" + dir.resolve("gateway.db");
    startGateway(url);
  }

  /** (Re)starts the gateway on a database. */
  public void startGateway(String url) {
    GatewayConfig config =
        gatewaySettings
            .apply(
                GatewayConfig.builder(url)
                    .port(0)
                    .apiKey(API_KEY)
                    .callbackSecret(CALLBACK_SECRET)
                    .c2bShortCode(Sandbox.SHORTCODE_1))
            .build();
    gateway =
        DarajaGateway.builder()
            .config(config)
            .daraja(daraja)
            .clock(clock)
            .backgroundWorkers(background)
            .start();
    merchant = new MerchantClient(gateway.baseUrl(), API_KEY);
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
    daraja.close();
    emulator.close();
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

  public TestClock clock() {
    return clock;
  }

  /** {@code <baseUrl>/daraja/<secret>/<kind path>}. */
  public String callbackUrl(String kindPath) {
    return gateway.baseUrl() + "/daraja/" + CALLBACK_SECRET + "/" + kindPath;
  }
}
