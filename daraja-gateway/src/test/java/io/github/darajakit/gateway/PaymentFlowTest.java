package io.github.darajakit.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.darajakit.gateway.support.Callbacks;
import io.github.darajakit.gateway.support.GatewayHarness;
import io.github.darajakit.gateway.support.MerchantClient.Reply;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PaymentFlowTest {

  @RegisterExtension GatewayHarness h = harness();

  /** SQLite; {@link OnPostgresqlTest} runs this suite again on PostgreSQL. */
  GatewayHarness harness() {
    return new GatewayHarness();
  }

  private static String payment(String phone, long amount) {
    return "{\"phone\":\""
        + phone
        + "\",\"amount\":"
        + amount
        + ",\"reference\":\"INV-1\",\"description\":\"Invoice 1\",\"metadata\":{\"order\":\"42\"}}";
  }

  @Test
  void paymentIsPushedAndSucceedsWhenTheCallbackArrives() {
    Reply created = h.merchant().post("/v1/payments", payment("0708374149", 150));
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.text("status")).isEqualTo("pending");
    assertThat(created.text("checkout_request_id")).startsWith("ws_CO_");
    assertThat(created.json().path("metadata").path("order").asText()).isEqualTo("42");
    String id = created.text("id");

    Reply paid = h.merchant().awaitSettled(id);
    assertThat(paid.text("status")).isEqualTo("succeeded");
    assertThat(paid.text("mpesa_receipt")).matches("[A-Z0-9]{10}");
    assertThat(paid.json().path("paid_amount").asLong()).isEqualTo(150);
    assertThat(paid.text("paid_phone")).isEqualTo("254708374149");

    Reply events = h.merchant().get("/v1/events?object_id=" + id);
    assertThat(events.json().path("data"))
        .extracting(e -> e.path("type").asText())
        .containsExactly("payment.succeeded", "payment.submitted", "payment.created");
  }

  @Test
  void cancelledPromptEndsCancelledWithTheResultCode() {
    String id = h.merchant().post("/v1/payments", payment("254700001032", 20)).text("id");
    Reply done = h.merchant().awaitSettled(id);
    assertThat(done.text("status")).isEqualTo("cancelled");
    assertThat(done.json().path("failure").path("code").asText()).isEqualTo("1032");
  }

  @Test
  void aPushWhoseAnswerWasLostIsSettledByItsCallbackAndNeverPushedAgain() {
    h.dropNextAnswer("stk_push");
    Reply created = h.merchant().post("/v1/payments", payment("0708374149", 160));
    assertThat(created.status()).isEqualTo(201);
    String id = created.text("id");

    // The callback names no CheckoutRequestID the gateway knows, but its URL names the payment.
    Reply paid =
        await()
            .atMost(Duration.ofSeconds(10))
            .until(
                () -> h.merchant().get("/v1/payments/" + id),
                r -> r.text("status").equals("succeeded"));
    assertThat(paid.text("checkout_request_id")).startsWith("ws_CO_");
    assertThat(paid.text("mpesa_receipt")).matches("[A-Z0-9]{10}");
    assertThat(h.admin("GET", "/counters", null).json().path("endpoints").path("stk_push").asLong())
        .isEqualTo(1);
    assertThat(
            h.admin("GET", "/deliveries?kind=stk", null)
                .json()
                .path("deliveries")
                .get(0)
                .path("url")
                .asText())
        .endsWith("/stk/" + id);
  }

  @Test
  void aCallbackThatOvertakesThePushAnswerIsAppliedByThePaymentItsUrlNames() throws Exception {
    h.admin("PATCH", "/settings", "{\"stk\":{\"manualMode\":true}}");
    h.admin("PUT", "/faults", "{\"latency\":{\"stk_push\":\"2s\"}}");
    ExecutorService merchant = Executors.newSingleThreadExecutor();
    try {
      Future<Reply> created =
          merchant.submit(() -> h.merchant().post("/v1/payments", payment("0708374149", 170)));
      String id =
          await()
              .atMost(Duration.ofSeconds(10))
              .until(
                  () -> h.merchant().get("/v1/payments?limit=1").json().path("data"),
                  data -> data.size() == 1)
              .get(0)
              .path("id")
              .asText();
      // Still waiting for Daraja's answer to the push when the callback for it arrives.
      Reply ack =
          h.merchant()
              .postRaw(
                  h.callbackUrl("stk/" + id),
                  Callbacks.stkSuccess(
                      "m-overtaking", "ws_CO_overtaking0001", 170, "254708374149", "TKM1N2P3Q4"));
      assertThat(ack.status()).isEqualTo(200);
      Reply paid = h.merchant().get("/v1/payments/" + id);
      assertThat(paid.text("status")).isEqualTo("succeeded");
      assertThat(paid.text("checkout_request_id")).isEqualTo("ws_CO_overtaking0001");
      assertThat(created.get(10, TimeUnit.SECONDS).text("id")).isEqualTo(id);
      assertThat(h.merchant().get("/v1/payments/" + id).text("status")).isEqualTo("succeeded");
    } finally {
      merchant.shutdownNow();
    }
  }
}
