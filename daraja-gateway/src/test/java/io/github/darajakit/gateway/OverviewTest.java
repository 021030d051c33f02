package io.github.darajakit.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.darajakit.client.callbacks.StkPayment;
import io.github.darajakit.gateway.support.GatewayHarness;
import io.github.darajakit.gateway.support.MerchantClient.Reply;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** GET /v1/overview: money in and out by Kenyan day, payment outcomes, what needs a person. */
class OverviewTest {

  @RegisterExtension GatewayHarness h = harness();

  /** SQLite; {@link OnPostgresqlTest} runs this suite again on PostgreSQL. */
  GatewayHarness harness() {
    return new GatewayHarness();
  }

  private Reply settledPayment(String phone, long amount) {
    return h.merchant().awaitSettled(h.merchant().createPayment(phone, amount));
  }

  private Reply settledPayout(String phone, long amount) {
    String id =
        h.merchant()
            .post(
                "/v1/payouts",
                "{\"phone\":\""
                    + phone
                    + "\",\"amount\":"
                    + amount
                    + ",\"type\":\"business\",\"remarks\":\"Seller payout\"}")
            .text("id");
    return Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> h.merchant().get("/v1/payouts/" + id), r -> !r.text("status").equals("pending"));
  }

  @Test
  void moneyInAndOutIsCountedByKenyanDayWithOutcomesAndWhatNeedsAPerson() {
    JsonNode empty = h.merchant().get("/v1/overview").json();
    assertThat(empty.at("/today/collected/amount").asLong()).isZero();
    assertThat(empty.at("/today/success_rate").isNull()).isTrue();

    // Two days ago: a paid push, a cancelled one, a C2B payment; the paid push later reversed.
    String receipt = settledPayment("0708374149", 150).text("mpesa_receipt");
    assertThat(settledPayment("254700001032", 20).text("status")).isEqualTo("cancelled");
    C2bTest.pay(h, "254708374149", 250, "ACC-1");
    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> C2bTest.received(h).size() == 1);
    h.clock().advance(Duration.ofDays(2));
    // Today: a payout paid, one whose outcome is unknown (queue timeout), a reversal.
    assertThat(settledPayout("0708374149", 1500).text("status")).isEqualTo("succeeded");
    assertThat(settledPayout("254700000408", 300).text("status")).isEqualTo("unknown");
    String reversal =
        h.merchant().post("/v1/reversals", "{\"receipt\":\"" + receipt + "\"}").text("id");
    Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> h.merchant().get("/v1/reversals/" + reversal).text("status").equals("succeeded"));

    JsonNode overview = h.merchant().get("/v1/overview").json();
    assertThat(overview.path("object").asText()).isEqualTo("overview");
    assertThat(overview.at("/today/collected/count").asLong()).isZero();
    assertThat(overview.at("/today/paid_out/amount").asLong()).isEqualTo(1500);
    assertThat(overview.at("/today/paid_out/count").asLong()).isEqualTo(1);
    assertThat(overview.at("/today/reversed/amount").asLong()).isEqualTo(150);

    JsonNode week = overview.path("last_7_days");
    assertThat(week.at("/collected/amount").asLong()).isEqualTo(400);
    assertThat(week.at("/collected/count").asLong()).isEqualTo(2);
    assertThat(week.at("/payments/reversed").asLong()).isEqualTo(1);
    assertThat(week.at("/payments/cancelled").asLong()).isEqualTo(1);
    assertThat(week.path("success_rate").asText()).isEqualTo("0.5000");
    assertThat(week.at("/paid_out/amount").asLong()).isEqualTo(1500);

    JsonNode volume = overview.path("volume");
    LocalDate today = Instant.ofEpochMilli(h.clock().millis()).atZone(StkPayment.EAT).toLocalDate();
    assertThat(volume).hasSize(7);
    assertThat(volume.get(6).path("date").asText()).isEqualTo(today.toString());
    assertThat(volume.get(0).path("date").asText()).isEqualTo(today.minusDays(6).toString());
    assertThat(volume.get(4).at("/collected/amount").asLong()).isEqualTo(400);
    assertThat(volume.get(6).at("/paid_out/amount").asLong()).isEqualTo(1500);
    // Each day's own payment outcomes and success rate: the charts draw them per day.
    assertThat(volume.get(4).at("/payments/reversed").asLong()).isEqualTo(1);
    assertThat(volume.get(4).at("/payments/cancelled").asLong()).isEqualTo(1);
    assertThat(volume.get(4).path("success_rate").asText()).isEqualTo("0.5000");
    assertThat(volume.get(6).path("success_rate").isNull()).isTrue();

    // Why payments failed, by Daraja's result code, most frequent first.
    JsonNode paymentFailures = overview.at("/failures/payments");
    assertThat(paymentFailures).hasSize(1);
    assertThat(paymentFailures.get(0).path("result_code").asText()).isEqualTo("1032");
    assertThat(paymentFailures.get(0).path("count").asLong()).isEqualTo(1);
    assertThat(paymentFailures.get(0).path("description").asText()).isNotBlank();
    assertThat(overview.at("/failures/payouts")).isEmpty();

    JsonNode attention = overview.path("needs_attention");
    assertThat(attention.path("payouts_unknown").asLong()).isEqualTo(1);
    assertThat(attention.path("payments_unknown").asLong()).isZero();
    assertThat(attention.path("webhook_deliveries_failed").asLong()).isZero();

    // A week later those days have left the window.
    h.clock().advance(Duration.ofDays(7));
    JsonNode later = h.merchant().get("/v1/overview").json();
    assertThat(later.at("/last_7_days/collected/amount").asLong()).isZero();
    assertThat(later.at("/last_7_days/paid_out/amount").asLong()).isZero();
    assertThat(later.at("/needs_attention/payouts_unknown").asLong()).isEqualTo(1);
    assertThat(later.at("/failures/payments")).isEmpty();
  }

  @Test
  void failedPaymentsAndPayoutsAreBrokenDownByResultCodeMostFrequentFirst() {
    assertThat(settledPayment("254700001032", 20).text("status")).isEqualTo("cancelled");
    assertThat(settledPayment("254700001032", 30).text("status")).isEqualTo("cancelled");
    assertThat(settledPayment("254700000001", 40).text("status")).isEqualTo("failed");
    assertThat(settledPayment("0708374149", 50).text("status")).isEqualTo("succeeded");
    assertThat(settledPayout("254700002040", 60).text("status")).isEqualTo("failed");

    JsonNode failures = h.merchant().get("/v1/overview").json().path("failures");
    JsonNode payments = failures.path("payments");
    assertThat(payments).hasSize(2);
    assertThat(payments.get(0).path("result_code").asText()).isEqualTo("1032");
    assertThat(payments.get(0).path("count").asLong()).isEqualTo(2);
    assertThat(payments.get(1).path("result_code").asText()).isEqualTo("1");
    assertThat(payments.get(1).path("count").asLong()).isEqualTo(1);
    JsonNode payouts = failures.path("payouts");
    assertThat(payouts).hasSize(1);
    assertThat(payouts.get(0).path("result_code").asText()).isEqualTo("2040");
    assertThat(payouts.get(0).path("description").asText()).contains("Credit Party");
  }

  @Test
  void theOverviewNeedsTheApiKey() {
    assertThat(h.merchant().send("GET", "/v1/overview", null, null, null).status()).isEqualTo(401);
  }
}
