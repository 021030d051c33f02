package io.github.darajakit.gateway;

import static io.github.darajakit.gateway.StkScenariosTest.payment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.darajakit.gateway.support.GatewayHarness;
import io.github.darajakit.gateway.support.MerchantClient;
import io.github.darajakit.gateway.support.WebhookReceiver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two gateway instances on one PostgreSQL, both running their workers: the reconciler's and the
 * webhook dispatcher's queues are shared through leases ({@code FOR UPDATE SKIP LOCKED}), so no
 * payment is asked about twice in a round and no event is delivered twice.
 */
class TwoInstancesTest {

  private static final int PAYMENTS = 40;

  @RegisterExtension
  GatewayHarness h =
      new GatewayHarness(
              e -> e,
              g ->
                  g.reconcileEvery(Duration.ofMillis(50))
                      .dispatchEvery(Duration.ofMillis(50))
                      .instanceId("gw-a"),
              true)
          .postgres();

  private DarajaGateway second;
  private MerchantClient secondApi;
  private final WebhookReceiver receiver = new WebhookReceiver();

  @BeforeEach
  void startTheSecondInstance() {
    second = h.newGateway(g -> g.instanceId("gw-b"));
    secondApi = new MerchantClient(second.baseUrl(), GatewayHarness.API_KEY);
  }

  @AfterEach
  void stop() {
    second.close();
    receiver.close();
  }

  /** Webhook deliveries an instance made, from its Prometheus metrics. */
  private static long delivered(String baseUrl) {
    String metrics =
        new MerchantClient(baseUrl, null).send("GET", "/metrics", null, null, null).json().asText();
    return metrics
        .lines()
        .filter(
            l ->
                l.startsWith("daraja_gateway_webhook_attempts_total{")
                    && l.contains("outcome=\"delivered\""))
        .mapToLong(l -> (long) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
        .sum();
  }

  private long count(String endpoint) {
    return h.admin("GET", "/counters", null).json().path("endpoints").path(endpoint).asLong();
  }

  @Test
  void aSharedQueueIsWorkedOnceAcrossInstances() {
    assertThat(
            h.merchant()
                .post(
                    "/v1/webhook-endpoints",
                    "{\"url\":\"" + receiver.url() + "\",\"enabled_events\":[\"*\"]}")
                .status())
        .isEqualTo(201);
    h.admin("PUT", "/faults", "{\"callbacks\":{\"dropRate\":1.0,\"kinds\":[\"stk\"]}}");
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < PAYMENTS; i++) {
      MerchantClient api = i % 2 == 0 ? h.merchant() : secondApi;
      ids.add(
          api.post("/v1/payments", payment("2547114000" + String.format("%02d", i), 10))
              .text("id"));
    }
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> h.admin("GET", "/stk?status=pending", null).json().path("prompts").isEmpty());

    h.clock().advance(Duration.ofSeconds(61));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                ids.stream()
                    .allMatch(
                        id ->
                            h.merchant()
                                .get("/v1/payments/" + id)
                                .text("status")
                                .equals("succeeded")));
    assertThat(count("stk_query")).as("each payment asked about once").isEqualTo(PAYMENTS);

    // created + submitted + succeeded + needs_attention (no receipt from STK Query) per payment
    int events = PAYMENTS * 4;
    await().atMost(Duration.ofSeconds(30)).until(() -> receiver.received().size() >= events);
    Map<String, Long> byWebhookId =
        receiver.received().stream()
            .collect(Collectors.groupingBy(r -> r.header("webhook-id"), Collectors.counting()));
    assertThat(byWebhookId).hasSize(events);
    assertThat(byWebhookId.values()).allMatch(n -> n == 1);
    long deliveredByA = delivered(h.gateway().baseUrl());
    long deliveredByB = delivered(second.baseUrl());
    System.out.printf("webhooks delivered: gw-a %d, gw-b %d%n", deliveredByA, deliveredByB);
    assertThat(deliveredByA + deliveredByB).isEqualTo(events);
    for (String id : ids) {
      assertThat(h.merchant().get("/v1/events?object_id=" + id).json().path("data"))
          .extracting(e -> e.path("type").asText())
          .containsExactlyInAnyOrder(
              "payment.created",
              "payment.submitted",
              "payment.succeeded",
              "payment.needs_attention");
    }
  }
}
