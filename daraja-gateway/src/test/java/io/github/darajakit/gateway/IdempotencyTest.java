package io.github.darajakit.gateway;

import static io.github.darajakit.gateway.StkScenariosTest.payment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.darajakit.gateway.support.GatewayHarness;
import io.github.darajakit.gateway.support.MerchantClient.Reply;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code Idempotency-Key} with Stripe's semantics, and DESIGN §6.2: a retried request never pushes
 * twice — not when the first is still running, not when it finished, not when it died half-way.
 */
class IdempotencyTest {

  @RegisterExtension GatewayHarness h = harness();

  /** SQLite; {@link OnPostgresqlTest} runs this suite again on PostgreSQL. */
  GatewayHarness harness() {
    return new GatewayHarness(UnaryOperator.identity(), UnaryOperator.identity(), false);
  }

  private long pushes() {
    return h.admin("GET", "/counters", null).json().path("endpoints").path("stk_push").asLong();
  }

  @Test
  void theSameKeyAndBodyGetTheFirstAnswerAndPushOnce() {
    String body = payment("254708374149", 12);
    Reply first = h.merchant().post("/v1/payments", body, "order-1001");
    Reply again = h.merchant().post("/v1/payments", body, "order-1001");
    assertThat(first.status()).isEqualTo(201);
    assertThat(again.status()).isEqualTo(201);
    assertThat(again.json()).isEqualTo(first.json());
    assertThat(pushes()).isEqualTo(1);
    assertThat(h.merchant().get("/v1/payments").json().path("data")).hasSize(1);
  }

  @Test
  void aRefusedRequestIsAnAnswerToo() {
    String bad = "{\"phone\":\"12345\",\"amount\":10,\"reference\":\"A\",\"description\":\"B\"}";
    Reply first = h.merchant().post("/v1/payments", bad, "order-1002");
    Reply again = h.merchant().post("/v1/payments", bad, "order-1002");
    assertThat(first.status()).isEqualTo(400);
    assertThat(again.status()).isEqualTo(400);
    assertThat(again.json()).isEqualTo(first.json());
  }

  @Test
  void theSameKeyWithAnotherBodyIs422AndChangesNothing() {
    h.merchant().post("/v1/payments", payment("254708374149", 12), "order-1003");
    Reply other = h.merchant().post("/v1/payments", payment("254708374149", 13), "order-1003");
    assertThat(other.status()).isEqualTo(422);
    assertThat(other.json().path("error").path("code").asText())
        .isEqualTo("idempotency_key_reused");
    assertThat(pushes()).isEqualTo(1);
    Reply onAnotherPath = h.merchant().post("/v1/c2b/register", "{}", "order-1003");
    assertThat(onAnotherPath.status()).isEqualTo(422);
  }

  @Test
  void aConcurrentRequestWithTheSameKeyIs409() {
    h.admin("PUT", "/faults", "{\"latency\":{\"stk_push\":\"1500ms\"}}");
    String body = payment("254708374149", 14);
    CompletableFuture<Reply> first =
        CompletableFuture.supplyAsync(() -> h.merchant().post("/v1/payments", body, "order-1004"));
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> h.merchant().get("/v1/payments").json().path("data").size() == 1);
    Reply concurrent = h.merchant().post("/v1/payments", body, "order-1004");
    assertThat(concurrent.status()).isEqualTo(409);
    assertThat(concurrent.json().path("error").path("code").asText())
        .isEqualTo("idempotency_key_in_use");
    assertThat(first.join().status()).isEqualTo(201);
    assertThat(h.merchant().post("/v1/payments", body, "order-1004").json())
        .isEqualTo(first.join().json());
    assertThat(pushes()).isEqualTo(1);
  }

  @Test
  void aRetryAfterTheFirstAttemptStalledReturnsItsPaymentAndDoesNotPushAgain() {
    // The first attempt is stuck in Daraja's push long past the key's lock (as if the gateway
    // had died there); the retry takes the key over and must find the payment, not make one.
    h.admin("PUT", "/faults", "{\"latency\":{\"stk_push\":\"3s\"}}");
    String body = payment("254708374149", 16);
    CompletableFuture<Reply> first =
        CompletableFuture.supplyAsync(() -> h.merchant().post("/v1/payments", body, "order-1005"));
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> h.merchant().get("/v1/payments").json().path("data").size() == 1);
    h.clock().advance(Duration.ofMinutes(3));
    Reply retry = h.merchant().post("/v1/payments", body, "order-1005");
    assertThat(retry.status()).isEqualTo(201);
    assertThat(retry.text("status")).isEqualTo("pending");
    assertThat(retry.text("id")).isEqualTo(first.join().text("id"));
    assertThat(h.merchant().get("/v1/payments").json().path("data")).hasSize(1);
    assertThat(pushes()).isEqualTo(1);
  }

  @Test
  void keysAreKeptAtLeastADayThenForgotten() {
    String body = payment("254708374149", 17);
    Reply first = h.merchant().post("/v1/payments", body, "order-1006");
    h.clock().advance(Duration.ofHours(25));
    assertThat(h.gateway().housekeepNow()).isZero();
    assertThat(h.merchant().post("/v1/payments", body, "order-1006").json())
        .isEqualTo(first.json());

    h.clock().advance(Duration.ofHours(24));
    assertThat(h.gateway().housekeepNow()).isEqualTo(1);
    Reply fresh = h.merchant().post("/v1/payments", payment("254708374149", 18), "order-1006");
    assertThat(fresh.status()).isEqualTo(201);
    assertThat(fresh.text("id")).isNotEqualTo(first.text("id"));
    assertThat(pushes()).isEqualTo(2);
  }

  @Test
  void aKeyTooLongIsRefusedNamingTheHeader() {
    Reply reply = h.merchant().post("/v1/payments", payment("254708374149", 19), "k".repeat(256));
    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.json().path("error").path("param").asText()).isEqualTo("Idempotency-Key");
    assertThat(pushes()).isZero();
  }
}
