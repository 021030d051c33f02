package io.github.darajakit.cli;

import io.github.darajakit.client.DarajaClient;
import io.github.darajakit.emulator.DarajaEmulator;
import io.github.darajakit.emulator.EmulatorConfig;
import io.github.darajakit.emulator.Sandbox;
import io.github.darajakit.gateway.DarajaGateway;
import io.github.darajakit.gateway.GatewayConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * An emulator in this JVM (Results 50 ms after a request) and a gateway on it, on SQLite in a
 * test's folder with the payouts shortcode set: what the commands that speak to a running gateway
 * are tested against.
 */
final class GatewayOnEmulator implements AutoCloseable {

  final DarajaEmulator emulator;
  final EmulatorAdmin admin;
  private final DarajaClient client;
  final DarajaGateway gateway;

  /**
   * @param apiKeys the gateway's API keys ({@code DARAJA_API_KEY}: comma-separated)
   * @param settings further gateway settings
   */
  GatewayOnEmulator(Path dir, String apiKeys, UnaryOperator<GatewayConfig.Builder> settings) {
    emulator =
        DarajaEmulator.builder()
            .config(EmulatorConfig.builder().resultDelay(Duration.ofMillis(50)).build())
            .port(0)
            .start();
    admin = new EmulatorAdmin(emulator);
    client = new DarajaOptions(Map.of("MPESA_BASE_URL", emulator.baseUrl())).client();
    gateway =
        DarajaGateway.builder()
            .config(
                settings
                    .apply(
                        GatewayConfig.builder("jdbc:sqlite:" + dir.resolve("gateway.db"))
                            .host("127.0.0.1")
                            .port(0)
                            .apiKey(apiKeys)
                            .payoutShortCode(Sandbox.SHORTCODE_2))
                    .build())
            .daraja(client)
            .start();
  }

  @Override
  public void close() {
    gateway.close();
    client.close();
    emulator.close();
  }
}
