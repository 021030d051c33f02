package io.github.darajakit.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.darajakit.client.webhooks.WebhookSecret;
import io.github.darajakit.client.webhooks.WebhookSignature;
import io.github.darajakit.gateway.support.GatewayHarness;
import io.github.darajakit.gateway.support.MerchantClient;
import io.github.darajakit.gateway.support.MerchantClient.Reply;
import io.github.darajakit.gateway.support.WebhookReceiver;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Checkout sessions paid through the public endpoints against the embedded emulator, whose count of
 * STK pushes is the oracle: a session is charged at most once however often and however
 * concurrently it is paid, a definite failure may be retried, an unknown outcome blocks, and a
 * refused prompt reaches no phone. Links and validation are in {@link PaymentLinkTest}.
 */
class CheckoutTest {

  static final String PAYS = "254708374149";
  static final String CANCELS = "254700001032";
  static final String CALLBACK_LOST = "254700000404";

  @RegisterExtension GatewayHarness h = harness();

  /**
   * SQLite, no background work (tests reconcile when they choose); {@link OnPostgresqlTest} too.
   */
  GatewayHarness harness() {
    return new GatewayHarness(UnaryOperator.identity(), UnaryOperator.identity(), false);
  }

  static String session(long amount, String reference) {
    return "{\"amount\":"
        + amount
        + ",\"reference\":\""
        + reference
        + "\",\"description\":\"Order "
        + reference
        + "\",\"success_url\":\"https://shop.example/paid\","
        + "\"cancel_url\":\"https://shop.example/cart\",\"metadata\":{\"order_id\":\"1044\"}}";
  }

  /** A new session's public code (the last segment of its URL). */
  static String code(Reply created) {
    String url = created.text("url");
    return url.substring(url.lastIndexOf('/') + 1);
  }

  static Reply open(GatewayHarness h, long amount) {
    Reply created = h.merchant().post("/v1/checkout-sessions", session(amount, "ORD-" + amount));
    assertThat(created.status()).as(created.json().toString()).isEqualTo(201);
    return created;
  }

  static Reply pay(GatewayHarness h, String code, String phone) {
    return publicCall(h, "POST", "/pay/api/s/" + code + "/pay", "{\"phone\":\"" + phone + "\"}");
  }

  static Reply publicCall(GatewayHarness h, String method, String path, String json) {
    return h.merchant().send(method, path, json, null, null);
  }

  static long pushes(GatewayHarness h) {
    return h.emulatorCalls("stk_push");
  }

  private Reply awaitSession(String id, String status) {
    return await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> h.merchant().get("/v1/checkout-sessions/" + id),
            r -> r.text("status").equals(status));
  }

  private Reply awaitOutcome(String code, String outcome) {
    return await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> publicCall(h, "GET", "/pay/api/s/" + code, null),
            r -> r.json().path("attempt").path("outcome").asText().equals(outcome));
  }

  @Test
  void aSessionIsPaidOnceEndToEndAndTheWebhookDataNamesThePaymentAndReceipt() {
    Reply created = open(h, 150);
    assertThat(created.text("id")).startsWith("cs_");
    assertThat(created.text("status")).isEqualTo("open");
    assertThat(created.text("url")).startsWith(h.gateway().baseUrl() + "/pay/s/");
    String code = code(created);
    assertThat(code).matches("[0-9A-Za-z]{16}");

    Reply page = publicCall(h, "GET", "/pay/api/s/" + code, null);
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.json().path("amount").asLong()).isEqualTo(150);
    assertThat(page.json().path("attempt").isNull()).isTrue();
    // Nothing the merchant keeps to itself: no metadata, no payment ids.
    assertThat(page.json().has("metadata")).isFalse();
    assertThat(page.json().has("payment")).isFalse();

    Reply paying = pay(h, code, "0708374149");
    assertThat(paying.status()).as(paying.json().toString()).isEqualTo(202);
    assertThat(paying.json().path("attempt").path("outcome").asText()).isEqualTo("pending");
    assertThat(paying.json().path("attempt").path("can_pay_again").asBoolean()).isFalse();

    Reply complete = awaitSession(created.text("id"), "complete");
    String paymentId = complete.text("payment");
    assertThat(paymentId).startsWith("pay_");
    assertThat(complete.text("mpesa_receipt")).isNotBlank();
    assertThat(complete.json().path("attempt_in_progress").asBoolean()).isFalse();
    assertThat(complete.json().path("metadata").path("order_id").asText()).isEqualTo("1044");

    Reply payment = h.merchant().get("/v1/payments/" + paymentId);
    assertThat(payment.text("status")).isEqualTo("succeeded");
    assertThat(payment.text("mpesa_receipt")).isEqualTo(complete.text("mpesa_receipt"));
    assertThat(payment.json().path("metadata").path("checkout_session").asText())
        .isEqualTo(created.text("id"));
    assertThat(payment.json().path("amount").asLong()).isEqualTo(150);
    assertThat(payment.text("phone")).isEqualTo(PAYS);

    assertThat(h.merchant().eventTypes(created.text("id")))
        .containsExactly("checkout_session.completed");
    JsonNode event =
        h.merchant().get("/v1/events?object_id=" + created.text("id")).json().path("data").get(0);
    JsonNode data = event.path("data").path("object");
    assertThat(data.path("payment").asText()).isEqualTo(paymentId);
    assertThat(data.path("mpesa_receipt").asText()).isEqualTo(complete.text("mpesa_receipt"));

    Reply shown = awaitOutcome(code, "paid");
    assertThat(shown.text("status")).isEqualTo("complete");
    assertThat(shown.text("mpesa_receipt")).isEqualTo(complete.text("mpesa_receipt"));

    Reply again = pay(h, code, PAYS);
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.json().path("error").path("code").asText()).isEqualTo("session_complete");
    assertThat(pushes(h)).isEqualTo(1);
  }

  @Test
  void fiftyConcurrentPaysOfOneSessionSendOnePrompt() throws Exception {
    String code = code(open(h, 200));
    int callers = 50;
    ExecutorService pool = Executors.newFixedThreadPool(callers);
    CountDownLatch start = new CountDownLatch(1);
    List<CompletableFuture<Reply>> replies = new ArrayList<>();
    try {
      for (int i = 0; i < callers; i++) {
        replies.add(
            CompletableFuture.supplyAsync(
                () -> {
                  try {
                    start.await();
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                  return pay(h, code, PAYS);
                },
                pool));
      }
      start.countDown();
      List<Integer> statuses = new ArrayList<>();
      for (CompletableFuture<Reply> reply : replies) {
        Reply r = reply.get();
        statuses.add(r.status());
        if (r.status() == 409) {
          assertThat(r.json().path("error").path("code").asText())
              .isIn("attempt_in_progress", "session_complete");
        }
      }
      assertThat(statuses).containsOnly(202, 409);
      assertThat(statuses.stream().filter(s -> s == 202).count()).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
    awaitOutcome(code, "paid");
    assertThat(pushes(h)).as("the emulator saw one STK push").isEqualTo(1);
  }

  @Test
  void aCancelledPromptMayBeTriedAgainAndTheRetryPays() {
    Reply created = open(h, 300);
    String code = code(created);
    assertThat(pay(h, code, CANCELS).status()).isEqualTo(202);
    Reply cancelled = awaitOutcome(code, "cancelled");
    assertThat(cancelled.json().path("attempt").path("result_code").asText()).isEqualTo("1032");
    assertThat(cancelled.json().path("attempt").path("can_pay_again").asBoolean()).isTrue();
    assertThat(cancelled.text("status")).isEqualTo("open");

    assertThat(pay(h, code, PAYS).status()).isEqualTo(202);
    Reply complete = awaitSession(created.text("id"), "complete");
    assertThat(complete.json().path("attempts").asInt()).isEqualTo(2);
    assertThat(pushes(h)).isEqualTo(2);
    assertThat(h.merchant().all("/v1/payments"))
        .extracting(p -> p.path("status").asText())
        .containsExactlyInAnyOrder("succeeded", "cancelled");
  }

  @Test
  void anUnknownOutcomeBlocksEveryNewAttemptUntilReconciled() {
    Reply created = open(h, 400);
    String code = code(created);
    h.dropNextAnswer("stk_push"); // the push is carried out; its answer never comes back
    Reply paying = pay(h, code, CALLBACK_LOST); // ...nor, for this number, its callback
    assertThat(paying.status()).isEqualTo(202);
    assertThat(paying.json().path("attempt").path("outcome").asText()).isEqualTo("unknown");
    assertThat(paying.json().path("attempt").path("can_pay_again").asBoolean()).isFalse();

    Reply again = pay(h, code, PAYS);
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.json().path("error").path("code").asText()).isEqualTo("attempt_in_progress");
    assertThat(again.json().path("error").path("message").asText()).contains("do not pay again");
    Reply expire = h.merchant().post("/v1/checkout-sessions/" + created.text("id") + "/expire", "");
    assertThat(expire.status()).isEqualTo(409);
    assertThat(expire.json().path("error").path("code").asText()).isEqualTo("attempt_in_progress");
    assertThat(pushes(h)).isEqualTo(1);

    // A push whose answer was lost has no CheckoutRequestID to query: the payment stays unknown
    // and goes before a person. The session, past its expiry, is not expired under it, and still
    // takes no new attempt.
    h.clock().advance(Duration.ofMinutes(31));
    h.gateway().reconcileNow();
    Reply session = h.merchant().get("/v1/checkout-sessions/" + created.text("id"));
    assertThat(session.text("status")).isEqualTo("open");
    assertThat(session.json().path("attempt_in_progress").asBoolean()).isTrue();
    Reply payment = h.merchant().get("/v1/payments/" + session.text("payment"));
    assertThat(payment.text("status")).isEqualTo("unknown");
    assertThat(payment.text("needs_attention")).isNotBlank();
    assertThat(h.merchant().eventTypes(created.text("id"))).isEmpty();
    assertThat(pay(h, code, PAYS).status()).isEqualTo(409);
    assertThat(pushes(h)).isEqualTo(1);
  }

  @Test
  void theSixthPromptToOnePhoneWithinAnHourIsRefusedAndReachesNoPhone() throws Exception {
    for (int i = 1; i <= 5; i++) {
      Reply paying = pay(h, code(open(h, 10 + i)), CANCELS);
      assertThat(paying.status()).as("prompt %d: %s", i, paying.json()).isEqualTo(202);
    }
    assertThat(pushes(h)).isEqualTo(5);
    String sixth = code(open(h, 16));

    HttpResponse<String> refused =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(h.gateway().baseUrl() + "/pay/api/s/" + sixth + "/pay"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"phone\":\"0700001032\"}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(refused.statusCode()).isEqualTo(429);
    long retryAfter = Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
    assertThat(retryAfter).isBetween(1L, 3600L);
    assertThat(refused.body()).contains("too_many_attempts").contains("this phone number");
    assertThat(pushes(h)).as("no push reached the emulator").isEqualTo(5);
    Reply untouched = publicCall(h, "GET", "/pay/api/s/" + sixth, null);
    assertThat(untouched.json().path("attempt").isNull()).isTrue();

    // Another number is not held back by this one's cap.
    assertThat(pay(h, sixth, PAYS).status()).isEqualTo(202);
    // An hour later the first number may be prompted again.
    h.clock().advance(Duration.ofMinutes(61));
    assertThat(pay(h, code(open(h, 17)), CANCELS).status()).isEqualTo(202);
  }

  @Test
  void aSessionPastItsExpiryTakesNoPaymentAndExpiresWithItsEvent() {
    Reply created = open(h, 500);
    String code = code(created);
    Reply other = open(h, 600);

    Reply expired = h.merchant().post("/v1/checkout-sessions/" + other.text("id") + "/expire", "");
    assertThat(expired.status()).isEqualTo(200);
    assertThat(expired.text("status")).isEqualTo("expired");
    Reply refused = pay(h, code(other), PAYS);
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.json().path("error").path("code").asText()).isEqualTo("session_expired");

    h.clock().advance(Duration.ofMinutes(31));
    Reply late = pay(h, code, PAYS);
    assertThat(late.status()).isEqualTo(409);
    assertThat(late.json().path("error").path("code").asText()).isEqualTo("session_expired");
    h.gateway().reconcileNow();
    assertThat(h.merchant().get("/v1/checkout-sessions/" + created.text("id")).text("status"))
        .isEqualTo("expired");
    assertThat(h.merchant().eventTypes(created.text("id")))
        .containsExactly("checkout_session.expired");
    assertThat(h.merchant().get("/v1/checkout-sessions?status=expired").json().path("data").size())
        .isEqualTo(2);
    assertThat(pushes(h)).isZero();
  }

  @Test
  void everyUnknownCodeGetsTheSame404() {
    String known = code(open(h, 100));
    List<JsonNode> bodies = new ArrayList<>();
    for (String path :
        List.of(
            "/pay/api/s/" + known.substring(1) + "x",
            "/pay/api/s/nope",
            "/pay/api/" + known, // a session's code is not a link's
            "/pay/api/zzzzzzzzzzzzzzzz")) {
      Reply r = publicCall(h, "GET", path, null);
      assertThat(r.status()).as(path).isEqualTo(404);
      bodies.add(r.json());
    }
    Reply pay = pay(h, "zzzzzzzzzzzzzzzz", PAYS);
    assertThat(pay.status()).isEqualTo(404);
    bodies.add(pay.json());
    assertThat(bodies).allSatisfy(b -> assertThat(b).isEqualTo(bodies.get(0)));
  }

  /**
   * What the shop hears: the signed {@code checkout_session.completed} webhook names the session,
   * its link, its payment and receipt, and the payment's own {@code payment.succeeded} names the
   * session in its metadata; each verifies with the SDK.
   */
  @Test
  void theCompletedWebhookIsSignedAndNamesTheSessionItsLinkPaymentAndReceipt() throws Exception {
    try (WebhookReceiver receiver = new WebhookReceiver()) {
      Reply endpoint =
          h.merchant()
              .post(
                  "/v1/webhook-endpoints",
                  "{\"url\":\""
                      + receiver.url()
                      + "\",\"enabled_events\":[\"checkout_session.completed\",\"payment.succeeded\"]}");
      assertThat(endpoint.status()).isEqualTo(201);
      Reply link =
          h.merchant()
              .post(
                  "/v1/payment-links",
                  "{\"amount\":70,\"reference\":\"LUNCH\",\"description\":\"Lunch\"}");
      Reply opened = publicCall(h, "POST", "/pay/api/" + link.text("code") + "/sessions", null);
      String sessionId = opened.text("id");
      assertThat(pay(h, opened.text("code"), PAYS).status()).isEqualTo(202);
      Reply complete = awaitSession(sessionId, "complete");

      assertThat(h.gateway().deliverWebhooksNow()).isEqualTo(2);
      Map<String, JsonNode> byType = new HashMap<>();
      for (WebhookReceiver.Received request : receiver.received()) {
        WebhookSignature.verify(
            WebhookSecret.parse(endpoint.text("secret")),
            request::header,
            request.body(),
            h.clock());
        JsonNode event = MerchantClient.JSON.readTree(request.body());
        byType.put(event.path("type").asText(), event.path("data").path("object"));
      }
      JsonNode session = byType.get("checkout_session.completed");
      assertThat(session.path("id").asText()).isEqualTo(sessionId);
      assertThat(session.path("payment_link").asText()).isEqualTo(link.text("id"));
      assertThat(session.path("payment").asText()).isEqualTo(complete.text("payment"));
      assertThat(session.path("mpesa_receipt").asText()).isEqualTo(complete.text("mpesa_receipt"));
      JsonNode payment = byType.get("payment.succeeded");
      assertThat(payment.path("id").asText()).isEqualTo(complete.text("payment"));
      assertThat(payment.path("metadata").path("checkout_session").asText()).isEqualTo(sessionId);
      assertThat(payment.path("metadata").path("payment_link").asText()).isEqualTo(link.text("id"));
    }
  }
}
