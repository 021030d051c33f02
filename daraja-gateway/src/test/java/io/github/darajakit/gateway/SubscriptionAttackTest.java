package io.github.darajakit.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.darajakit.gateway.support.Callbacks;
import io.github.darajakit.gateway.support.GatewayHarness;
import io.github.darajakit.gateway.support.MerchantClient.Reply;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Subscriptions hit the way an impatient client and an unlucky network would: fifty identical
 * requests at once, and a charge's callback duplicated, reordered and forged. The oracle is the
 * emulator's list of STK prompts.
 */
class SubscriptionAttackTest {

  static final int STORM = 50;

  @RegisterExtension GatewayHarness h = harness();

  /** SQLite; {@link OnPostgresqlTest} runs this again on PostgreSQL. */
  GatewayHarness harness() {
    return new GatewayHarness(UnaryOperator.identity(), UnaryOperator.identity(), false);
  }

  private String plan() {
    h.clock()
        .setTo(
            LocalDateTime.parse("2027-03-01T10:00:00")
                .atZone(ZoneId.of("Africa/Nairobi"))
                .toInstant());
    return h.merchant()
        .post("/v1/plans", "{\"name\":\"Monthly\",\"amount\":300,\"interval\":\"month\"}")
        .text("id");
  }

  private String subscribe(String phone, String plan) {
    return h.merchant()
        .post(
            "/v1/subscriptions",
            "{\"phone\":\"" + phone + "\",\"plan\":\"" + plan + "\",\"reference\":\"ATTACK-1\"}")
        .text("id");
  }

  private long prompts(String phone) {
    long n = 0;
    for (JsonNode p : h.admin("GET", "/stk?limit=10000", null).json().path("prompts")) {
      if (p.path("phoneNumber").asText().equals(phone)) {
        n++;
      }
    }
    return n;
  }

  private List<JsonNode> invoices(String subscription) {
    return h.merchant().all("/v1/invoices?subscription=" + subscription);
  }

  /** Runs {@code count} calls at once and returns their answers. */
  private <T> List<T> storm(int count, Supplier<T> call) {
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      List<CompletableFuture<T>> calls = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        calls.add(CompletableFuture.supplyAsync(call, pool));
      }
      return calls.stream().map(CompletableFuture::join).toList();
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void fiftyIdenticalCreatesUnderOneKeyMakeOneSubscriptionPromptedOnce() {
    String plan = plan();
    String body =
        "{\"phone\":\"254711600001\",\"plan\":\"" + plan + "\",\"reference\":\"ATTACK-1\"}";
    List<Reply> answers =
        storm(STORM, () -> h.merchant().post("/v1/subscriptions", body, "member-7-signup"));

    // The first runs; the others get its answer, or 409 while it is still running.
    assertThat(answers).extracting(Reply::status).allMatch(s -> s == 201 || s == 409);
    assertThat(answers.stream().filter(r -> r.status() == 201).map(r -> r.text("id")).distinct())
        .hasSize(1);
    assertThat(h.merchant().all("/v1/subscriptions")).hasSize(1);
    storm(4, () -> h.gateway().subscriptions().billing().runOnce());
    assertThat(prompts("254711600001")).isEqualTo(1);
  }

  @Test
  void fiftyChargeNowsAndFourBillingRunsAtOnceStartOneCharge() {
    String sub = subscribe("254700001032", plan()); // declines: waits for the merchant
    h.gateway().subscriptions().billing().runOnce();
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> invoices(sub).get(0), i -> i.path("result_code").asText().equals("1032"));
    assertThat(prompts("254700001032")).isEqualTo(1);

    List<Integer> statuses =
        storm(
            STORM,
            () -> h.merchant().post("/v1/subscriptions/" + sub + "/charge-now", "").status());
    // Nothing is in flight yet: each asks for the same next attempt.
    assertThat(statuses).containsOnly(200);
    storm(4, () -> h.gateway().subscriptions().billing().runOnce());
    storm(STORM, () -> h.merchant().post("/v1/subscriptions/" + sub + "/charge-now", "").status());
    storm(4, () -> h.gateway().subscriptions().billing().runOnce());

    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> invoices(sub).get(0), i -> i.path("payment_in_flight").isNull());
    // Each round of storms started at most one charge, one after the other's outcome was known.
    JsonNode invoice = invoices(sub).get(0);
    assertThat(invoice.path("attempts").asInt()).isBetween(2, 3);
    assertThat(prompts("254700001032")).isEqualTo(invoice.path("attempts").asLong());
  }

  @Test
  void aChargesCallbackDuplicatedReorderedOrForgedMovesItsInvoiceOnce() {
    // Prompts stay pending until this test plays the callbacks.
    h.admin("PATCH", "/settings", "{\"stk\":{\"manualMode\":true}}");
    String sub = subscribe("254708374149", plan());
    h.gateway().subscriptions().billing().runOnce();
    String paymentId = invoices(sub).get(0).path("payment_in_flight").asText();
    JsonNode payment = h.merchant().get("/v1/payments/" + paymentId).json();
    String merchant = payment.path("merchant_request_id").asText();
    String checkout = payment.path("checkout_request_id").asText();

    // A forged success for another amount is evidence, not money: the invoice stays unpaid.
    h.merchant()
        .postRaw(
            h.callbackUrl("stk"),
            Callbacks.stkSuccess(merchant, checkout, 1, "254708374149", "QWE1RTY2UI"));
    assertThat(invoices(sub).get(0).path("status").asText()).isEqualTo("open");

    String success = Callbacks.stkSuccess(merchant, checkout, 300, "254708374149", "ZXC3VBN4MA");
    for (int i = 0; i < 3; i++) {
      assertThat(h.merchant().postRaw(h.callbackUrl("stk"), success).status()).isEqualTo(200);
    }
    // A failure arriving after the success (reordered) changes nothing.
    h.merchant()
        .postRaw(
            h.callbackUrl("stk"),
            Callbacks.stkFailure(merchant, checkout, 1032, "Request cancelled by user"));

    JsonNode invoice = invoices(sub).get(0);
    assertThat(invoice.path("status").asText()).isEqualTo("paid");
    assertThat(invoice.path("mpesa_receipt").asText()).isEqualTo("ZXC3VBN4MA");
    assertThat(invoice.path("attempts").asInt()).isEqualTo(1);
    assertThat(
            h.merchant()
                .all("/v1/events?type=invoice.paid&object_id=" + invoice.path("id").asText()))
        .hasSize(1);
    assertThat(h.merchant().all("/v1/events?type=invoice.payment_failed")).isEmpty();
    h.clock().advance(Duration.ofDays(2));
    assertThat(h.gateway().subscriptions().billing().runOnce().charged()).isZero();
    assertThat(prompts("254708374149")).isEqualTo(1);
  }
}
