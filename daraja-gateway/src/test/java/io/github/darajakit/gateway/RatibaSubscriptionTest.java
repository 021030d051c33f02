package io.github.darajakit.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.darajakit.gateway.support.GatewayHarness;
import io.github.darajakit.gateway.support.MerchantClient.Reply;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Subscriptions on the Ratiba rail against the emulator's standing orders: the consent callback
 * activates (or cancels) the subscription, and each debit the emulator makes on its clock arrives
 * as a C2B confirmation that pays its invoice. The gateway's and the emulator's clocks are moved
 * together.
 */
class RatibaSubscriptionTest {

  static final ZoneId EAT = ZoneId.of("Africa/Nairobi");

  @RegisterExtension GatewayHarness h = harness();

  /** SQLite; {@link OnPostgresqlTest} runs this suite again on PostgreSQL. */
  GatewayHarness harness() {
    return new GatewayHarness(UnaryOperator.identity(), UnaryOperator.identity(), false);
  }

  private void advanceBoth(Duration by) {
    h.clock().advance(by);
    Reply moved = h.admin("POST", "/clock", "{\"by\":\"" + by.toMinutes() + "m\"}");
    assertThat(moved.status()).as(moved.json().toString()).isEqualTo(200);
  }

  private String plan(String interval) {
    return h.merchant()
        .post("/v1/plans", "{\"name\":\"Water\",\"amount\":450,\"interval\":\"" + interval + "\"}")
        .text("id");
  }

  private Reply subscribe(String phone, String plan, String reference, LocalDate start) {
    return h.merchant()
        .post(
            "/v1/subscriptions",
            "{\"phone\":\""
                + phone
                + "\",\"plan\":\""
                + plan
                + "\",\"reference\":\""
                + reference
                + "\",\"rail\":\"ratiba\",\"start_date\":\""
                + start
                + "\"}");
  }

  private JsonNode awaitSubscription(String id, String status) {
    return await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> h.merchant().get("/v1/subscriptions/" + id).json(),
            s -> s.path("status").asText().equals(status));
  }

  private List<JsonNode> invoices(String id) {
    List<JsonNode> all = new ArrayList<>(h.merchant().all("/v1/invoices?subscription=" + id));
    all.sort((a, b) -> a.path("period_start").asText().compareTo(b.path("period_start").asText()));
    return all;
  }

  @Test
  void theStandingOrdersDebitsPayEachInvoiceAndAMissingOneIsFlagged() {
    LocalDate tomorrow = LocalDate.now(EAT).plusDays(1);
    Reply created = subscribe("254708374149", plan("month"), "WATER-881", tomorrow);
    assertThat(created.status()).as(created.json().toString()).isEqualTo(201);
    String id = created.text("id");
    assertThat(created.text("status")).isEqualTo("pending");
    assertThat(created.json().path("standing_order").path("response_ref_id").asText()).isNotBlank();

    JsonNode active = awaitSubscription(id, "active");
    assertThat(active.path("standing_order").path("transaction_id").asText()).isNotBlank();
    assertThat(active.path("result_code").asText()).isEqualTo("0");
    JsonNode order = h.admin("GET", "/standing-orders", null).json();
    assertThat(order.toString()).contains("WATER-881");

    for (int month = 0; month < 3; month++) {
      LocalDate due = tomorrow.plusMonths(month);
      long until = due.atTime(1, 0).atZone(EAT).toInstant().toEpochMilli() - h.clock().millis();
      if (until > 0) {
        advanceBoth(Duration.ofMillis(until).plusMinutes(1));
      }
      int paid = month + 1;
      await()
          .atMost(Duration.ofSeconds(20))
          .until(
              () ->
                  invoices(id).stream()
                      .filter(i -> i.path("status").asText().equals("paid"))
                      .count(),
              n -> n == paid);
      // The billing run invoices nothing twice and prompts no one for a standing order.
      assertThat(h.gateway().subscriptions().billing().runOnce().charged()).isZero();
    }
    List<JsonNode> all = invoices(id);
    assertThat(all).hasSize(3);
    assertThat(all)
        .allSatisfy(
            i -> {
              assertThat(i.path("amount").asLong()).isEqualTo(450);
              assertThat(i.path("mpesa_receipt").asText()).matches("[A-Z0-9]{10}");
              assertThat(i.path("attempts").asInt()).isZero();
            });
    assertThat(all)
        .extracting(i -> i.path("period_start").asText())
        .containsExactly(
            tomorrow.toString(),
            tomorrow.plusMonths(1).toString(),
            tomorrow.plusMonths(2).toString());

    // The customer's wallet runs dry: no debit comes, and two days after the due date the
    // invoice is flagged and the subscription past due.
    h.admin("PUT", "/customers/254708374149/balance", "{\"balance\":\"0.00\"}");
    LocalDate fourth = tomorrow.plusMonths(3);
    advanceBoth(
        Duration.ofMillis(
                fourth.atTime(1, 0).atZone(EAT).toInstant().toEpochMilli() - h.clock().millis())
            .plusMinutes(1));
    h.gateway().subscriptions().billing().runOnce();
    JsonNode open = invoices(id).get(3);
    assertThat(open.path("status").asText()).isEqualTo("open");
    assertThat(open.path("needs_attention").isNull()).isTrue();
    advanceBoth(Duration.ofDays(2));
    assertThat(h.gateway().subscriptions().billing().runOnce().flagged()).isEqualTo(1);
    assertThat(invoices(id).get(3).path("needs_attention").asText())
        .contains("no standing-order debit");
    assertThat(h.merchant().get("/v1/subscriptions/" + id).text("status")).isEqualTo("past_due");
    assertThat(h.gateway().subscriptions().billing().runOnce().flagged()).isZero();
  }

  @Test
  void aRefusedStandingOrderCancelsTheSubscriptionWithItsCode() {
    Reply created =
        subscribe("254700001032", plan("month"), "WATER-1", LocalDate.now(EAT).plusDays(1));
    assertThat(created.status()).isEqualTo(201);
    JsonNode cancelled = awaitSubscription(created.text("id"), "cancelled");
    assertThat(cancelled.path("result_code").asText()).isEqualTo("1032");
    assertThat(invoices(created.text("id"))).isEmpty();
  }

  @Test
  void aStandingOrderWhoseCallbackNeverComesIsPutBeforeAPerson() {
    // The emulator's callback_lost number: the order is made, its callback never sent.
    Reply created =
        subscribe("254700000404", plan("month"), "WATER-404", LocalDate.now(EAT).plusDays(1));
    String id = created.text("id");
    assertThat(created.text("status")).isEqualTo("pending");
    assertThat(h.gateway().subscriptions().billing().runOnce().flagged()).isZero();
    h.clock().advance(Duration.ofMinutes(16));
    assertThat(h.gateway().subscriptions().billing().runOnce().flagged()).isEqualTo(1);
    JsonNode flagged = h.merchant().get("/v1/subscriptions/" + id).json();
    assertThat(flagged.path("status").asText()).isEqualTo("pending");
    assertThat(flagged.path("needs_attention").asText()).contains("no callback came");
    assertThat(h.merchant().all("/v1/subscriptions?needs_attention=true"))
        .extracting(x -> x.path("id").asText())
        .containsExactly(id);
    assertThat(h.gateway().subscriptions().billing().runOnce().flagged()).isZero();
    assertThat(h.merchant().all("/v1/events?object_id=" + id))
        .extracting(e -> e.path("type").asText())
        .contains("subscription.needs_attention");

    // The callback comes after all: it activates the subscription and takes it off the list.
    String ref = flagged.path("standing_order").path("response_ref_id").asText();
    Reply applied =
        h.merchant()
            .postRaw(
                h.callbackUrl("ratiba") + "/" + id,
                "{\"responseHeader\":{\"responseRefID\":\""
                    + ref
                    + "\",\"requestRefID\":\""
                    + ref
                    + "\",\"responseCode\":\"0\",\"responseDescription\":\"The service request is"
                    + " processed successfully\"},\"responseBody\":{\"responseData\":["
                    + "{\"name\":\"TransactionID\",\"value\":\"SC8F2IQMH5\"},"
                    + "{\"name\":\"responseCode\",\"value\":\"0\"},"
                    + "{\"name\":\"Status\",\"value\":\"OKAY\"},"
                    + "{\"name\":\"Msisdn\",\"value\":\"254******404\"}]}}");
    assertThat(applied.status()).isEqualTo(200);
    JsonNode active = h.merchant().get("/v1/subscriptions/" + id).json();
    assertThat(active.path("status").asText()).isEqualTo("active");
    assertThat(active.path("needs_attention").isNull()).isTrue();
    assertThat(h.merchant().all("/v1/subscriptions?needs_attention=true")).isEmpty();
    assertThat(active.path("standing_order").path("transaction_id").asText())
        .isEqualTo("SC8F2IQMH5");
  }

  @Test
  void whatNoStandingOrderCanDoIsRefused() {
    LocalDate tomorrow = LocalDate.now(EAT).plusDays(1);
    String everyFiveWeeks =
        h.merchant()
            .post(
                "/v1/plans",
                "{\"name\":\"Odd\",\"amount\":450,\"interval\":\"week\",\"interval_count\":5}")
            .text("id");
    Reply odd = subscribe("254708374149", everyFiveWeeks, "ODD-1", tomorrow);
    assertThat(odd.status()).isEqualTo(400);
    assertThat(odd.json().path("error").path("param").asText()).isEqualTo("plan");

    String monthly = plan("month");
    assertThat(subscribe("254708374149", monthly, "SAME-REF", tomorrow).status()).isEqualTo(201);
    Reply twice = subscribe("254711222333", monthly, "same-ref", tomorrow);
    assertThat(twice.status()).isEqualTo(409);
    assertThat(twice.json().path("error").path("code").asText()).isEqualTo("reference_in_use");

    String id = h.merchant().all("/v1/subscriptions").get(0).path("id").asText();
    Reply pause = h.merchant().post("/v1/subscriptions/" + id + "/pause", "");
    assertThat(pause.status()).isEqualTo(409);
    assertThat(pause.json().path("error").path("code").asText()).isEqualTo("standing_order_fixed");
  }
}
