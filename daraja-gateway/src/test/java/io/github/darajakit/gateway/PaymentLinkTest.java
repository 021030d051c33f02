package io.github.darajakit.gateway;

import static io.github.darajakit.gateway.CheckoutTest.PAYS;
import static io.github.darajakit.gateway.CheckoutTest.publicCall;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.darajakit.gateway.support.GatewayHarness;
import io.github.darajakit.gateway.support.MerchantClient.Reply;
import java.time.Duration;
import java.time.Instant;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Payment links and the merchant side of checkout sessions: creation, validation that names the
 * field, lists and their filters, and a one-off link paid once and then used up.
 */
class PaymentLinkTest {

  @RegisterExtension GatewayHarness h = harness();

  /** SQLite, no background work; {@link OnPostgresqlTest} runs this suite again on PostgreSQL. */
  GatewayHarness harness() {
    return new GatewayHarness(UnaryOperator.identity(), UnaryOperator.identity(), false);
  }

  private Reply createLink(String json) {
    return h.merchant().post("/v1/payment-links", json);
  }

  private void assertInvalid(String path, String json, String param, String words) {
    Reply r = h.merchant().post(path, json);
    assertThat(r.status()).as(json + " → " + r.json()).isEqualTo(400);
    assertThat(r.json().path("error").path("param").asText()).isEqualTo(param);
    assertThat(r.json().path("error").path("message").asText()).contains(words);
  }

  private static String codeOf(Reply link) {
    String url = link.text("url");
    return url.substring(url.lastIndexOf('/') + 1);
  }

  @Test
  void aLinkIsCreatedWithAnUnguessableUrlAndListedByStatus() {
    Reply lunch =
        createLink(
            "{\"amount\":500,\"reference\":\"LUNCH\",\"description\":\"Lunch\","
                + "\"metadata\":{\"shop\":\"canteen\"}}");
    assertThat(lunch.status()).as(lunch.json().toString()).isEqualTo(201);
    assertThat(lunch.text("id")).startsWith("plink_");
    assertThat(lunch.text("status")).isEqualTo("active");
    assertThat(lunch.text("code")).matches("[0-9A-Za-z]{16}");
    assertThat(lunch.text("url")).isEqualTo(h.gateway().baseUrl() + "/pay/" + lunch.text("code"));
    assertThat(lunch.json().path("amount").asLong()).isEqualTo(500);
    assertThat(lunch.json().path("min_amount").isNull()).isTrue();
    assertThat(lunch.json().path("max_uses").isNull()).isTrue();
    assertThat(lunch.json().path("uses").asInt()).isZero();
    assertThat(lunch.json().path("paid_amount").asLong()).isZero();
    assertThat(
            createLink("{\"amount\":500,\"reference\":\"LUNCH\",\"description\":\"Lunch\"}")
                .text("code"))
        .isNotEqualTo(lunch.text("code"));

    Reply gone = h.merchant().post("/v1/payment-links/" + lunch.text("id") + "/deactivate", "");
    assertThat(gone.status()).isEqualTo(200);
    assertThat(gone.text("status")).isEqualTo("inactive");
    assertThat(h.merchant().eventTypes(lunch.text("id")))
        .containsExactly("payment_link.deactivated", "payment_link.created");
    assertThat(h.merchant().get("/v1/payment-links/" + lunch.text("id")).text("status"))
        .isEqualTo("inactive");
    Reply refused = publicCall(h, "POST", "/pay/api/" + lunch.text("code") + "/sessions", null);
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.json().path("error").path("code").asText()).isEqualTo("link_inactive");

    Reply soon =
        createLink(
            "{\"reference\":\"TIPS\",\"description\":\"Tips\",\"expires_at\":\""
                + h.clock().instant().plus(Duration.ofHours(1))
                + "\"}");
    assertThat(soon.status()).isEqualTo(201);
    assertThat(soon.json().path("min_amount").asLong()).isEqualTo(1);
    assertThat(soon.json().path("max_amount").asLong()).isEqualTo(250_000);
    h.clock().advance(Duration.ofHours(2));
    assertThat(h.merchant().get("/v1/payment-links/" + soon.text("id")).text("status"))
        .isEqualTo("expired");

    assertThat(h.merchant().all("/v1/payment-links")).hasSize(3);
    assertThat(h.merchant().all("/v1/payment-links?status=inactive"))
        .extracting(l -> l.path("id").asText())
        .containsExactly(lunch.text("id"));
    assertThat(h.merchant().all("/v1/payment-links?status=expired"))
        .extracting(l -> l.path("id").asText())
        .containsExactly(soon.text("id"));
    assertThat(h.merchant().all("/v1/payment-links?status=active")).hasSize(1);
    assertThat(h.merchant().get("/v1/payment-links?status=paused").status()).isEqualTo(400);
    assertThat(h.merchant().get("/v1/payment-links/plink_nothing").status()).isEqualTo(404);
  }

  @Test
  void badLinksAreRefusedNamingTheField() {
    String path = "/v1/payment-links";
    assertInvalid(path, "{\"amount\":0,\"reference\":\"A\",\"description\":\"d\"}", "amount", "1");
    assertInvalid(
        path, "{\"amount\":250001,\"reference\":\"A\",\"description\":\"d\"}", "amount", "250000");
    assertInvalid(
        path,
        "{\"amount\":10.5,\"reference\":\"A\",\"description\":\"d\"}",
        "amount",
        "whole number");
    assertInvalid(
        path,
        "{\"amount\":10,\"reference\":\"INVOICE-2026-12\",\"description\":\"d\"}",
        "reference",
        "1 to 12");
    assertInvalid(path, "{\"amount\":10,\"description\":\"d\"}", "reference", "required");
    assertInvalid(
        path,
        "{\"amount\":10,\"min_amount\":5,\"reference\":\"A\",\"description\":\"d\"}",
        "min_amount",
        "not both");
    assertInvalid(
        path,
        "{\"min_amount\":500,\"max_amount\":100,\"reference\":\"A\",\"description\":\"d\"}",
        "max_amount",
        "below min_amount");
    assertInvalid(
        path,
        "{\"amount\":10,\"max_uses\":0,\"reference\":\"A\",\"description\":\"d\"}",
        "max_uses",
        "one-off");
    assertInvalid(
        path,
        "{\"amount\":10,\"expires_at\":\"2020-01-01T00:00:00Z\",\"reference\":\"A\","
            + "\"description\":\"d\"}",
        "expires_at",
        "future");
    assertInvalid(
        path,
        "{\"amount\":10,\"expires_at\":\"tomorrow\",\"reference\":\"A\",\"description\":\"d\"}",
        "expires_at",
        "ISO-8601");
    assertInvalid(
        path,
        "{\"amount\":10,\"currency\":\"KES\",\"reference\":\"A\",\"description\":\"d\"}",
        "currency",
        "unknown parameter");
    assertThat(h.merchant().all("/v1/payment-links")).isEmpty();
  }

  @Test
  void badSessionsAreRefusedNamingTheFieldAndSessionsAreListed() {
    String path = "/v1/checkout-sessions";
    String rest = "\"reference\":\"R1\",\"description\":\"d\"";
    assertInvalid(
        path,
        "{\"amount\":10," + rest + ",\"success_url\":\"http://shop.example/paid\"}",
        "success_url",
        "http:// is allowed only for localhost and 127.0.0.1");
    assertInvalid(
        path,
        "{\"amount\":10," + rest + ",\"success_url\":\"/paid\"}",
        "success_url",
        "absolute https://");
    assertInvalid(
        path,
        "{\"amount\":10,"
            + rest
            + ",\"success_url\":\"https://shop.example/ok\",\"cancel_url\":\"ftp://x/y\"}",
        "cancel_url",
        "https://");
    assertInvalid(path, "{\"amount\":10," + rest + "}", "success_url", "required");
    assertInvalid(
        path,
        "{\"amount\":10," + rest + ",\"success_url\":\"https://s.example\",\"phone\":\"0712 34\"}",
        "phone",
        "0712 34");
    assertInvalid(
        path,
        "{\"amount\":10,"
            + rest
            + ",\"success_url\":\"https://s.example\",\"expires_at\":\""
            + h.clock().instant().plus(Duration.ofDays(2))
            + "\"}",
        "expires_at",
        "24 hours");
    assertThat(h.merchant().all(path)).isEmpty();

    Reply local =
        h.merchant()
            .post(
                path,
                "{\"amount\":10,"
                    + rest
                    + ",\"success_url\":\"http://localhost:3000/paid\",\"phone\":\"0712345678\"}");
    assertThat(local.status()).as(local.json().toString()).isEqualTo(201);
    assertThat(local.text("phone")).isEqualTo("254712345678");
    assertThat(Instant.parse(local.text("expires_at")))
        .isEqualTo(Instant.parse(local.text("created_at")).plus(Duration.ofMinutes(30)));
    Reply second = h.merchant().post(path, CheckoutTest.session(20, "R2"));
    h.merchant().post("/v1/checkout-sessions/" + second.text("id") + "/expire", "");
    assertThat(h.merchant().all(path + "?status=open"))
        .extracting(s -> s.path("id").asText())
        .containsExactly(local.text("id"));
    assertThat(h.merchant().all(path + "?status=expired"))
        .extracting(s -> s.path("id").asText())
        .containsExactly(second.text("id"));
    assertThat(h.merchant().get(path + "?status=paid").status()).isEqualTo(400);
    assertThat(h.merchant().get(path + "/cs_nothing").status()).isEqualTo(404);
  }

  @Test
  void aOneOffLinkWithACustomerEnteredAmountIsPaidOnceAndThenUsedUp() {
    Reply invoice =
        createLink(
            "{\"min_amount\":10,\"max_amount\":1000,\"max_uses\":1,\"reference\":\"INV-77\","
                + "\"description\":\"Invoice 77\",\"metadata\":{\"secret\":\"s3\"}}");
    assertThat(invoice.status()).isEqualTo(201);
    String code = codeOf(invoice);

    Reply page = publicCall(h, "GET", "/pay/api/" + code, null);
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.text("status")).isEqualTo("active");
    assertThat(page.json().path("min_amount").asLong()).isEqualTo(10);
    assertThat(page.json().path("max_amount").asLong()).isEqualTo(1000);
    assertThat(page.json().has("metadata")).isFalse();
    assertThat(page.json().has("id")).isFalse();

    Reply opened = publicCall(h, "POST", "/pay/api/" + code + "/sessions", null);
    assertThat(opened.status()).as(opened.json().toString()).isEqualTo(201);
    String sessionCode = opened.text("url").substring(opened.text("url").lastIndexOf('/') + 1);
    String pay = "/pay/api/s/" + sessionCode + "/pay";

    Reply tooMuch = publicCall(h, "POST", pay, "{\"phone\":\"" + PAYS + "\",\"amount\":2000}");
    assertThat(tooMuch.status()).isEqualTo(400);
    assertThat(tooMuch.json().path("error").path("param").asText()).isEqualTo("amount");
    Reply none = publicCall(h, "POST", pay, "{\"phone\":\"" + PAYS + "\"}");
    assertThat(none.status()).isEqualTo(400);
    assertThat(none.json().path("error").path("param").asText()).isEqualTo("amount");

    Reply paying = publicCall(h, "POST", pay, "{\"phone\":\"" + PAYS + "\",\"amount\":750}");
    assertThat(paying.status()).as(paying.json().toString()).isEqualTo(202);
    Reply used =
        await()
            .atMost(Duration.ofSeconds(10))
            .until(
                () -> h.merchant().get("/v1/payment-links/" + invoice.text("id")),
                r -> r.text("status").equals("used_up"));
    assertThat(used.json().path("uses").asInt()).isEqualTo(1);
    assertThat(used.json().path("paid_count").asInt()).isEqualTo(1);
    assertThat(used.json().path("payments_count").asInt()).isEqualTo(1);
    assertThat(used.json().path("paid_amount").asLong()).isEqualTo(750);

    Reply session = h.merchant().get("/v1/checkout-sessions?payment_link=" + invoice.text("id"));
    assertThat(session.json().path("data")).hasSize(1);
    assertThat(session.json().path("data").get(0).path("status").asText()).isEqualTo("complete");
    assertThat(session.json().path("data").get(0).path("amount").asLong()).isEqualTo(750);
    Reply payment =
        h.merchant()
            .get("/v1/payments/" + session.json().path("data").get(0).path("payment").asText());
    assertThat(payment.json().path("metadata").path("payment_link").asText())
        .isEqualTo(invoice.text("id"));
    assertThat(payment.json().path("amount").asLong()).isEqualTo(750);

    Reply refused = publicCall(h, "POST", "/pay/api/" + code + "/sessions", null);
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.json().path("error").path("code").asText()).isEqualTo("link_used_up");
    assertThat(publicCall(h, "GET", "/pay/api/" + code, null).text("status")).isEqualTo("used_up");
    assertThat(h.emulatorCalls("stk_push")).isEqualTo(1);
  }

  @Test
  void twoVisitorsOfAOneOffLinkCannotBothBePrompted() {
    Reply invoice =
        createLink(
            "{\"amount\":900,\"max_uses\":1,\"reference\":\"INV-78\",\"description\":\"Invoice 78\"}");
    String code = codeOf(invoice);
    String first = codeOf(publicCall(h, "POST", "/pay/api/" + code + "/sessions", null));
    String second = codeOf(publicCall(h, "POST", "/pay/api/" + code + "/sessions", null));

    // The first visitor's payment is in flight, its outcome unknown: the link's one use is taken.
    h.dropNextAnswer("stk_push");
    Reply paying = CheckoutTest.pay(h, first, CheckoutTest.CALLBACK_LOST);
    assertThat(paying.json().path("attempt").path("outcome").asText()).isEqualTo("unknown");
    Reply refused = CheckoutTest.pay(h, second, PAYS);
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.json().path("error").path("code").asText()).isEqualTo("link_in_use");
    assertThat(publicCall(h, "GET", "/pay/api/s/" + second, null).json().path("attempt").isNull())
        .as("the refused attempt left nothing behind")
        .isTrue();
    Reply link = h.merchant().get("/v1/payment-links/" + invoice.text("id"));
    assertThat(link.json().path("uses").asInt()).isEqualTo(1);
    assertThat(link.json().path("payments_count").asInt()).isEqualTo(1);
    assertThat(link.json().path("paid_count").asInt()).isZero();
    assertThat(h.emulatorCalls("stk_push")).isEqualTo(1);
  }
}
