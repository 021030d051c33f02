package io.github.darajakit.gateway;

import static io.github.darajakit.gateway.StkScenariosTest.payment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.darajakit.client.webhooks.VerifiedWebhook;
import io.github.darajakit.client.webhooks.WebhookSecret;
import io.github.darajakit.client.webhooks.WebhookSignature;
import io.github.darajakit.gateway.support.GatewayHarness;
import io.github.darajakit.gateway.support.MerchantClient;
import io.github.darajakit.gateway.support.MerchantClient.Reply;
import io.github.darajakit.gateway.support.WebhookReceiver;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The outbox and webhooks: every event reaches each subscribed endpoint, signed per Standard
 * Webhooks; failures are retried on a schedule with every attempt recorded; deliveries can be
 * replayed. Workers are driven by hand with a moved clock.
 */
class WebhookTest {

  @RegisterExtension GatewayHarness h = harness();

  /** SQLite; {@link OnPostgresqlTest} runs this suite again on PostgreSQL. */
  GatewayHarness harness() {
    return new GatewayHarness(UnaryOperator.identity(), UnaryOperator.identity(), false);
  }

  private final WebhookReceiver receiver = new WebhookReceiver();

  @AfterEach
  void stopReceiver() {
    receiver.close();
  }

  private Reply subscribe(String... types) {
    String list = String.join("\",\"", types);
    Reply endpoint =
        h.merchant()
            .post(
                "/v1/webhook-endpoints",
                "{\"url\":\"" + receiver.url() + "\",\"enabled_events\":[\"" + list + "\"]}");
    assertThat(endpoint.status()).isEqualTo(201);
    return endpoint;
  }

  private String paid() {
    String id = h.merchant().post("/v1/payments", payment("254708374149", 20)).text("id");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> h.merchant().get("/v1/payments/" + id).text("status").equals("succeeded"));
    return id;
  }

  @Test
  void eventsArriveSignedAndVerifiableWithTheSdk() {
    Reply endpoint = subscribe("payment.succeeded", "payment.created");
    String secret = endpoint.text("secret");
    assertThat(secret).startsWith("whsec_");
    assertThat(
            h.merchant().get("/v1/webhook-endpoints/" + endpoint.text("id")).json().has("secret"))
        .as("the secret is shown once")
        .isFalse();
    String id = paid();

    assertThat(h.gateway().deliverWebhooksNow()).isEqualTo(2);
    assertThat(receiver.received()).hasSize(2);
    Set<String> types = new HashSet<>();
    for (WebhookReceiver.Received request : receiver.received()) {
      VerifiedWebhook verified =
          WebhookSignature.verify(
              WebhookSecret.parse(secret), request::header, request.body(), h.clock());
      assertThat(verified.id()).isEqualTo(request.header("webhook-id"));
      JsonNode event = readJson(request.body());
      types.add(event.path("type").asText());
      assertThat(event.path("data").path("object").path("id").asText()).isEqualTo(id);
    }
    assertThat(types).containsExactlyInAnyOrder("payment.created", "payment.succeeded");

    // A tampered body, or another endpoint's secret, does not verify.
    WebhookReceiver.Received first = receiver.received().get(0);
    byte[] tampered =
        new String(first.body()).replace("\"amount\":20", "\"amount\":2000").getBytes();
    assertThatThrownBy(
            () ->
                WebhookSignature.verify(
                    WebhookSecret.parse(secret), first::header, tampered, h.clock()))
        .isInstanceOf(RuntimeException.class);
    assertThat(h.gateway().deliverWebhooksNow()).as("delivered once").isZero();
  }

  @Test
  void onlySubscribedTypesAreSent() {
    subscribe("c2b_payment.received");
    paid();
    assertThat(h.gateway().deliverWebhooksNow()).isZero();
    assertThat(receiver.received()).isEmpty();
  }

  @Test
  void aFailingEndpointIsRetriedOnScheduleWithEveryAttemptRecordedThenGivenUp() {
    subscribe("payment.succeeded");
    receiver.answer(500);
    paid();
    List<Duration> retries = h.gateway().config().webhookRetries();
    assertThat(h.gateway().deliverWebhooksNow()).isEqualTo(1);
    for (int i = 0; i < retries.size(); i++) {
      assertThat(h.gateway().deliverWebhooksNow()).as("not before its time").isZero();
      h.clock().advance(retries.get(i).plusSeconds(1));
      assertThat(h.gateway().deliverWebhooksNow()).as("retry " + (i + 1)).isEqualTo(1);
    }
    h.clock().advance(Duration.ofDays(7));
    assertThat(h.gateway().deliverWebhooksNow()).as("given up").isZero();
    assertThat(receiver.received()).hasSize(retries.size() + 1);
    Duration total = retries.stream().reduce(Duration.ZERO, Duration::plus);
    assertThat(total).isBetween(Duration.ofDays(2), Duration.ofDays(4));

    JsonNode delivery =
        h.merchant().get("/v1/webhook-deliveries?status=failed").json().path("data").get(0);
    assertThat(delivery.path("attempts").asInt()).isEqualTo(retries.size() + 1);
    assertThat(delivery.path("last_http_status").asInt()).isEqualTo(500);
    JsonNode log =
        h.merchant()
            .get("/v1/webhook-deliveries/" + delivery.path("id").asText())
            .json()
            .path("attempt_log");
    assertThat(log).hasSize(retries.size() + 1);
    assertThat(log).allSatisfy(a -> assertThat(a.path("http_status").asInt()).isEqualTo(500));
    // Same webhook-id on every attempt, so the receiver can deduplicate.
    assertThat(receiver.received().stream().map(r -> r.header("webhook-id")).distinct()).hasSize(1);

    // The merchant fixes the endpoint and replays it.
    receiver.answer(204);
    Reply replayed =
        h.merchant()
            .post("/v1/webhook-deliveries/" + delivery.path("id").asText() + "/replay", "{}");
    assertThat(replayed.status()).isEqualTo(200);
    assertThat(h.gateway().deliverWebhooksNow()).isEqualTo(1);
    assertThat(
            h.merchant()
                .get("/v1/webhook-deliveries/" + delivery.path("id").asText())
                .text("status"))
        .isEqualTo("delivered");
  }

  @Test
  void anUnreachableEndpointIsRetriedToo() {
    Reply endpoint =
        h.merchant()
            .post(
                "/v1/webhook-endpoints",
                "{\"url\":\"http://127.0.0.1:9/hooks\",\"enabled_events\":[\"payment.created\"]}");
    assertThat(endpoint.status()).isEqualTo(201);
    h.merchant().post("/v1/payments", payment("254708374149", 20));
    assertThat(h.gateway().deliverWebhooksNow()).isEqualTo(1);
    JsonNode delivery = h.merchant().get("/v1/webhook-deliveries").json().path("data").get(0);
    assertThat(delivery.path("status").asText()).isEqualTo("pending");
    assertThat(delivery.path("last_error").asText()).isNotBlank();
  }

  @Test
  void aDeletedEndpointGetsNothingMore() {
    Reply endpoint = subscribe("payment.created");
    assertThat(h.merchant().delete("/v1/webhook-endpoints/" + endpoint.text("id")).status())
        .isEqualTo(200);
    h.merchant().post("/v1/payments", payment("254708374149", 20));
    assertThat(h.gateway().deliverWebhooksNow()).isZero();
    assertThat(h.merchant().get("/v1/webhook-endpoints").json().path("data")).isEmpty();
  }

  @Test
  void badEndpointsAreRefusedNamingTheField() {
    for (String[] bad :
        new String[][] {
          {"{\"enabled_events\":[\"payment.succeeded\"]}", "url"},
          {"{\"url\":\"ftp://x/y\",\"enabled_events\":[\"payment.succeeded\"]}", "url"},
          {"{\"url\":\"/relative\",\"enabled_events\":[\"payment.succeeded\"]}", "url"},
          {"{\"url\":\"https://shop.example.com/h\"}", "enabled_events"},
          {"{\"url\":\"https://shop.example.com/h\",\"enabled_events\":[]}", "enabled_events"},
          {
            "{\"url\":\"https://shop.example.com/h\",\"enabled_events\":[\"paid\"]}",
            "enabled_events"
          },
        }) {
      Reply reply = h.merchant().post("/v1/webhook-endpoints", bad[0]);
      assertThat(reply.status()).as(bad[0]).isEqualTo(400);
      assertThat(reply.json().path("error").path("param").asText()).isEqualTo(bad[1]);
    }
    assertThat(h.merchant().get("/v1/webhook-endpoints").json().path("data")).isEmpty();
  }

  private static JsonNode readJson(byte[] body) {
    try {
      return MerchantClient.JSON.readTree(body);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
