package io.github.darajakit.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.darajakit.gateway.subscriptions.SubscriptionSettings;
import io.github.darajakit.gateway.support.GatewayHarness;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every due period is billed once, and every customer asked once per attempt, when four billing
 * runs start at the same moment (on two gateway instances sharing PostgreSQL, or in one instance on
 * SQLite), again and again, and when the clock goes back and forth. The oracle is the emulator's
 * list of STK prompts, not the gateway's own tables.
 */
class SubscriptionExactlyOnceTest {

  static final int SUBSCRIPTIONS = 60;

  @RegisterExtension GatewayHarness h = harness();

  /** SQLite; {@link OnPostgresqlTest} runs this again on PostgreSQL. */
  GatewayHarness harness() {
    // Unpaced: the race is between runs, not against the prompt pace.
    return new GatewayHarness(
        UnaryOperator.identity(),
        g -> g.subscriptions(SubscriptionSettings.defaults().withRatePerSecond(0)),
        false);
  }

  static String phone(int i) {
    return String.format("25471150%04d", i);
  }

  @Test
  void twoInstancesBillingAtOnceChargeEachPeriodOnce() throws Exception {
    h.clock()
        .setTo(
            LocalDateTime.parse("2027-05-03T10:00:00")
                .atZone(ZoneId.of("Africa/Nairobi"))
                .toInstant());
    String plan =
        h.merchant()
            .post("/v1/plans", "{\"name\":\"Daily\",\"amount\":20,\"interval\":\"day\"}")
            .text("id");
    for (int i = 0; i < SUBSCRIPTIONS; i++) {
      assertThat(
              h.merchant()
                  .post(
                      "/v1/subscriptions",
                      "{\"phone\":\""
                          + phone(i)
                          + "\",\"plan\":\""
                          + plan
                          + "\",\"reference\":\"MEMBER-"
                          + i
                          + "\"}")
                  .status())
          .isEqualTo(201);
    }
    // A second instance shares a PostgreSQL database; SQLite serves one process (its writes are
    // grouped in-process), so there the four runs race inside one instance.
    boolean postgres = h.databaseUrl().startsWith("jdbc:postgresql:");
    try (DarajaGateway second = postgres ? h.newGateway(UnaryOperator.identity()) : null) {
      List<DarajaGateway> instances =
          postgres ? List.of(h.gateway(), second) : List.of(h.gateway());
      for (int day = 0; day < 3; day++) {
        race(instances);
        awaitNothingInFlight();
        h.clock().advance(Duration.ofDays(1));
      }
      // The clock goes back a month and forward again: no period is invoiced twice.
      h.clock().advance(Duration.ofDays(-30));
      race(instances);
      h.clock().advance(Duration.ofDays(30));
      race(instances);
      awaitNothingInFlight();
    }

    List<JsonNode> invoices = h.merchant().all("/v1/invoices");
    // Days 3, 4 and 5, and the 6th reached by the last race.
    assertThat(invoices).hasSize(SUBSCRIPTIONS * 4);
    Map<String, Integer> perPeriod = new HashMap<>();
    for (JsonNode i : invoices) {
      perPeriod.merge(
          i.path("subscription").asText() + "/" + i.path("period_start").asText(), 1, Integer::sum);
      assertThat(i.path("attempts").asInt()).as(i.toString()).isEqualTo(1);
      assertThat(i.path("status").asText()).as(i.toString()).isEqualTo("paid");
    }
    assertThat(perPeriod.values()).containsOnly(1);
    Map<String, Integer> prompts = prompts();
    for (int i = 0; i < SUBSCRIPTIONS; i++) {
      assertThat(prompts.getOrDefault(phone(i), 0)).as("prompts to %s", phone(i)).isEqualTo(4);
    }
  }

  /** Four runs spread over the instances, all started together. */
  private void race(List<DarajaGateway> instances) {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<CompletableFuture<?>> runs = new ArrayList<>();
      for (int round = 0; round < 4 / instances.size(); round++) {
        for (DarajaGateway g : instances) {
          runs.add(CompletableFuture.runAsync(() -> g.subscriptions().billing().runOnce(), pool));
        }
      }
      CompletableFuture.allOf(runs.toArray(CompletableFuture[]::new)).join();
    } finally {
      pool.shutdown();
    }
  }

  private void awaitNothingInFlight() {
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                h.merchant().all("/v1/invoices?status=open").stream()
                    .noneMatch(i -> !i.path("payment_in_flight").isNull()));
  }

  /** STK prompts per phone, as the emulator received them. */
  private Map<String, Integer> prompts() {
    Map<String, Integer> byPhone = new HashMap<>();
    for (JsonNode p : h.admin("GET", "/stk?limit=10000", null).json().path("prompts")) {
      if (p.path("accountReference").asText().startsWith("MEMBER-")) {
        byPhone.merge(p.path("phoneNumber").asText(), 1, Integer::sum);
      }
    }
    return byPhone;
  }
}
