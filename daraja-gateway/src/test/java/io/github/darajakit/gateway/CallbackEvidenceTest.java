package io.github.darajakit.gateway;

import static io.github.darajakit.gateway.StkScenariosTest.payment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.darajakit.gateway.support.Callbacks;
import io.github.darajakit.gateway.support.GatewayHarness;
import io.github.darajakit.gateway.support.MerchantClient.Reply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * DESIGN §6.3 and §6.4: a callback is evidence, not truth. Duplicates, late and reordered callbacks
 * never change a final payment; forged ones (unknown id, wrong amount or phone, wrong path secret)
 * never mark anything paid. The emulator runs in manual mode, so the only callbacks are the ones
 * these tests send as Daraja would.
 */
class CallbackEvidenceTest {

  private static final String ACK_CODE = "0";

  @RegisterExtension GatewayHarness h = harness();

  /** SQLite; {@link OnPostgresqlTest} runs this suite again on PostgreSQL. */
  GatewayHarness harness() {
    return new GatewayHarness();
  }

  @BeforeEach
  void manualPrompts() {
    assertThat(h.admin("PATCH", "/settings", "{\"stk\":{\"manualMode\":true}}").status())
        .isEqualTo(200);
  }

  private Reply pending(String phone, long amount) {
    Reply created = h.merchant().post("/v1/payments", payment(phone, amount));
    assertThat(created.text("status")).isEqualTo("pending");
    return created;
  }

  private Reply callback(String body) {
    Reply ack = h.merchant().postRaw(h.callbackUrl("stk"), body);
    assertThat(ack.status()).as("Daraja always gets a 200").isEqualTo(200);
    assertThat(ack.text("ResultCode")).isEqualTo(ACK_CODE);
    return ack;
  }

  private Reply fetch(String id) {
    return h.merchant().get("/v1/payments/" + id);
  }

  private JsonNode reviewed(String outcome) {
    return h.merchant().get("/v1/callbacks?limit=100&outcome=" + outcome).json().path("data");
  }

  @Test
  void duplicateSuccessCallbacksCreditOnce() {
    Reply p = pending("254711100001", 40);
    String body =
        Callbacks.stkSuccess(
            p.text("merchant_request_id"),
            p.text("checkout_request_id"),
            40,
            "254711100001",
            "TKA1B2C3D4");
    for (int i = 0; i < 5; i++) {
      callback(body);
    }
    Reply paid = fetch(p.text("id"));
    assertThat(paid.text("status")).isEqualTo("succeeded");
    assertThat(paid.text("mpesa_receipt")).isEqualTo("TKA1B2C3D4");
    assertThat(h.merchant().eventTypes(p.text("id")))
        .containsExactly("payment.succeeded", "payment.submitted", "payment.created");
    assertThat(reviewed("duplicate")).hasSize(4);
    assertThat(reviewed("applied")).hasSize(1);
  }

  @Test
  void aLateContradictingCallbackIsRecordedNotApplied() {
    Reply p = pending("254711100002", 50);
    callback(
        Callbacks.stkSuccess(
            p.text("merchant_request_id"),
            p.text("checkout_request_id"),
            50,
            "254711100002",
            "TKB1B2C3D4"));
    callback(
        Callbacks.stkFailure(
            p.text("merchant_request_id"),
            p.text("checkout_request_id"),
            1032,
            "Request cancelled by user"));
    callback(
        Callbacks.stkSuccess(
            p.text("merchant_request_id"),
            p.text("checkout_request_id"),
            50,
            "254711100002",
            "TKZZZZZZZZ"));

    Reply paid = fetch(p.text("id"));
    assertThat(paid.text("status")).isEqualTo("succeeded");
    assertThat(paid.text("mpesa_receipt")).isEqualTo("TKB1B2C3D4");
    JsonNode late = reviewed("late");
    assertThat(late).hasSize(2);
    assertThat(late.get(1).path("detail").asText()).contains("already succeeded").contains("1032");
    assertThat(h.merchant().eventTypes(p.text("id"))).hasSize(3);
  }

  @Test
  void aFailureThenALateSuccessLeavesItFailedAndKeepsTheSuccessForReview() {
    Reply p = pending("254711100003", 60);
    callback(
        Callbacks.stkFailure(
            p.text("merchant_request_id"), p.text("checkout_request_id"), 1037, "DS timeout"));
    callback(
        Callbacks.stkSuccess(
            p.text("merchant_request_id"),
            p.text("checkout_request_id"),
            60,
            "254711100003",
            "TKC1B2C3D4"));
    Reply done = fetch(p.text("id"));
    assertThat(done.text("status")).isEqualTo("expired");
    assertThat(done.json().path("mpesa_receipt").isNull()).isTrue();
    assertThat(reviewed("late").get(0).path("body").asText()).contains("TKC1B2C3D4");
  }

  @Test
  void aCallbackForAnUnknownCheckoutRequestIdCreditsNothing() {
    Reply p = pending("254711100004", 70);
    callback(
        Callbacks.stkSuccess(
            "forged-merchant-id", "ws_CO_forged000000000001", 70, "254711100004", "TKFORGED01"));
    assertThat(fetch(p.text("id")).text("status")).isEqualTo("pending");
    JsonNode unmatched = reviewed("unmatched");
    assertThat(unmatched).hasSize(1);
    assertThat(unmatched.get(0).path("match_key").asText()).isEqualTo("ws_CO_forged000000000001");
    assertThat(h.merchant().get("/v1/payments?status=succeeded").json().path("data")).isEmpty();
  }

  @Test
  void aSuccessWithTheWrongAmountCreditsNothingAndAsksForAPerson() {
    Reply p = pending("254711100005", 1000);
    callback(
        Callbacks.stkSuccess(
            p.text("merchant_request_id"),
            p.text("checkout_request_id"),
            1,
            "254711100005",
            "TKD1B2C3D4"));
    Reply after = fetch(p.text("id"));
    assertThat(after.text("status")).isEqualTo("pending");
    assertThat(after.json().path("mpesa_receipt").isNull()).isTrue();
    assertThat(after.text("needs_attention")).contains("amount 1.00 instead of 1000");
    assertThat(reviewed("mismatch")).hasSize(1);
    assertThat(h.merchant().eventTypes(p.text("id"))).contains("payment.needs_attention");
    assertThat(
            h.merchant()
                .get("/v1/payments?needs_attention=true")
                .json()
                .path("data")
                .get(0)
                .path("id")
                .asText())
        .isEqualTo(p.text("id"));

    // The true callback still settles it.
    callback(
        Callbacks.stkSuccess(
            p.text("merchant_request_id"),
            p.text("checkout_request_id"),
            1000,
            "254711100005",
            "TKE1B2C3D4"));
    assertThat(fetch(p.text("id")).text("status")).isEqualTo("succeeded");
  }

  @Test
  void aSuccessFromAnotherPhoneCreditsNothing() {
    Reply p = pending("254711100006", 80);
    callback(
        Callbacks.stkSuccess(
            p.text("merchant_request_id"),
            p.text("checkout_request_id"),
            80,
            "254799999999",
            "TKF1B2C3D4"));
    Reply after = fetch(p.text("id"));
    assertThat(after.text("status")).isEqualTo("pending");
    assertThat(after.text("needs_attention")).contains("phone").doesNotContain("254799999999");
  }

  @Test
  void aWrongPathSecretIsNotFoundAndNothingIsStored() {
    Reply p = pending("254711100007", 90);
    String body =
        Callbacks.stkSuccess(
            p.text("merchant_request_id"),
            p.text("checkout_request_id"),
            90,
            "254711100007",
            "TKG1B2C3D4");
    String wrong = h.gateway().baseUrl() + "/daraja/not-the-secret-0123456789/stk";
    assertThat(h.merchant().postRaw(wrong, body).status()).isEqualTo(404);
    String almost =
        h.gateway().baseUrl()
            + "/daraja/"
            + GatewayHarness.CALLBACK_SECRET.substring(
                0, GatewayHarness.CALLBACK_SECRET.length() - 1)
            + "X/stk";
    assertThat(h.merchant().postRaw(almost, body).status()).isEqualTo(404);
    assertThat(fetch(p.text("id")).text("status")).isEqualTo("pending");
    assertThat(h.merchant().get("/v1/callbacks").json().path("data")).isEmpty();
  }

  @Test
  void anUnparseableBodyIsAcknowledgedStoredAndFlagged() {
    for (String body : List.of("not json at all", "{\"Body\":{}}", "[]", "")) {
      Reply ack = h.merchant().postRaw(h.callbackUrl("stk"), body);
      assertThat(ack.status()).isEqualTo(200);
    }
    JsonNode flagged = reviewed("unparseable");
    assertThat(flagged).hasSize(4);
    assertThat(flagged.findValuesAsText("body")).contains("not json at all");
  }

  @Test
  void aCallbackThatOvertakesThePushAnswerIsAppliedOnceTheAnswerIsRecorded() {
    // Daraja's answer to the push is slow; the callback arrives first and finds no payment.
    h.admin("PATCH", "/settings", "{\"stk\":{\"manualMode\":false}}");
    h.admin("PUT", "/faults", "{\"latency\":{\"stk_push\":\"1500ms\"}}");
    Reply created = h.merchant().post("/v1/payments", payment("254708374149", 15));
    assertThat(created.status()).isEqualTo(201);
    Reply paid =
        await()
            .atMost(Duration.ofSeconds(10))
            .until(() -> fetch(created.text("id")), r -> !r.text("status").equals("pending"));
    assertThat(paid.text("status")).isEqualTo("succeeded");
    JsonNode stored = h.merchant().get("/v1/callbacks").json().path("data");
    assertThat(stored).hasSize(1);
    assertThat(stored.get(0).path("outcome").asText()).isEqualTo("applied");
    assertThat(stored.get(0).path("object_id").asText()).isEqualTo(created.text("id"));
  }

  @Test
  void manyDuplicatedAndReorderedCallbacksSettleEveryPaymentExactlyOnce() {
    h.admin("PATCH", "/settings", "{\"stk\":{\"manualMode\":false}}");
    h.admin(
        "PUT",
        "/faults",
        "{\"callbacks\":{\"duplicateRate\":1.0,\"reorderWindow\":\"300ms\",\"kinds\":[\"stk\"]}}");
    String[] phones = {"254708374149", "254700001032", "254700000001", "254700001037"};
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 24; i++) {
      // distinct customers, so no subscriber lock: auto-created numbers succeed
      String phone = i < phones.length ? phones[i] : "2547112" + String.format("%05d", i);
      ids.add(h.merchant().post("/v1/payments", payment(phone, 10 + i)).text("id"));
    }
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> ids.stream().noneMatch(id -> fetch(id).text("status").equals("pending")));
    for (String id : ids) {
      assertThat(h.merchant().eventTypes(id)).as(id).hasSize(3);
    }
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> reviewed("duplicate").size() + reviewed("late").size(), n -> n >= 24);
    assertThat(reviewed("applied")).hasSize(24);
    assertThat(reviewed("late")).isEmpty();
  }
}
