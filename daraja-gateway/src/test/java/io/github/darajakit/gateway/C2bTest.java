package io.github.darajakit.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.github.darajakit.emulator.Sandbox;
import io.github.darajakit.gateway.c2b.ValidationPolicy;
import io.github.darajakit.gateway.payments.Payment;
import io.github.darajakit.gateway.payments.PaymentStatus;
import io.github.darajakit.gateway.payments.PaymentStore;
import io.github.darajakit.gateway.store.Database;
import io.github.darajakit.gateway.store.Receipts;
import io.github.darajakit.gateway.support.Callbacks;
import io.github.darajakit.gateway.support.GatewayHarness;
import io.github.darajakit.gateway.support.MerchantClient.Reply;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Customers paying the PayBill: registration, validation rules, confirmations, recovery. */
class C2bTest {

  /**
   * SQLite; {@link OnPostgresqlTest} runs this suite again on PostgreSQL. The shortcode has
   * External Validation on, as Safaricom must switch it on before Daraja asks the gateway to
   * validate.
   */
  GatewayHarness harness(UnaryOperator<GatewayConfig.Builder> settings, boolean background) {
    return new GatewayHarness(
        emulator -> emulator.externalValidation(Set.of(Sandbox.SHORTCODE_1)), settings, background);
  }

  static Reply pay(GatewayHarness h, String msisdn, long amount, String billRef) {
    Reply reply =
        h.admin(
            "POST",
            "/c2b/payments",
            "{\"msisdn\":\"%s\",\"shortCode\":\"%s\",\"amount\":%d,\"billRefNumber\":\"%s\"}"
                .formatted(msisdn, Sandbox.SHORTCODE_1, amount, billRef));
    assertThat(reply.status()).as(reply.json().toString()).isIn(200, 201);
    return reply;
  }

  static JsonNode received(GatewayHarness h) {
    return h.merchant().get("/v1/c2b-payments?limit=100").json().path("data");
  }

  @Nested
  class AcceptingAll {
    @RegisterExtension GatewayHarness h = harness(UnaryOperator.identity(), true);

    @Test
    void theUrlsAreRegisteredOnStart() {
      JsonNode registration =
          h.admin("GET", "/c2b/registrations", null).json().path(Sandbox.SHORTCODE_1);
      assertThat(registration.path("confirmationUrl").asText())
          .isEqualTo(h.callbackUrl("c2b/confirmation"));
      assertThat(registration.path("validationUrl").asText())
          .isEqualTo(h.callbackUrl("c2b/validation"));
      assertThat(registration.path("responseType").asText()).isEqualTo("Completed");
    }

    @Test
    void aPaymentIsRecordedWithAnEvent() {
      String transId = pay(h, "254708374149", 250, "ACC-1").text("transId");
      Reply list =
          await()
              .atMost(Duration.ofSeconds(10))
              .until(
                  () -> h.merchant().get("/v1/c2b-payments"),
                  r -> r.json().path("data").size() == 1);
      JsonNode payment = list.json().path("data").get(0);
      assertThat(payment.path("trans_id").asText()).isEqualTo(transId);
      assertThat(payment.path("amount").asLong()).isEqualTo(250);
      assertThat(payment.path("bill_ref_number").asText()).isEqualTo("ACC-1");
      assertThat(payment.path("short_code").asText()).isEqualTo(Sandbox.SHORTCODE_1);
      assertThat(payment.path("source").asText()).isEqualTo("confirmation");
      String id = payment.path("id").asText();
      assertThat(h.merchant().get("/v1/c2b-payments/" + id).text("trans_id")).isEqualTo(transId);
      assertThat(h.merchant().get("/v1/events?object_id=" + id).json().path("data"))
          .extracting(e -> e.path("type").asText())
          .containsExactly("c2b_payment.received");
    }

    @Test
    void aRepeatedConfirmationIsRecordedOnce() {
      String body = Callbacks.c2bConfirmation("TKC2B00001", Sandbox.SHORTCODE_1, 40, "ACC-2");
      for (int i = 0; i < 3; i++) {
        Reply ack = h.merchant().postRaw(h.callbackUrl("c2b/confirmation"), body);
        assertThat(ack.status()).isEqualTo(200);
        assertThat(ack.text("ResultCode")).isEqualTo("0");
      }
      assertThat(received(h)).hasSize(1);
      assertThat(h.merchant().get("/v1/callbacks?outcome=duplicate").json().path("data"))
          .hasSize(2);
    }

    @Test
    void aConfirmationForAnotherShortcodeIsNotCredited() {
      String body = Callbacks.c2bConfirmation("TKC2B00002", "600000", 40, "ACC-3");
      assertThat(h.merchant().postRaw(h.callbackUrl("c2b/confirmation"), body).status())
          .isEqualTo(200);
      assertThat(received(h)).isEmpty();
      JsonNode kept = h.merchant().get("/v1/callbacks?outcome=mismatch").json().path("data");
      assertThat(kept).hasSize(1);
      assertThat(kept.get(0).path("detail").asText()).contains("600000");
    }

    @Test
    void registeringAgainThroughTheApiWorks() {
      Reply reply = h.merchant().post("/v1/c2b/register", "{}");
      assertThat(reply.status()).as(reply.json().toString()).isEqualTo(200);
    }
  }

  @Nested
  class ByPattern {
    @RegisterExtension
    GatewayHarness h = harness(g -> g.validation(ValidationPolicy.pattern("INV-\\d{1,6}")), true);

    @Test
    void onlyMatchingAccountNumbersArePaid() {
      Reply accepted = pay(h, "254708374149", 90, "INV-42");
      Reply refused = pay(h, "254708374149", 91, "WRONG");
      assertThat(accepted.text("status")).isEqualTo("completed");
      assertThat(refused.text("status")).isNotEqualTo("completed");
      assertThat(refused.text("resultCode")).isEqualTo("C2B00012");
      await().atMost(Duration.ofSeconds(10)).until(() -> received(h).size() == 1);
      assertThat(received(h).get(0).path("bill_ref_number").asText()).isEqualTo("INV-42");
    }
  }

  @Nested
  class ByTheMerchantsUrl {
    private final List<String> asked = new CopyOnWriteArrayList<>();
    private HttpServer merchant;
    private volatile Duration delay = Duration.ZERO;

    @RegisterExtension
    GatewayHarness h =
        harness(
            g ->
                g.validation(
                    ValidationPolicy.remote(startMerchant(), Duration.ofMillis(500), false)),
            true);

    private URI startMerchant() {
      try {
        merchant = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
      merchant.createContext(
          "/validate",
          exchange -> {
            String body =
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            asked.add(body);
            try {
              Thread.sleep(delay.toMillis());
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            byte[] answer =
                (body.contains("\"BillRefNumber\":\"GOOD")
                        ? "{\"accept\":true,\"third_party_trans_id\":\"ORDER-77\"}"
                        : "{\"accept\":false,\"reason\":\"invalid_amount\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
          });
      merchant.start();
      return URI.create("http://127.0.0.1:" + merchant.getAddress().getPort() + "/validate");
    }

    @AfterEach
    void stopMerchant() {
      merchant.stop(0);
    }

    @Test
    void theMerchantDecides() {
      assertThat(pay(h, "254708374149", 60, "GOOD-1").text("status")).isEqualTo("completed");
      Reply refused = pay(h, "254708374149", 61, "BAD-1");
      assertThat(refused.text("resultCode")).isEqualTo("C2B00013");
      assertThat(asked).hasSize(2);
      await().atMost(Duration.ofSeconds(10)).until(() -> received(h).size() == 1);
      assertThat(received(h).get(0).path("third_party_trans_id").asText()).isEqualTo("ORDER-77");
    }

    @Test
    void aSlowMerchantGetsTheFallbackInTime() {
      delay = Duration.ofSeconds(3);
      Reply refused = pay(h, "254708374149", 62, "GOOD-2");
      assertThat(refused.text("status")).isNotEqualTo("completed");
      assertThat(refused.text("resultCode")).isEqualTo("C2B00016");
      assertThat(received(h)).isEmpty();
    }
  }

  @Nested
  class RecoveringMissedConfirmations {
    @RegisterExtension
    GatewayHarness h = harness(g -> g.c2bPullNominatedNumber(Sandbox.TEST_MSISDN), false);

    @Test
    void aReceiptPresentedForTwoPaymentsNeitherCreditsBothNorBreaksRecovery() {
      h.admin(
          "PUT", "/faults", "{\"callbacks\":{\"dropRate\":1.0,\"kinds\":[\"c2b_confirmation\"]}}");
      h.admin("PATCH", "/settings", "{\"stk\":{\"manualMode\":true}}");
      String reused = pay(h, "254708374149", 100, "ACC-20").text("transId");
      String missed = pay(h, "254711400002", 300, "ACC-21").text("transId");
      // Callbacks crediting two STK payments with the one receipt (a forged one among them).
      for (String phone : List.of("254711400003", "254711400004")) {
        Reply payment = h.merchant().post("/v1/payments", StkScenariosTest.payment(phone, 100));
        h.merchant()
            .postRaw(
                h.callbackUrl("stk"),
                Callbacks.stkSuccess(
                    payment.text("merchant_request_id"),
                    payment.text("checkout_request_id"),
                    100,
                    phone,
                    reused));
      }
      assertThat(h.merchant().get("/v1/payments?status=succeeded").json().path("data"))
          .as("the receipt credits one payment")
          .hasSize(1);

      assertThat(h.gateway().recoverC2bNow()).as("the missed C2B payment is recovered").isOne();
      assertThat(received(h)).extracting(p -> p.path("trans_id").asText()).containsExactly(missed);
    }

    @Test
    void paymentsWhoseConfirmationNeverCameArePulledOnce() {
      h.admin(
          "PUT", "/faults", "{\"callbacks\":{\"dropRate\":1.0,\"kinds\":[\"c2b_confirmation\"]}}");
      String first = pay(h, "254708374149", 100, "ACC-10").text("transId");
      String second = pay(h, "254711400001", 200, "ACC-11").text("transId");
      assertThat(received(h)).isEmpty();

      assertThat(h.gateway().recoverC2bNow()).isEqualTo(2);
      JsonNode recovered = received(h);
      assertThat(recovered)
          .extracting(p -> p.path("trans_id").asText())
          .containsExactlyInAnyOrder(first, second);
      assertThat(recovered)
          .allSatisfy(p -> assertThat(p.path("source").asText()).isEqualTo("pull"));
      assertThat(h.merchant().get("/v1/events").json().path("data"))
          .extracting(e -> e.path("type").asText())
          .containsExactly("c2b_payment.received", "c2b_payment.received");

      assertThat(h.gateway().recoverC2bNow()).as("pulled twice, recorded once").isZero();
      // The confirmation turns up after all: already recorded, not counted twice.
      h.merchant()
          .postRaw(
              h.callbackUrl("c2b/confirmation"),
              Callbacks.c2bConfirmation(first, Sandbox.SHORTCODE_1, 100, "ACC-10"));
      assertThat(received(h)).hasSize(2);
    }

    @Test
    void stkPaymentsToTheSamePayBillAreNotMistakenForC2b() {
      // Pull Transactions lists STK payments to the PayBill too; one the gateway already knows
      // by its receipt is not a C2B payment.
      h.admin(
          "PUT", "/faults", "{\"callbacks\":{\"dropRate\":1.0,\"kinds\":[\"c2b_confirmation\"]}}");
      String transId = pay(h, "254708374149", 100, "ACC-12").text("transId");
      long now = h.clock().millis();
      try (Database db = Database.open(h.databaseUrl(), Clock.systemUTC())) {
        db.write(
            c -> {
              new PaymentStore(db)
                  .insert(
                      c,
                      new Payment(
                          "pay_stkSamePayBill0001",
                          PaymentStatus.SUCCEEDED,
                          100,
                          "254708374149",
                          "ACC-12",
                          "Order",
                          null,
                          Sandbox.SHORTCODE_1,
                          "ws_CO_samePayBill",
                          "m-1",
                          transId,
                          100L,
                          "254708374149",
                          now,
                          "0",
                          "The service request is processed successfully.",
                          null,
                          null,
                          null,
                          0,
                          now,
                          now,
                          3));
              // As the gateway does when a callback credits a payment with its receipt.
              new Receipts().claimIfFree(c, transId, "payment", "pay_stkSamePayBill0001", now);
              return null;
            });
      }
      assertThat(h.gateway().recoverC2bNow()).isZero();
      assertThat(received(h)).isEmpty();
    }

    @Test
    void whenDarajaCannotBeAskedNothingChanges() {
      h.admin(
          "PUT",
          "/faults",
          "{\"errors\":[{\"endpoint\":\"pull_query\",\"mode\":\"reject\",\"count\":5}]}");
      assertThat(h.gateway().recoverC2bNow()).isEqualTo(-1);
      assertThat(received(h)).isEmpty();
    }
  }
}
