package io.github.darajakit.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.darajakit.emulator.DarajaEmulator;
import io.github.darajakit.emulator.EmulatorConfig;
import io.github.darajakit.gateway.support.GatewayHarness;
import io.github.darajakit.gateway.support.GatewayProcess;
import io.github.darajakit.gateway.support.MerchantClient;
import io.github.darajakit.gateway.support.Postgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A gateway killed with {@code SIGKILL} in the middle of a billing run, and started again on the
 * same database: every due period is invoiced once, no invoice gets a second charge, and no
 * customer is prompted twice, by the emulator's count. Charges whose push may have been cut off by
 * the kill stay in flight (their payment is reconciled) rather than being sent again.
 */
class SubscriptionCrashTest {

  private static final int SUBSCRIPTIONS = 120;

  /** The gateway is killed once the emulator has seen this many prompts. */
  private static final int KILL_AFTER_PROMPTS = SUBSCRIPTIONS / 4;

  @TempDir Path dir;

  private final List<GatewayProcess.Launched> gateways = new ArrayList<>();
  private DarajaEmulator emulator;
  private String schema;

  @AfterEach
  void stopEverything() throws InterruptedException {
    for (GatewayProcess.Launched gateway : gateways) {
      gateway.process().destroyForcibly();
      gateway.process().waitFor(10, TimeUnit.SECONDS);
    }
    if (emulator != null) {
      emulator.close();
    }
    if (schema != null) {
      Postgres.drop(schema);
    }
  }

  @ParameterizedTest(name = "on {0}")
  @ValueSource(strings = {"sqlite", "postgresql"})
  void aKilledBillingRunNeverChargesAPeriodTwice(String database) throws Exception {
    String url;
    if (database.equals("postgresql")) {
      assumeTrue(
          Postgres.baseUrl() != null, "set " + Postgres.URL_VARIABLE + " to run on PostgreSQL");
      schema = Postgres.freshSchema();
      url = schema;
    } else {
      url = "jdbc:sqlite:" + dir.resolve("gateway.db");
    }
    emulator =
        DarajaEmulator.builder()
            .config(EmulatorConfig.builder().resultDelay(Duration.ofMillis(50)).build())
            .port(0)
            .start();
    Path settings = settings(url);

    GatewayProcess.Launched first = launch(settings);
    MerchantClient api = new MerchantClient(first.baseUrl(), GatewayHarness.API_KEY);
    String plan =
        api.post("/v1/plans", "{\"name\":\"Weekly\",\"amount\":30,\"interval\":\"week\"}")
            .text("id");
    for (int i = 0; i < SUBSCRIPTIONS; i++) {
      api.post(
          "/v1/subscriptions",
          "{\"phone\":\""
              + phone(i)
              + "\",\"plan\":\""
              + plan
              + "\",\"reference\":\"MEMBER-"
              + i
              + "\"}");
    }
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(20))
        .until(
            () ->
                prompts().values().stream().mapToInt(Integer::intValue).sum()
                    >= KILL_AFTER_PROMPTS);
    first.process().destroyForcibly();
    first.process().waitFor(10, TimeUnit.SECONDS);
    assertThat(first.process().exitValue()).as("killed by SIGKILL").isEqualTo(137);
    int promptedBeforeTheKill = total(prompts());
    assertThat(promptedBeforeTheKill).isLessThan(SUBSCRIPTIONS);

    GatewayProcess.Launched second = launch(settings);
    MerchantClient after = new MerchantClient(second.baseUrl(), GatewayHarness.API_KEY);
    // Every invoice is made and charged once; those cut off by the kill are settled by the
    // payments reconciler (found by STK Query, or left unknown for a person), never sent again.
    await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(250))
        .until(
            () -> {
              List<JsonNode> invoices = after.all("/v1/invoices");
              return invoices.size() == SUBSCRIPTIONS
                  && invoices.stream().allMatch(i -> i.path("attempts").asInt() == 1);
            });
    // Runs that would charge again have had time to: the billing run ticks every 200 ms.
    Thread.sleep(1500);

    List<JsonNode> invoices = after.all("/v1/invoices");
    assertThat(invoices).hasSize(SUBSCRIPTIONS);
    Set<String> periods = new HashSet<>();
    for (JsonNode invoice : invoices) {
      assertThat(periods.add(invoice.path("subscription").asText())).isTrue();
      assertThat(invoice.path("attempts").asInt()).as(invoice.toString()).isEqualTo(1);
    }
    Map<String, Integer> prompts = prompts();
    assertThat(prompts.values()).as("prompts per phone").allMatch(n -> n == 1);
    // The kill can cut off at most the pushes in flight: all the others went out exactly once.
    assertThat(total(prompts)).isBetween(SUBSCRIPTIONS - 8, SUBSCRIPTIONS);
    List<JsonNode> payments = after.all("/v1/payments");
    assertThat(payments).hasSize(SUBSCRIPTIONS);
  }

  private GatewayProcess.Launched launch(Path settings) throws IOException {
    GatewayProcess.Launched launched =
        GatewayProcess.launch(
            settings,
            dir.resolve("gateway-" + (gateways.size() + 1) + ".log"),
            Duration.ofSeconds(30));
    gateways.add(launched);
    return launched;
  }

  private Path settings(String url) throws IOException {
    Path certificate = dir.resolve("emulator.pem");
    Files.writeString(certificate, emulator.certificatePem(), StandardCharsets.UTF_8);
    Properties values = new Properties();
    values.setProperty(GatewayProcess.EMULATOR_URL, emulator.baseUrl());
    values.setProperty(GatewayProcess.CERTIFICATE_FILE, certificate.toString());
    values.setProperty(GatewayProcess.DATABASE_URL, url);
    values.setProperty(GatewayProcess.PORT, "0");
    values.setProperty(GatewayProcess.API_KEY, GatewayHarness.API_KEY);
    values.setProperty(GatewayProcess.CALLBACK_SECRET, GatewayHarness.CALLBACK_SECRET);
    values.setProperty(GatewayProcess.BACKGROUND_WORKERS, "true");
    values.setProperty(
        GatewayProcess.GATEWAY_JSON,
        """
        {"subscriptions": {"quietHours": "off", "ratePerSecond": 40, "tickEvery": "200ms"},
         "reconciler": {"unansweredAfter": "2s", "schedule": ["1s", "2s"], "every": "200ms"}}""");
    Path file = dir.resolve("gateway.properties");
    GatewayProcess.writeSettings(file, values);
    return file;
  }

  private static String phone(int i) {
    return String.format("25471160%04d", i);
  }

  private Map<String, Integer> prompts() {
    Map<String, Integer> byPhone = new HashMap<>();
    JsonNode list =
        new MerchantClient(emulator.baseUrl() + "/__admin", null)
            .get("/stk?limit=10000")
            .json()
            .path("prompts");
    for (JsonNode p : list) {
      if (p.path("accountReference").asText().startsWith("MEMBER-")) {
        byPhone.merge(p.path("phoneNumber").asText(), 1, Integer::sum);
      }
    }
    return byPhone;
  }

  private static int total(Map<String, Integer> prompts) {
    return prompts.values().stream().mapToInt(Integer::intValue).sum();
  }
}
